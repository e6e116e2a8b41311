import { type Kysely, sql } from 'kysely';

/**
 * The fields of a subject's state that SQL filters and groups by, promoted to typed columns the
 * classifier writes from the domain's state, so no query reads the state JSON by path (renaming
 * a state field can no longer silently break SQL). Existing rows are filled from their state once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE subjects
      ADD COLUMN person_id text,
      ADD COLUMN finding_rule text,
      ADD COLUMN rate_period char(7),
      ADD COLUMN callback_kind text,
      ADD COLUMN counts_as_done boolean,
      ADD COLUMN completed_at timestamptz;
    UPDATE subjects SET person_id = state->>'personId', finding_rule = state->>'rule'
      WHERE kind = 'finding' AND state IS NOT NULL;
    UPDATE subjects SET rate_period = state->>'ratePeriod', callback_kind = state->>'kind',
        counts_as_done = (state->>'countsAsDone')::boolean, completed_at = (state->>'completedAt')::timestamptz
      WHERE kind = 'callback' AND state IS NOT NULL;
    DROP INDEX subjects_callback_rate;
    CREATE INDEX subjects_callback_rate ON subjects (rate_period) WHERE kind = 'callback';
    CREATE INDEX subjects_person_findings ON subjects (person_id, opened_at) WHERE kind = 'finding';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX subjects_person_findings;
    DROP INDEX subjects_callback_rate;
    CREATE INDEX subjects_callback_rate ON subjects ((state->>'ratePeriod')) WHERE kind = 'callback';
    ALTER TABLE subjects DROP COLUMN person_id, DROP COLUMN finding_rule, DROP COLUMN rate_period,
      DROP COLUMN callback_kind, DROP COLUMN counts_as_done, DROP COLUMN completed_at;
  `.execute(db);
}
