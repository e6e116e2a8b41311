import { sql } from 'kysely';
import type { Db } from './database.ts';
import { lockDepartmentPeriod, requestEvaluation, type Trx } from './subjects.repository.ts';

/** Reference data (API.md): departments and halls, whose named people take personal fines. */
/** Creates or updates a department; a `policyFamily` left undefined keeps the one it has. */
export async function putDepartment(
  db: Db,
  id: string,
  name: string,
  managerId: string | null,
  policyFamily?: string | null,
) {
  const family = policyFamily === undefined ? {} : { policy_family: policyFamily };
  const row = await db
    .insertInto('departments')
    .values({ id, name, manager_id: managerId, ...family })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name, manager_id: managerId, ...family, updated_at: sql<Date>`now()` }),
    )
    .returning([
      'id',
      'name',
      'manager_id',
      'policy_family',
      'updated_at',
      sql<boolean>`xmax = 0`.as('created'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

/** RULES.md 9: the families assigned to departments (a department without one is absent: the default judges it). */
export async function departmentFamilies(db: Db | Trx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'policy_family'])
    .where('id', 'in', [...new Set(ids)])
    .where('policy_family', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.policy_family!]));
}

export async function putHall(db: Db, id: string, departmentId: string, name: string, headId: string | null) {
  return db
    .insertInto('halls')
    .values({ id, department_id: departmentId, name, head_id: headId })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ department_id: departmentId, name, head_id: headId, updated_at: sql<Date>`now()` }),
    )
    .returning(['id', 'department_id', 'name', 'head_id', 'updated_at', sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirstOrThrow();
}

export async function departmentExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

export async function listDepartments(db: Db) {
  return db.selectFrom('departments').selectAll().orderBy('id').execute();
}

export async function listHalls(db: Db) {
  return db.selectFrom('halls').selectAll().orderBy('id').execute();
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
    await requestEvaluation(trx, 'complaint', ids);
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

/** The departments assigned a policy family, by id. */
export async function assignedDepartments(db: Db) {
  return db
    .selectFrom('departments')
    .select(['id', 'policy_family'])
    .where('policy_family', 'is not', null)
    .orderBy('id')
    .execute();
}
