import { type Kysely, sql } from 'kysely';

/**
 * What the web console needs: sessions signed in with a personal key (only a hash of the cookie's
 * token is kept), people's names (the managers, hall heads and staff fines and findings name), a
 * complaint's SLA type and summary as columns the board filters and shows, and a NOTIFY on every
 * new signal and every clock leaving the board, so the API's stream hears of them at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE console_sessions (
      token_hash bytea PRIMARY KEY,
      api_key_id uuid NOT NULL REFERENCES api_keys (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz
    );
    CREATE INDEX console_sessions_key ON console_sessions (api_key_id);

    CREATE TABLE people (
      id text PRIMARY KEY,
      name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE subjects ADD COLUMN sla_type text, ADD COLUMN summary text;
    UPDATE subjects SET sla_type = state->>'slaType' WHERE kind = 'complaint' AND state IS NOT NULL;
    UPDATE subjects s SET summary = e.data->>'summary'
      FROM events e
      WHERE s.kind = 'complaint' AND e.subject_kind = 'complaint' AND e.subject_id = s.id
        AND e.type = 'complaint.received' AND e.data ? 'summary';

    CREATE FUNCTION notify_signal() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('engine_signals', NEW.id::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER signals_notify AFTER INSERT ON signals FOR EACH ROW EXECUTE FUNCTION notify_signal();

    -- A clock that stops, or whose breach late evidence undid, leaves the board: "restored".
    CREATE FUNCTION notify_clock_restored() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.stopped_at IS NULL AND NEW.stopped_at IS NOT NULL
         OR OLD.state <> 'cancelled' AND NEW.state = 'cancelled'
         OR OLD.state = 'breached' AND NEW.state IN ('running', 'met') THEN
        PERFORM pg_notify('engine_clocks', json_build_object(
          'kind', NEW.subject_kind, 'id', NEW.subject_id, 'clock', NEW.name,
          'state', NEW.state, 'departmentId', NEW.department_id, 'deadline', NEW.deadline,
          'at', coalesce(NEW.stopped_at, NEW.updated_at))::text);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER clocks_notify_restored AFTER UPDATE OF state, stopped_at ON clocks
      FOR EACH ROW EXECUTE FUNCTION notify_clock_restored();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER clocks_notify_restored ON clocks;
    DROP FUNCTION notify_clock_restored();
    DROP TRIGGER signals_notify ON signals;
    DROP FUNCTION notify_signal();
    ALTER TABLE subjects DROP COLUMN sla_type, DROP COLUMN summary;
    DROP TABLE people;
    DROP TABLE console_sessions;
  `.execute(db);
}
