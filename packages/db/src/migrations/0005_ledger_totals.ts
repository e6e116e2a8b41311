import { type Kysely, sql } from 'kysely';

/**
 * Running totals of the ledger per month, department, party and rule, kept by a statement trigger
 * in the transaction that appends the entries: the ledger summary reads a few hundred rows instead
 * of a month's million entries. Exact because the ledger is append-only (a correction is one more
 * entry). Groups are upserted in key order, so two postings never wait on each other crosswise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ledger_totals (
      period char(7) NOT NULL,
      department_id text NOT NULL,
      person_id text NOT NULL DEFAULT '',
      person_role text NOT NULL DEFAULT '',
      rule text NOT NULL,
      total_fen bigint NOT NULL,
      entries bigint NOT NULL,
      reversals bigint NOT NULL,
      PRIMARY KEY (period, department_id, rule, person_id, person_role)
    );

    CREATE FUNCTION add_ledger_totals() RETURNS trigger AS $$
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
    CREATE TRIGGER ledger_totals_after_insert AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION add_ledger_totals();

    INSERT INTO ledger_totals (period, department_id, person_id, person_role, rule, total_fen, entries, reversals)
    SELECT period, department_id, coalesce(person_id, ''), coalesce(person_role, ''), rule,
           sum(amount_fen), count(*), count(*) FILTER (WHERE reversal_of IS NOT NULL)
    FROM ledger_entries GROUP BY 1, 2, 3, 4, 5;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER ledger_totals_after_insert ON ledger_entries;
    DROP FUNCTION add_ledger_totals;
    DROP TABLE ledger_totals;
  `.execute(db);
}
