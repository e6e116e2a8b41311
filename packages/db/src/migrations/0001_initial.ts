import { type Kysely, sql } from 'kysely';

/**
 * The whole schema of the engine. Postgres is the source of truth: the event store, subjects and
 * their clocks, the append-only ledger, and the reference data. Redis holds only what can be
 * rebuilt from here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The sender's event ids, globally unique. Narrow and unpartitioned, so uniqueness holds across
    -- the monthly partitions of events (a partitioned table can only be unique per partition key).
    CREATE TABLE event_ids (
      id text PRIMARY KEY,
      seq bigint NOT NULL,
      received_at timestamptz NOT NULL,
      body_hash bytea NOT NULL
    );

    CREATE SEQUENCE events_seq AS bigint;

    -- The append-only event store, partitioned by month of receipt: tens of millions of events a
    -- month stay in small indexes, and old months can be detached and archived whole.
    CREATE TABLE events (
      seq bigint NOT NULL DEFAULT nextval('events_seq'),
      id text NOT NULL,
      type text NOT NULL,
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      data jsonb NOT NULL,
      body_hash bytea NOT NULL,
      api_key_id uuid,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
      error text,
      applied_at timestamptz,
      -- The outbox: null until the relay has handed the event to the queue.
      enqueued_at timestamptz,
      PRIMARY KEY (received_at, seq)
    ) PARTITION BY RANGE (received_at);
    CREATE TABLE events_default PARTITION OF events DEFAULT;
    CREATE INDEX events_subject ON events (subject_kind, subject_id, occurred_at);
    CREATE INDEX events_unqueued ON events (seq) WHERE enqueued_at IS NULL;

    -- Creates the monthly partitions of events from the month of 'first' for 'months' months.
    CREATE FUNCTION ensure_event_partitions(first date, months int) RETURNS void AS $$
    DECLARE
      month date;
    BEGIN
      FOR i IN 0 .. months - 1 LOOP
        month := date_trunc('month', first)::date + make_interval(months => i);
        EXECUTE format(
          'CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
          'events_' || to_char(month, 'YYYY_MM'), month, month + interval '1 month');
      END LOOP;
    END $$ LANGUAGE plpgsql;
    SELECT ensure_event_partitions((now() - interval '1 month')::date, 15);

    CREATE TABLE departments (
      id text PRIMARY KEY,
      name text NOT NULL,
      manager_id text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE halls (
      id text PRIMARY KEY,
      department_id text NOT NULL REFERENCES departments (id),
      name text NOT NULL,
      head_id text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Policy packs by version; immutable once a subject was judged by it.
    CREATE TABLE policy_versions (
      version text PRIMARY KEY,
      family text NOT NULL,
      effective_from date NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      first_used_at timestamptz
    );
    CREATE INDEX policy_versions_family ON policy_versions (family, effective_from);

    -- One row per complaint, fault, callback or finding: its evaluated state, rebuilt from events.
    CREATE TABLE subjects (
      kind text NOT NULL CHECK (kind IN ('complaint', 'fault', 'callback', 'finding')),
      id text NOT NULL,
      department_id text,
      hall_id text,
      status text,
      policy_version text REFERENCES policy_versions (version),
      opened_at timestamptz,
      state jsonb,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, id)
    );
    CREATE INDEX subjects_department ON subjects (department_id, kind, opened_at);

    CREATE TABLE clocks (
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      name text NOT NULL,
      department_id text NOT NULL,
      started_at timestamptz NOT NULL,
      deadline timestamptz NOT NULL,
      stopped_at timestamptz,
      state text NOT NULL CHECK (state IN ('running', 'met', 'breached', 'cancelled')),
      breached_at timestamptz,
      at_risk_from timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject_kind, subject_id, name),
      FOREIGN KEY (subject_kind, subject_id) REFERENCES subjects (kind, id)
    );
    CREATE INDEX clocks_department ON clocks (department_id, state, deadline);
    CREATE INDEX clocks_running ON clocks (deadline) WHERE state = 'running';

    CREATE TABLE periods (
      period char(7) PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      closed_at timestamptz,
      closed_by uuid
    );

    -- The penalty ledger: append-only (enforced below). A correction is a reversal row naming the
    -- row it cancels. (entry_key, generation) makes posting the same fine twice impossible.
    CREATE TABLE ledger_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entry_key text NOT NULL,
      generation int NOT NULL,
      reversal_of bigint UNIQUE REFERENCES ledger_entries (id),
      period char(7) NOT NULL,
      origin_period char(7) NOT NULL,
      rule text NOT NULL,
      policy_version text NOT NULL,
      department_id text NOT NULL,
      person_id text,
      person_role text CHECK (person_role IN ('manager', 'hall_head', 'staff')),
      amount_fen bigint NOT NULL,
      source text NOT NULL,
      subject_id text NOT NULL,
      cause_event_id text,
      posted_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((reversal_of IS NULL) = (amount_fen > 0))
    );
    CREATE UNIQUE INDEX ledger_posting ON ledger_entries (entry_key, generation) WHERE reversal_of IS NULL;
    CREATE INDEX ledger_period_department ON ledger_entries (period, department_id, id);
    CREATE INDEX ledger_subject ON ledger_entries (subject_id, id);
    CREATE INDEX ledger_person ON ledger_entries (person_id, period) WHERE person_id IS NOT NULL;

    CREATE FUNCTION refuse_ledger_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'ledger_entries is append-only: post a reversal instead';
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
    CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();

    CREATE TABLE quotas (
      department_id text NOT NULL,
      period char(7) NOT NULL,
      assessment text NOT NULL,
      quota int NOT NULL CHECK (quota >= 0),
      set_by uuid,
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (department_id, period, assessment)
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('ingest', 'manager', 'finance', 'admin')),
      -- null: every department (managers only read their own when set)
      departments text[],
      -- sha256 of the whole key; keys are 32 random bytes, so a fast hash is enough
      key_hash bytea NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE api_keys, quotas, ledger_entries, periods, clocks, subjects, policy_versions, halls,
      departments, events, event_ids;
    DROP FUNCTION refuse_ledger_change, ensure_event_partitions;
    DROP SEQUENCE events_seq;
  `.execute(db);
}
