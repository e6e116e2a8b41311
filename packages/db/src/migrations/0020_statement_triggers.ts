import { type Kysely, sql } from 'kysely';

/**
 * Two row-level triggers made statement-level, since the classifier now writes a batch of subjects'
 * rows per statement: the check that no entry goes into a closed month reads the periods once per
 * insert instead of once per entry, and the stream's NOTIFY of new signals is sent once per insert
 * (the stream reads every signal after the last it sent; it never used the payload).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER ledger_closed_period ON ledger_entries;
    DROP FUNCTION refuse_closed_period();
    CREATE FUNCTION refuse_closed_periods() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      closed text;
    BEGIN
      SELECT n.period INTO closed FROM posted n JOIN periods p ON p.period = n.period AND p.status = 'closed' LIMIT 1;
      IF closed IS NOT NULL THEN
        RAISE EXCEPTION 'period % is closed: post into the next open period', closed;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER ledger_closed_period AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS posted FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_periods();

    DROP TRIGGER signals_notify ON signals;
    DROP FUNCTION notify_signal();
    CREATE FUNCTION notify_signals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM recorded) THEN
        PERFORM pg_notify('engine_signals', '');
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER signals_notify AFTER INSERT ON signals
      REFERENCING NEW TABLE AS recorded FOR EACH STATEMENT EXECUTE FUNCTION notify_signals();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER signals_notify ON signals;
    DROP FUNCTION notify_signals();
    CREATE FUNCTION notify_signal() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('engine_signals', NEW.id::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER signals_notify AFTER INSERT ON signals FOR EACH ROW EXECUTE FUNCTION notify_signal();

    DROP TRIGGER ledger_closed_period ON ledger_entries;
    DROP FUNCTION refuse_closed_periods();
    CREATE FUNCTION refuse_closed_period() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND status = 'closed') THEN
        RAISE EXCEPTION 'period % is closed: post into the next open period', NEW.period;
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER ledger_closed_period BEFORE INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_closed_period();
  `.execute(db);
}
