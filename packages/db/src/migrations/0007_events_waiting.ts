import { type Kysely, sql } from 'kysely';

/**
 * An event whose subject was never opened (a fault.restored with no fault.reported) waits for the
 * opening event with a status of its own, instead of staying 'pending' for ever: it can be listed
 * and counted through a small partial index, and leaves it when the opening event is applied.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE events DROP CONSTRAINT events_status_check;
    ALTER TABLE events ADD CONSTRAINT events_status_check
      CHECK (status IN ('pending', 'waiting', 'applied', 'failed'));
    -- Oldest first for GET /v1/events?status=waiting, and the engine_backlog gauge's count.
    CREATE INDEX events_waiting ON events (seq) WHERE status = 'waiting';

    -- Events a classifier already looked at and left pending because nothing opened their subject.
    UPDATE events e SET status = 'waiting'
    WHERE e.status = 'pending'
      AND e.attempted_at IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM events o
        WHERE o.subject_kind = e.subject_kind
          AND o.subject_id = e.subject_id
          AND o.type = CASE e.subject_kind
            WHEN 'complaint' THEN 'complaint.received'
            WHEN 'fault' THEN 'fault.reported'
            WHEN 'callback' THEN 'callback.opened'
            WHEN 'finding' THEN 'finding.recorded'
          END
      );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX events_waiting;
    UPDATE events SET status = 'pending' WHERE status = 'waiting';
    ALTER TABLE events DROP CONSTRAINT events_status_check;
    ALTER TABLE events ADD CONSTRAINT events_status_check CHECK (status IN ('pending', 'applied', 'failed'));
  `.execute(db);
}
