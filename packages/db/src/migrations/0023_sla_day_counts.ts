import { type Kysely, sql } from 'kysely';

/**
 * The SLA summary's counts per day of dispatch (in the policy's zone), department and hall, kept
 * by statement triggers on subjects and clocks in the transaction that writes them: a month's
 * summary sums a few thousand rows instead of joining 100,000 complaints with their clocks. A
 * month, an ISO week and a day are each a run of whole days.
 *
 * Each write appends its net change as new rows (never updating a shared row), so concurrent
 * batches neither wait on each other nor deadlock; the sweep folds a day's rows into one per
 * group (`merged`) and adds what it folded to the month's rows, which a month's summary reads. Exact as long as one statement writes only one of the two tables (the engine's
 * do): a subject's change is counted with its clocks as they stand, a clock's with its subject.
 * The zone the days are cut in is stored once; a different zone refills the counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sla_zone (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      zone text NOT NULL
    );
    INSERT INTO sla_zone (zone) VALUES ('Asia/Shanghai');

    CREATE TABLE sla_day_counts (
      day date NOT NULL,
      department_id text,
      hall_id text,
      received int NOT NULL,
      upgrades int NOT NULL,
      over_level int NOT NULL,
      fr_met int NOT NULL,
      fr_breached int NOT NULL,
      fr_running int NOT NULL,
      res_met int NOT NULL,
      res_breached int NOT NULL,
      res_running int NOT NULL,
      merged boolean NOT NULL DEFAULT false
    );
    CREATE INDEX sla_day_counts_day ON sla_day_counts (day);
    CREATE INDEX sla_day_counts_unmerged ON sla_day_counts (day) WHERE NOT merged;

    -- The merged day rows summed per month (day = its first): a month's summary reads these and
    -- the month's day rows not merged yet. Written only by the fold, so no writer waits on them.
    CREATE TABLE sla_month_counts (LIKE sla_day_counts);
    ALTER TABLE sla_month_counts DROP COLUMN merged,
      ADD CONSTRAINT sla_month_counts_group UNIQUE NULLS NOT DISTINCT (day, department_id, hall_id);

    -- A counted complaint (API.md GET /v1/sla/summary: evaluated, not cancelled) as it enters
    -- (sign 1) or leaves (-1) the counts; null for any other subject.
    CREATE TYPE sla_subject_change AS (
      sign int, id text, opened_at timestamptz, department_id text, hall_id text, upgraded boolean, over_level boolean
    );
    CREATE FUNCTION sla_subject_change_of(sign int, s subjects) RETURNS sla_subject_change LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN s.kind = 'complaint' AND s.opened_at IS NOT NULL AND s.status IS DISTINCT FROM 'cancelled'
                       AND s.state IS NOT NULL
        THEN (sign, s.id, s.opened_at, s.department_id, s.hall_id, s.upgraded IS TRUE,
              s.assessment IS NOT DISTINCT FROM 'over_level')::sla_subject_change END
    $$;
    -- Appends the net change of complaints entering and leaving, each with its clocks as they stand.
    CREATE FUNCTION add_sla_subject_changes(changes sla_subject_change[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO sla_day_counts (day, department_id, hall_id, received, upgrades, over_level,
                                  fr_met, fr_breached, fr_running, res_met, res_breached, res_running)
      SELECT * FROM (
        SELECT (c.opened_at AT TIME ZONE z.zone)::date, c.department_id, c.hall_id,
               sum(c.sign)::int AS received, sum(c.sign * c.upgraded::int)::int AS upgrades,
               sum(c.sign * c.over_level::int)::int AS over_level,
               coalesce(sum(c.sign) FILTER (WHERE fr.state = 'met'), 0)::int AS fr_met,
               coalesce(sum(c.sign) FILTER (WHERE fr.state = 'breached'), 0)::int AS fr_breached,
               coalesce(sum(c.sign) FILTER (WHERE fr.state = 'running'), 0)::int AS fr_running,
               coalesce(sum(c.sign) FILTER (WHERE res.state = 'met'), 0)::int AS res_met,
               coalesce(sum(c.sign) FILTER (WHERE res.state = 'breached'), 0)::int AS res_breached,
               coalesce(sum(c.sign) FILTER (WHERE res.state = 'running'), 0)::int AS res_running
        FROM unnest(changes) c
        CROSS JOIN sla_zone z
        LEFT JOIN clocks fr ON fr.subject_kind = 'complaint' AND fr.subject_id = c.id AND fr.name = 'first_response'
        LEFT JOIN clocks res ON res.subject_kind = 'complaint' AND res.subject_id = c.id AND res.name = 'resolution'
        GROUP BY 1, 2, 3
      ) d
      WHERE (received, upgrades, over_level, fr_met, fr_breached, fr_running, res_met, res_breached, res_running)
        <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    $$;

    -- A complaint's clock as it enters (1) or leaves (-1) a state; appended with its subject's group if counted.
    CREATE TYPE sla_clock_change AS (sign int, subject_id text, name text, state text);
    CREATE FUNCTION add_sla_clock_changes(changes sla_clock_change[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO sla_day_counts (day, department_id, hall_id, received, upgrades, over_level,
                                  fr_met, fr_breached, fr_running, res_met, res_breached, res_running)
      SELECT * FROM (
        SELECT (s.opened_at AT TIME ZONE z.zone)::date, s.department_id, s.hall_id, 0, 0, 0,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'first_response' AND c.state = 'met'), 0)::int AS fr_met,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'first_response' AND c.state = 'breached'), 0)::int AS fr_breached,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'first_response' AND c.state = 'running'), 0)::int AS fr_running,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'resolution' AND c.state = 'met'), 0)::int AS res_met,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'resolution' AND c.state = 'breached'), 0)::int AS res_breached,
               coalesce(sum(c.sign) FILTER (WHERE c.name = 'resolution' AND c.state = 'running'), 0)::int AS res_running
        FROM unnest(changes) c
        CROSS JOIN sla_zone z
        JOIN subjects s ON s.kind = 'complaint' AND s.id = c.subject_id
        WHERE (sla_subject_change_of(1, s)).sign IS NOT NULL
        GROUP BY 1, 2, 3
      ) d
      WHERE (fr_met, fr_breached, fr_running, res_met, res_breached, res_running) <> (0, 0, 0, 0, 0, 0)
    $$;

    CREATE FUNCTION count_sla_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM add_sla_subject_changes(array(
          SELECT c FROM new_subjects n, sla_subject_change_of(1, n) c WHERE c.sign IS NOT NULL));
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM add_sla_subject_changes(array(
          SELECT c FROM old_subjects o, sla_subject_change_of(-1, o) c WHERE c.sign IS NOT NULL));
      ELSE
        -- Only the rows whose counted facts changed (most updates change none): out as they were, in as they are.
        PERFORM add_sla_subject_changes(array(
          SELECT x.c FROM old_subjects o FULL JOIN new_subjects n ON n.kind = o.kind AND n.id = o.id
          CROSS JOIN LATERAL (VALUES (sla_subject_change_of(-1, o)), (sla_subject_change_of(1, n))) AS x (c)
          WHERE (o.kind = 'complaint' OR n.kind = 'complaint') AND (x.c).sign IS NOT NULL
            AND sla_subject_change_of(1, o) IS DISTINCT FROM sla_subject_change_of(1, n)));
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER sla_counts_subjects_insert AFTER INSERT ON subjects
      REFERENCING NEW TABLE AS new_subjects FOR EACH STATEMENT EXECUTE FUNCTION count_sla_subjects();
    CREATE TRIGGER sla_counts_subjects_update AFTER UPDATE ON subjects
      REFERENCING OLD TABLE AS old_subjects NEW TABLE AS new_subjects FOR EACH STATEMENT EXECUTE FUNCTION count_sla_subjects();
    CREATE TRIGGER sla_counts_subjects_delete AFTER DELETE ON subjects
      REFERENCING OLD TABLE AS old_subjects FOR EACH STATEMENT EXECUTE FUNCTION count_sla_subjects();

    CREATE FUNCTION count_sla_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM add_sla_clock_changes(array(
          SELECT (1, n.subject_id, n.name, n.state)::sla_clock_change FROM new_clocks n WHERE n.subject_kind = 'complaint'));
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM add_sla_clock_changes(array(
          SELECT (-1, o.subject_id, o.name, o.state)::sla_clock_change FROM old_clocks o WHERE o.subject_kind = 'complaint'));
      ELSE
        -- Only the clocks that changed state (most evaluations store the same states again).
        PERFORM add_sla_clock_changes(array(
          SELECT x.c FROM old_clocks o FULL JOIN new_clocks n
            ON n.subject_kind = o.subject_kind AND n.subject_id = o.subject_id AND n.name = o.name
          CROSS JOIN LATERAL (
            SELECT (-1, o.subject_id, o.name, o.state)::sla_clock_change WHERE o.subject_kind = 'complaint'
            UNION ALL
            SELECT (1, n.subject_id, n.name, n.state)::sla_clock_change WHERE n.subject_kind = 'complaint'
          ) AS x (c)
          WHERE o.state IS DISTINCT FROM n.state OR o.subject_id IS NULL OR n.subject_id IS NULL));
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER sla_counts_clocks_insert AFTER INSERT ON clocks
      REFERENCING NEW TABLE AS new_clocks FOR EACH STATEMENT EXECUTE FUNCTION count_sla_clocks();
    CREATE TRIGGER sla_counts_clocks_update AFTER UPDATE ON clocks
      REFERENCING OLD TABLE AS old_clocks NEW TABLE AS new_clocks FOR EACH STATEMENT EXECUTE FUNCTION count_sla_clocks();
    CREATE TRIGGER sla_counts_clocks_delete AFTER DELETE ON clocks
      REFERENCING OLD TABLE AS old_clocks FOR EACH STATEMENT EXECUTE FUNCTION count_sla_clocks();

    -- Every count again from the subjects and clocks, days cut in \`day_zone\`: writers wait meanwhile.
    CREATE FUNCTION refill_sla_day_counts(day_zone text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      LOCK TABLE subjects, clocks IN SHARE MODE;
      UPDATE sla_zone SET zone = day_zone;
      DELETE FROM sla_day_counts;
      DELETE FROM sla_month_counts;
      INSERT INTO sla_day_counts (day, department_id, hall_id, received, upgrades, over_level,
                                  fr_met, fr_breached, fr_running, res_met, res_breached, res_running, merged)
      SELECT (s.opened_at AT TIME ZONE day_zone)::date, s.department_id, s.hall_id,
             count(*), count(*) FILTER (WHERE s.upgraded), count(*) FILTER (WHERE s.assessment = 'over_level'),
             count(*) FILTER (WHERE fr.state = 'met'), count(*) FILTER (WHERE fr.state = 'breached'),
             count(*) FILTER (WHERE fr.state = 'running'), count(*) FILTER (WHERE res.state = 'met'),
             count(*) FILTER (WHERE res.state = 'breached'), count(*) FILTER (WHERE res.state = 'running'), true
      FROM subjects s
      LEFT JOIN clocks fr ON fr.subject_kind = 'complaint' AND fr.subject_id = s.id AND fr.name = 'first_response'
      LEFT JOIN clocks res ON res.subject_kind = 'complaint' AND res.subject_id = s.id AND res.name = 'resolution'
      WHERE (sla_subject_change_of(1, s)).sign IS NOT NULL
      GROUP BY 1, 2, 3;
      INSERT INTO sla_month_counts
      SELECT date_trunc('month', day)::date, department_id, hall_id, sum(received), sum(upgrades), sum(over_level),
             sum(fr_met), sum(fr_breached), sum(fr_running), sum(res_met), sum(res_breached), sum(res_running)
      FROM sla_day_counts GROUP BY 1, 2, 3;
    END $$;
    SELECT refill_sla_day_counts('Asia/Shanghai');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER sla_counts_clocks_delete ON clocks;
    DROP TRIGGER sla_counts_clocks_update ON clocks;
    DROP TRIGGER sla_counts_clocks_insert ON clocks;
    DROP TRIGGER sla_counts_subjects_delete ON subjects;
    DROP TRIGGER sla_counts_subjects_update ON subjects;
    DROP TRIGGER sla_counts_subjects_insert ON subjects;
    DROP FUNCTION count_sla_clocks(), count_sla_subjects(), refill_sla_day_counts(text);
    DROP FUNCTION add_sla_clock_changes(sla_clock_change[]), add_sla_subject_changes(sla_subject_change[]);
    DROP FUNCTION sla_subject_change_of(int, subjects);
    DROP TYPE sla_clock_change, sla_subject_change;
    DROP TABLE sla_month_counts, sla_day_counts, sla_zone;
  `.execute(db);
}
