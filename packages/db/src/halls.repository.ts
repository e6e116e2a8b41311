import { sql } from 'kysely';
import type { Db } from './database.ts';

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
