import { type Kysely, sql } from 'kysely';

/**
 * Working-day calendars as data the engine stores (seeded from the shipped file at first start),
 * each year kept by revision: a replaced year stays readable as history, and the newest revision
 * is the one deadlines use. Subjects record the years their deadlines need data for (used
 * provisionally, or waited for), so storing a year finds exactly the subjects it changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendars (
      id text PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL,
      weekend smallint[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE calendar_years (
      calendar_id text NOT NULL REFERENCES calendars (id),
      year smallint NOT NULL CHECK (year BETWEEN 1901 AND 2099),
      revision integer NOT NULL,
      holidays jsonb NOT NULL,
      workdays jsonb NOT NULL,
      source text NOT NULL,
      stored_by text NOT NULL,
      stored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (calendar_id, year, revision)
    );

    CREATE FUNCTION refuse_calendar_year_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'calendar_years is append-only: store a new revision of the year instead';
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER calendar_years_append_only BEFORE UPDATE OR DELETE ON calendar_years
      FOR EACH ROW EXECUTE FUNCTION refuse_calendar_year_change();

    ALTER TABLE subjects ADD COLUMN calendar_needs smallint[] NOT NULL DEFAULT '{}';
    CREATE INDEX subjects_calendar_needs ON subjects USING gin (calendar_needs)
      WHERE calendar_needs <> '{}';

    ALTER TABLE clocks ADD COLUMN provisional_years smallint[] NOT NULL DEFAULT '{}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE clocks DROP COLUMN provisional_years;
    DROP INDEX subjects_calendar_needs;
    ALTER TABLE subjects DROP COLUMN calendar_needs;
    DROP TABLE calendar_years;
    DROP TABLE calendars;
    DROP FUNCTION refuse_calendar_year_change();
  `.execute(db);
}
