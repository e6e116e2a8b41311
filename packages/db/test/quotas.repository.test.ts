import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { quotaSet, quotasOf, setQuotas } from '../src/quotas.repository.ts';
import { insertSubject, nextCheckOf, uid } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

const quotaOf = (departmentId: string, period: string, assessment: string) =>
  db.transaction().execute((trx) => quotaSet(trx, departmentId, period, assessment));

describe("finance sets a department's quotas for a month", () => {
  it('stores each quota with who set it, reads them back by assessment, and reads one alone', async () => {
    const department = uid('dep-quota');
    const setBy = randomUUID();
    expect(
      await setQuotas(db, department, '2026-05', { over_level: 1, class4: 3 }, setBy, new Date()),
    ).toEqual([]);
    const rows = await quotasOf(db, department, '2026-05');
    expect(rows).toEqual([
      {
        department_id: department,
        period: '2026-05',
        assessment: 'class4',
        quota: 3,
        set_by: setBy,
        set_at: expect.any(Date),
      },
      {
        department_id: department,
        period: '2026-05',
        assessment: 'over_level',
        quota: 1,
        set_by: setBy,
        set_at: expect.any(Date),
      },
    ]);
    expect(await quotaOf(department, '2026-05', 'class4')).toBe(3);
    expect(await quotaOf(department, '2026-05', 'over_level')).toBe(1);
  });

  it('nothing set reads as no quota: another month, another department, another assessment', async () => {
    const department = uid('dep-quota-none');
    await setQuotas(db, department, '2026-05', { class4: 2 }, null, new Date());
    expect(await quotaOf(department, '2026-06', 'class4')).toBeUndefined();
    expect(await quotaOf(uid('dep-other'), '2026-05', 'class4')).toBeUndefined();
    expect(await quotaOf(department, '2026-05', 'over_level')).toBeUndefined();
    expect(await quotasOf(db, department, '2026-06')).toEqual([]);
  });

  it('setting a quota again replaces it in place, with the new setter, and keeps the quotas not named', async () => {
    const department = uid('dep-quota-replace');
    const first = randomUUID();
    const second = randomUUID();
    await setQuotas(db, department, '2026-05', { class4: 3, over_level: 1 }, first, new Date());
    const [before] = await quotasOf(db, department, '2026-05');
    await setQuotas(db, department, '2026-05', { class4: 0 }, second, new Date());
    const after = await quotasOf(db, department, '2026-05');
    expect(after.map((q) => [q.assessment, q.quota, q.set_by])).toEqual([
      ['class4', 0, second],
      ['over_level', 1, first],
    ]);
    expect(after[0]!.set_at.getTime()).toBeGreaterThanOrEqual(before!.set_at.getTime());
    expect(await quotaOf(department, '2026-05', 'class4')).toBe(0);
  });

  it('a negative quota is refused and none of the quotas sent with it is stored', async () => {
    const department = uid('dep-quota-bad');
    await setQuotas(db, department, '2026-05', { class4: 3 }, null, new Date());
    await expect(
      setQuotas(db, department, '2026-05', { class4: 5, over_level: -1 }, null, new Date()),
    ).rejects.toThrow(/quotas_quota_check/);
    expect((await quotasOf(db, department, '2026-05')).map((q) => [q.assessment, q.quota])).toEqual([
      ['class4', 3],
    ]);
  });
});

describe('setting quotas asks for every case counted in them to be evaluated again', () => {
  it("returns the department's complaints of that month and assessment, and makes exactly those due now", async () => {
    const department = uid('dep-quota-cases');
    const later = new Date(Date.now() + 86_400_000);
    const earlier = new Date(Date.now() - 3_600_000);
    const p = uid('q');
    const counted = { quotaPeriod: '2026-05', departmentId: department, nextCheckAt: later };
    await insertSubject(db, { kind: 'complaint', id: `${p}-class4`, quotaAssessment: 'class4', ...counted });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-over`,
      quotaAssessment: 'over_level',
      ...counted,
    });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-idle`,
      quotaAssessment: 'class4',
      ...counted,
      nextCheckAt: null,
    });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-overdue`,
      quotaAssessment: 'class4',
      ...counted,
      nextCheckAt: earlier,
    });
    // Not counted in the quotas set below:
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-other-quota`,
      quotaAssessment: 'class5',
      ...counted,
    });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-other-month`,
      quotaAssessment: 'class4',
      ...counted,
      quotaPeriod: '2026-06',
    });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-other-dep`,
      quotaAssessment: 'class4',
      ...counted,
      departmentId: uid('dep-elsewhere'),
    });
    await insertSubject(db, { kind: 'fault', id: `${p}-fault`, quotaAssessment: 'class4', ...counted });

    const start = Date.now();
    const cases = await setQuotas(db, department, '2026-05', { class4: 2, over_level: 0 }, null, new Date());
    expect([...cases].sort()).toEqual([`${p}-class4`, `${p}-idle`, `${p}-over`, `${p}-overdue`]);

    const now = Date.now();
    for (const id of [`${p}-class4`, `${p}-over`, `${p}-idle`]) {
      const due = (await nextCheckOf(db, 'complaint', id))!;
      expect(due.getTime()).toBeGreaterThanOrEqual(start - 1000);
      expect(due.getTime()).toBeLessThanOrEqual(now);
    }
    // Already due earlier: stays as due as it was.
    expect(await nextCheckOf(db, 'complaint', `${p}-overdue`)).toEqual(earlier);
    for (const id of [`${p}-other-quota`, `${p}-other-month`, `${p}-other-dep`]) {
      expect(await nextCheckOf(db, 'complaint', id)).toEqual(later);
    }
    expect(await nextCheckOf(db, 'fault', `${p}-fault`)).toEqual(later);
  });

  it('setting a quota nobody is counted in asks for nothing', async () => {
    const department = uid('dep-quota-empty');
    await insertSubject(db, {
      kind: 'complaint',
      id: uid('q-unrelated'),
      departmentId: department,
      quotaAssessment: 'class4',
      quotaPeriod: '2026-07',
    });
    expect(await setQuotas(db, department, '2026-05', { class4: 1 }, null, new Date())).toEqual([]);
  });
});
