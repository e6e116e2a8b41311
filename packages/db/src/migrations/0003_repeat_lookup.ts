import { type Kysely, sql } from 'kysely';

/** Finds the repeats that name an earlier work order, so a late original re-evaluates them (RULES.md 2.3). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX events_repeat_of ON events (subject_kind, (data->>'repeatOf'))
      WHERE type IN ('complaint.received', 'fault.reported') AND data ? 'repeatOf';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX events_repeat_of`.execute(db);
}
