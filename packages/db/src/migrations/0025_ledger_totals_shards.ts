import { type Kysely, sql } from 'kysely';

/**
 * The ledger's running totals (0005) kept per shard: the trigger added a posting's totals to the
 * one row of its month, department, party and rule, so two classifier batches fining the same
 * department waited on each other's commit (the wait on a transaction id that took most of the
 * pipeline's time). Each backend now adds to rows of its own shard (its process id modulo 16), so
 * concurrent postings hardly ever meet; every reader already sums the rows of a group, which are
 * now up to 16 instead of one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE ledger_totals ADD COLUMN shard smallint NOT NULL DEFAULT 0;
    ALTER TABLE ledger_totals DROP CONSTRAINT ledger_totals_pkey;
    ALTER TABLE ledger_totals ADD PRIMARY KEY (period, department_id, rule, person_id, person_role, shard);

    CREATE OR REPLACE FUNCTION add_ledger_totals() RETURNS trigger AS $$
    BEGIN
      INSERT INTO ledger_totals AS t (period, department_id, person_id, person_role, rule, shard, total_fen, entries, reversals)
      SELECT period, department_id, coalesce(person_id, ''), coalesce(person_role, ''), rule, pg_backend_pid() % 16,
             sum(amount_fen), count(*), count(*) FILTER (WHERE reversal_of IS NOT NULL)
      FROM appended
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 5, 3, 4
      ON CONFLICT (period, department_id, rule, person_id, person_role, shard) DO UPDATE
        SET total_fen = t.total_fen + excluded.total_fen,
            entries = t.entries + excluded.entries,
            reversals = t.reversals + excluded.reversals;
      RETURN NULL;
    END $$ LANGUAGE plpgsql;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION add_ledger_totals() RETURNS trigger AS $$
    BEGIN
      INSERT INTO ledger_totals AS t (period, department_id, person_id, person_role, rule, total_fen, entries, reversals)
      SELECT period, department_id, coalesce(person_id, ''), coalesce(person_role, ''), rule,
             sum(amount_fen), count(*), count(*) FILTER (WHERE reversal_of IS NOT NULL)
      FROM appended
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 5, 3, 4
      ON CONFLICT (period, department_id, rule, person_id, person_role) DO UPDATE
        SET total_fen = t.total_fen + excluded.total_fen,
            entries = t.entries + excluded.entries,
            reversals = t.reversals + excluded.reversals;
      RETURN NULL;
    END $$ LANGUAGE plpgsql;

    CREATE TEMP TABLE folded AS
      SELECT period, department_id, person_id, person_role, rule,
             sum(total_fen) AS total_fen, sum(entries) AS entries, sum(reversals) AS reversals
      FROM ledger_totals GROUP BY 1, 2, 3, 4, 5;
    DELETE FROM ledger_totals;
    ALTER TABLE ledger_totals DROP CONSTRAINT ledger_totals_pkey;
    ALTER TABLE ledger_totals DROP COLUMN shard;
    ALTER TABLE ledger_totals ADD PRIMARY KEY (period, department_id, rule, person_id, person_role);
    INSERT INTO ledger_totals (period, department_id, person_id, person_role, rule, total_fen, entries, reversals)
      SELECT period, department_id, person_id, person_role, rule, total_fen, entries, reversals FROM folded;
    DROP TABLE folded;
  `.execute(db);
}
