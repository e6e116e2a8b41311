import { type Kysely, sql } from 'kysely';

/**
 * The SLA day counts' trigger functions (0023) look each changed complaint's clocks, and each
 * changed clock's complaint, up by its key. As joins, the planner could take the whole of
 * `clocks` (or `subjects`) for each statement when their statistics were stale (a table grown
 * faster than autovacuum analyzes it: a backfill), filtering it row by row: every insert then cost
 * more than the last, 5-7 s per classifier batch with 100,000 complaints. As lateral lookups with
 * LIMIT 1 (which the planner does not flatten back into a join) they are an index probe per row
 * by the primary key, whatever the statistics say; the key makes the LIMIT change nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION add_sla_subject_changes(changes sla_subject_change[]) RETURNS void LANGUAGE sql AS $$
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
        LEFT JOIN LATERAL (SELECT state FROM clocks
          WHERE subject_kind = 'complaint' AND subject_id = c.id AND name = 'first_response' LIMIT 1) fr ON true
        LEFT JOIN LATERAL (SELECT state FROM clocks
          WHERE subject_kind = 'complaint' AND subject_id = c.id AND name = 'resolution' LIMIT 1) res ON true
        GROUP BY 1, 2, 3
      ) d
      WHERE (received, upgrades, over_level, fr_met, fr_breached, fr_running, res_met, res_breached, res_running)
        <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    $$;

    CREATE OR REPLACE FUNCTION add_sla_clock_changes(changes sla_clock_change[]) RETURNS void LANGUAGE sql AS $$
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
        CROSS JOIN LATERAL (SELECT * FROM subjects WHERE kind = 'complaint' AND id = c.subject_id LIMIT 1) s
        WHERE (sla_subject_change_of(1, s)).sign IS NOT NULL
        GROUP BY 1, 2, 3
      ) d
      WHERE (fr_met, fr_breached, fr_running, res_met, res_breached, res_running) <> (0, 0, 0, 0, 0, 0)
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION add_sla_subject_changes(changes sla_subject_change[]) RETURNS void LANGUAGE sql AS $$
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

    CREATE OR REPLACE FUNCTION add_sla_clock_changes(changes sla_clock_change[]) RETURNS void LANGUAGE sql AS $$
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
  `.execute(db);
}
