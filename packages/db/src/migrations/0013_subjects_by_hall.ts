import { type Kysely, sql } from 'kysely';

/** The subjects naming a hall, found at once when the hall moves to another department or gets another head. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX subjects_hall ON subjects (hall_id) WHERE hall_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX subjects_hall`.execute(db);
}
