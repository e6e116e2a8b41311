import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ApiKeyError,
  countActiveKeys,
  createApiKey,
  findActiveApiKey,
  hashApiKey,
  revokeApiKey,
} from '../src/api-keys.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import { uid } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

describe('an API key is shown once in clear and stored only as its hash', () => {
  it('is created with its name, role and departments, and only the sha256 and the prefix are stored', async () => {
    const name = uid('manager key');
    const { key, apiKey } = await createApiKey(db, { name, role: 'manager', departments: ['D1', 'D2'] });
    expect(key).toMatch(/^cse_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({ id: expect.any(String), name, role: 'manager', departments: ['D1', 'D2'] });
    const row = await db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash.equals(createHash('sha256').update(key).digest())).toBe(true);
    expect(row.key_hash.equals(hashApiKey(key))).toBe(true);
    expect(row.prefix).toBe(key.slice(4, 12));
    expect(row.revoked_at).toBeNull();
    // The clear key is nowhere in the row.
    expect(JSON.stringify(row)).not.toContain(key.slice(13));
  });

  it('departments limit manager and finance keys; on an ingest or admin key they are refused, and nothing is stored', async () => {
    const name = uid('scoped');
    expect(
      (await createApiKey(db, { name, role: 'finance', departments: ['D1'] })).apiKey.departments,
    ).toEqual(['D1']);
    for (const role of ['ingest', 'admin'] as const) {
      await expect(createApiKey(db, { name, role, departments: ['D1'] })).rejects.toThrow(
        new ApiKeyError(
          `an ${role} key acts for every department and cannot be limited to some; only manager and finance keys can`,
        ),
      );
    }
    await expect(createApiKey(db, { name, role: 'manager', departments: [] })).rejects.toBeInstanceOf(
      ApiKeyError,
    );
    const stored = await db.selectFrom('api_keys').select('role').where('name', '=', name).execute();
    expect(stored.map((r) => r.role)).toEqual(['finance']);
  });

  it('two keys created with the same name and role are distinct keys', async () => {
    const name = uid('twin');
    const a = await createApiKey(db, { name, role: 'ingest' });
    const b = await createApiKey(db, { name, role: 'ingest' });
    expect(a.key).not.toBe(b.key);
    expect(a.apiKey.id).not.toBe(b.apiKey.id);
    expect((await findActiveApiKey(db, a.key))?.id).toBe(a.apiKey.id);
    expect((await findActiveApiKey(db, b.key))?.id).toBe(b.apiKey.id);
  });
});

describe('a key is found active by its secret, and only by it', () => {
  it('finds the key by its secret, departments left out meaning every department', async () => {
    const name = uid('finance key');
    const { key, apiKey } = await createApiKey(db, { name, role: 'finance' });
    expect(apiKey.departments).toBeNull();
    expect(await findActiveApiKey(db, key)).toEqual({
      id: apiKey.id,
      name,
      role: 'finance',
      departments: null,
    });
  });

  it('a wrong secret, one character off, or the bare prefix finds nothing', async () => {
    const { key } = await createApiKey(db, { name: uid('admin key'), role: 'admin' });
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(await findActiveApiKey(db, `${key.slice(0, -1)}${last}`)).toBeUndefined();
    expect(await findActiveApiKey(db, key.slice(0, 13))).toBeUndefined();
    expect(await findActiveApiKey(db, `${key} `)).toBeUndefined();
    expect(await findActiveApiKey(db, '')).toBeUndefined();
  });
});

describe('a revoked key is never found again', () => {
  it('revoking reports true once, then false; the key is no longer found and stays stored with its revocation time', async () => {
    const { key, apiKey } = await createApiKey(db, { name: uid('to revoke'), role: 'ingest' });
    expect(await findActiveApiKey(db, key)).toBeDefined();
    expect(await revokeApiKey(db, apiKey.id)).toBe(true);
    expect(await findActiveApiKey(db, key)).toBeUndefined();
    const row = await db
      .selectFrom('api_keys')
      .select('revoked_at')
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeInstanceOf(Date);
    // A second revocation changes nothing: the first revocation time stands.
    expect(await revokeApiKey(db, apiKey.id)).toBe(false);
    const again = await db
      .selectFrom('api_keys')
      .select('revoked_at')
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(again.revoked_at).toEqual(row.revoked_at);
  });

  it('revoking an id no key has reports false and revokes nothing else', async () => {
    const { key } = await createApiKey(db, { name: uid('bystander'), role: 'manager' });
    expect(await revokeApiKey(db, randomUUID())).toBe(false);
    expect(await findActiveApiKey(db, key)).toBeDefined();
  });
});

describe('active keys are counted per role', () => {
  it('a new key adds one to its role only, and revoking it takes the one away', async () => {
    // Repeatable read: other test files create keys in the same database meanwhile.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const before = {
          admin: await countActiveKeys(trx, 'admin'),
          ingest: await countActiveKeys(trx, 'ingest'),
        };
        const { apiKey } = await createApiKey(trx, { name: uid('counted'), role: 'admin' });
        expect(await countActiveKeys(trx, 'admin')).toBe(before.admin + 1);
        expect(await countActiveKeys(trx, 'ingest')).toBe(before.ingest);
        expect(await revokeApiKey(trx, apiKey.id)).toBe(true);
        expect(await countActiveKeys(trx, 'admin')).toBe(before.admin);
      });
  });
});
