import { type Kysely, sql } from 'kysely';

/**
 * What the workers need: a subject's evaluated fines and next timer, versions that let a sweep find
 * work a lost job left undone, the signals (warnings, breaches...) recorded exactly once, and the
 * webhook subscriptions with their deliveries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Set when the classifier has looked at the event's subject, even if it could not apply the
    -- event yet (no opening event): the sweep re-queues only events nobody looked at.
    ALTER TABLE events ADD COLUMN attempted_at timestamptz;
    CREATE INDEX events_unattempted ON events (enqueued_at) WHERE attempted_at IS NULL;

    ALTER TABLE subjects
      ADD COLUMN desired_entries jsonb NOT NULL DEFAULT '[]',
      -- The earliest future instant at which the state changes without a new event (warning, deadline).
      ADD COLUMN next_check_at timestamptz,
      -- Bumped by each evaluation; the ledger is in step when ledger_version = state_version.
      ADD COLUMN state_version int NOT NULL DEFAULT 0,
      ADD COLUMN ledger_version int NOT NULL DEFAULT 0,
      ADD COLUMN quota_assessment text,
      ADD COLUMN quota_period char(7);
    CREATE INDEX subjects_next_check ON subjects (next_check_at) WHERE next_check_at IS NOT NULL;
    CREATE INDEX subjects_ledger_behind ON subjects (updated_at) WHERE ledger_version < state_version;
    CREATE INDEX subjects_quota ON subjects (department_id, quota_period, quota_assessment, opened_at)
      WHERE quota_assessment IS NOT NULL;

    -- Warnings, breaches, upgrades, over-level complaints and suspensions, each recorded once.
    CREATE TABLE signals (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      key text NOT NULL,
      kind text NOT NULL,
      at timestamptz NOT NULL,
      department_id text,
      detail jsonb NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subject_kind, subject_id, key)
    );

    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      secret text NOT NULL,
      -- signal kinds to deliver; empty: all
      kinds text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );

    CREATE TABLE webhook_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
      signal_id bigint NOT NULL REFERENCES signals (id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subscription_id, signal_id)
    );
    CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE webhook_deliveries, webhook_subscriptions, signals;
    ALTER TABLE subjects DROP COLUMN desired_entries, DROP COLUMN next_check_at, DROP COLUMN state_version,
      DROP COLUMN ledger_version, DROP COLUMN quota_assessment, DROP COLUMN quota_period;
    ALTER TABLE events DROP COLUMN attempted_at;
  `.execute(db);
}
