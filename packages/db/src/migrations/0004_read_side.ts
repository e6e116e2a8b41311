import { type Kysely, sql } from 'kysely';

/**
 * The read side and period close: columns the SLA summary groups by, a closing state for periods
 * (their period-end rules are running), the guarantee that nothing is posted into a closed period,
 * and a revision on policy versions so a process never freezes a body that was replaced meanwhile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE subjects ADD COLUMN assessment text, ADD COLUMN upgraded boolean;
    UPDATE subjects SET assessment = state->>'assessment', upgraded = (state->>'upgraded')::boolean
      WHERE kind = 'complaint' AND state IS NOT NULL;
    CREATE INDEX subjects_opened ON subjects (kind, opened_at) INCLUDE (department_id, hall_id, assessment, upgraded);
    -- RULES.md 6: the callbacks whose rate a period carries.
    CREATE INDEX subjects_callback_rate ON subjects ((state->>'ratePeriod')) WHERE kind = 'callback';
    -- RULES.md 4: the faults a period close looks at.
    CREATE INDEX clocks_fault_deadline ON clocks (deadline) WHERE subject_kind = 'fault';

    ALTER TABLE periods DROP CONSTRAINT periods_status_check;
    ALTER TABLE periods ADD CONSTRAINT periods_status_check CHECK (status IN ('open', 'closing', 'closed'));

    CREATE FUNCTION refuse_closed_period() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND status = 'closed') THEN
        RAISE EXCEPTION 'period % is closed: post into the next open period', NEW.period;
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER ledger_closed_period BEFORE INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_closed_period();
    CREATE INDEX ledger_period_rule ON ledger_entries (period, rule);

    ALTER TABLE policy_versions ADD COLUMN revision int NOT NULL DEFAULT 1;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE policy_versions DROP COLUMN revision;
    DROP INDEX ledger_period_rule;
    DROP TRIGGER ledger_closed_period ON ledger_entries;
    DROP FUNCTION refuse_closed_period;
    ALTER TABLE periods DROP CONSTRAINT periods_status_check;
    UPDATE periods SET status = 'open' WHERE status = 'closing';
    ALTER TABLE periods ADD CONSTRAINT periods_status_check CHECK (status IN ('open', 'closed'));
    DROP INDEX clocks_fault_deadline, subjects_callback_rate, subjects_opened;
    ALTER TABLE subjects DROP COLUMN assessment, DROP COLUMN upgraded;
  `.execute(db);
}
