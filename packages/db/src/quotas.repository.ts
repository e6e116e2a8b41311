import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import { lockDepartmentPeriod } from './locks.ts';
import { requestEvaluation } from './subjects.repository.ts';

/** The quotas table: finance's quotas per department, month and assessment (RULES.md 2.4). */
export async function quotaSet(
  trx: Trx,
  departmentId: string,
  period: string,
  assessment: string,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('quotas')
    .select('quota')
    .where('department_id', '=', departmentId)
    .where('period', '=', period)
    .where('assessment', '=', assessment)
    .executeTakeFirst();
  return row?.quota;
}

/**
 * Sets a department's quotas for a month (RULES.md 2.4) and asks for every case counted in them to
 * be evaluated again, so the ledger re-prices the month (corrections of a closed month go into the
 * next open one). Returns the cases to re-evaluate.
 */
export async function setQuotas(
  db: Db,
  departmentId: string,
  period: string,
  quotas: Readonly<Record<string, number>>,
  setBy: string | null,
  now: Date,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    // The classifier prices a case under this lock: a case it is pricing now is either listed here
    // or priced with the new quota.
    await lockDepartmentPeriod(trx, departmentId, period);
    for (const [assessment, quota] of Object.entries(quotas)) {
      await trx
        .insertInto('quotas')
        .values({ department_id: departmentId, period, assessment, quota, set_by: setBy })
        .onConflict((oc) =>
          oc
            .columns(['department_id', 'period', 'assessment'])
            .doUpdateSet({ quota, set_by: setBy, set_at: sql<Date>`now()` }),
        )
        .execute();
    }
    const cases = await trx
      .selectFrom('subjects')
      .select('id')
      .where('kind', '=', 'complaint')
      .where('department_id', '=', departmentId)
      .where('quota_period', '=', period)
      .where('quota_assessment', 'in', Object.keys(quotas))
      .execute();
    const ids = cases.map((c) => c.id);
    await requestEvaluation(trx, 'complaint', ids, now);
    return ids;
  });
}

export async function quotasOf(db: Db, departmentId: string, period: string) {
  return db
    .selectFrom('quotas')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('period', '=', period)
    .orderBy('assessment')
    .execute();
}
