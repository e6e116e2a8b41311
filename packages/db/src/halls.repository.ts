import type { HallOfDepartment } from '@engine/domain';
import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

/** The halls table: business halls, whose named head takes hall-head personal fines. */
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

export async function listHalls(db: Db) {
  return db.selectFrom('halls').selectAll().orderBy('id').execute();
}

/** The halls of these ids that are defined, by id, with the department each belongs to. */
export async function hallsByIds(
  db: Db | Trx,
  ids: readonly string[],
): Promise<Map<string, HallOfDepartment>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('halls')
    .select(['id', 'department_id', 'head_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, departmentId: r.department_id, headId: r.head_id }]));
}
