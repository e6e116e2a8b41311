import { fuling2012Policy } from '@engine/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import {
  findPolicyVersion,
  markPolicyUsed,
  putPolicyVersion,
  StalePolicyError,
} from '../src/policy-versions.repository.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 12 });
});
afterAll(async () => {
  await db.destroy();
});

const packOf = (version: string, repeatWindowDays = 30) => ({
  ...fuling2012Policy.pack,
  version,
  effectiveFrom: '2099-01-01',
  repeatWindowDays,
});

describe('a policy version is frozen by its first use', () => {
  it('ten subjects using an unused version at once all succeed, and it is then immutable', async () => {
    const version = `pv-burst-${Date.now()}`;
    expect(await putPolicyVersion(db, packOf(version))).toBe('created');
    await Promise.all(
      Array.from({ length: 10 }, () => db.transaction().execute((trx) => markPolicyUsed(trx, version, 1))),
    );
    expect((await findPolicyVersion(db, version))!.first_used_at).not.toBeNull();
    expect(await putPolicyVersion(db, packOf(version, 7))).toBe('in-use');
    expect((await findPolicyVersion(db, version))!.revision).toBe(1);
  });

  it('a process that judged by a replaced body is told so, and nothing is frozen', async () => {
    const version = `pv-stale-${Date.now()}`;
    await putPolicyVersion(db, packOf(version));
    expect(await putPolicyVersion(db, packOf(version, 7))).toBe('replaced');
    await expect(db.transaction().execute((trx) => markPolicyUsed(trx, version, 1))).rejects.toBeInstanceOf(
      StalePolicyError,
    );
    expect((await findPolicyVersion(db, version))!.first_used_at).toBeNull();
    await db.transaction().execute((trx) => markPolicyUsed(trx, version, 2));
    expect((await findPolicyVersion(db, version))!.first_used_at).not.toBeNull();
  });
});
