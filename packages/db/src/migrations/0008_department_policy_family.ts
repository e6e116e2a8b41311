import { type Kysely, sql } from 'kysely';

/** RULES.md 9: each department is judged by a policy family of its own (null: the engine's default). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE departments ADD COLUMN policy_family text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE departments DROP COLUMN policy_family`.execute(db);
}
