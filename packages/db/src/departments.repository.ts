import type { HallOfDepartment } from '@engine/domain';
import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import { hallsByIds } from './halls.repository.ts';
import type { DepartmentScope } from './views.repository.ts';

/** The departments table (API.md reference data), and the ids subjects name but nobody defined. */
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

export async function departmentExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

export async function listDepartments(db: Db) {
  return db.selectFrom('departments').selectAll().orderBy('id').execute();
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

/**
 * Department ids that subjects name but no department defines (API.md GET /v1/departments?unknown=true):
 * the hotline's events are never dropped for it, so an admin must see them to name them.
 */
export async function unknownDepartments(db: Db, departments: DepartmentScope) {
  const scope = departments ? sql`AND s.department_id = ANY(${[...departments]})` : sql``;
  const { rows } = await sql<{
    id: string;
    subjects: number;
    first_seen: Date;
    last_seen: Date;
    charged_fen: string | null;
  }>`
    SELECT s.department_id AS id, count(*)::int AS subjects, min(s.opened_at) AS first_seen,
           max(s.opened_at) AS last_seen,
           (SELECT sum(t.total_fen) FROM ledger_totals t WHERE t.department_id = s.department_id) AS charged_fen
    FROM subjects s
    WHERE s.department_id IS NOT NULL AND s.opened_at IS NOT NULL ${scope}
      AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = s.department_id)
    GROUP BY s.department_id
    ORDER BY s.department_id`.execute(db);
  return rows.map((r) => ({ ...r, charged_fen: Number(r.charged_fen ?? 0) }));
}

/** The department's manager and the hall a subject names, as stored (the domain decides whom a fine names). */
export async function responsibleParties(
  trx: Trx,
  departmentId: string,
  hallId: string | null,
): Promise<{ departmentManagerId: string | null; hall: HallOfDepartment | undefined }> {
  const department = await trx
    .selectFrom('departments')
    .select('manager_id')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  const hall = hallId ? (await hallsByIds(trx, [hallId])).get(hallId) : undefined;
  return { departmentManagerId: department?.manager_id ?? null, hall };
}
