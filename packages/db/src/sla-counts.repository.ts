import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { DepartmentScope } from './views.repository.ts';

/** The SLA summary's counts, kept per day, department and hall by triggers (migration 0023). */

export interface SlaSummaryRow {
  group_id: string | null;
  received: number;
  upgrades: number;
  over_level: number;
  fr_met: number;
  fr_breached: number;
  fr_running: number;
  res_met: number;
  res_breached: number;
  res_running: number;
}

/**
 * API.md GET /v1/sla/summary: per department (or hall), the complaints dispatched in [from, to):
 * how many, their first-response and resolution clocks by state, upgrades and over-level cases.
 * `from` and `to` are midnights in `zone`, the policy's: the sum of the days between. Counts kept
 * in another zone are filled again first (once, when the zone changed).
 */
export async function slaSummary(
  db: Db,
  filter: {
    from: Date;
    to: Date;
    zone: string;
    groupBy: 'department' | 'hall';
    departments: DepartmentScope;
  },
): Promise<SlaSummaryRow[]> {
  let rows = await summedDays(db, filter);
  if (!rows) {
    await sql`SELECT refill_sla_day_counts(${filter.zone})`.execute(db);
    rows = (await summedDays(db, filter)) ?? [];
  }
  return rows;
}

/** The day counts summed per group; null when they are kept in another zone. */
async function summedDays(
  db: Db,
  filter: {
    from: Date;
    to: Date;
    zone: string;
    groupBy: 'department' | 'hall';
    departments: DepartmentScope;
  },
): Promise<SlaSummaryRow[] | null> {
  const group = filter.groupBy === 'hall' ? sql.ref('c.hall_id') : sql.ref('c.department_id');
  const scope = filter.departments ? sql`AND c.department_id = ANY(${[...filter.departments]})` : sql``;
  const total = (column: string) => sql`sum(c.${sql.ref(column)})::int AS ${sql.ref(column)}`;
  // One row even when nothing was counted (received null), so a stale zone is told from an empty month.
  const { rows } = await sql<SlaSummaryRow & { zone_current: boolean }>`
    SELECT z.zone = ${filter.zone} AS zone_current, g.*
    FROM sla_zone z
    LEFT JOIN LATERAL (
      SELECT ${group} AS group_id, ${sql.join(
        [
          'received',
          'upgrades',
          'over_level',
          'fr_met',
          'fr_breached',
          'fr_running',
          'res_met',
          'res_breached',
          'res_running',
        ].map(total),
      )}
      FROM sla_day_counts c
      -- The zone as a constant, so the planner knows the days (and hashes the groups).
      WHERE c.day >= (${filter.from}::timestamptz AT TIME ZONE ${filter.zone}::text)::date
        AND c.day < (${filter.to}::timestamptz AT TIME ZONE ${filter.zone}::text)::date ${scope}
      GROUP BY 1
      HAVING sum(c.received) > 0
    ) g ON z.zone = ${filter.zone}
    ORDER BY g.group_id NULLS LAST
  `.execute(db);
  if (!rows[0]?.zone_current) return null;
  return rows.filter((r) => r.received !== null).map(({ zone_current, ...row }) => row);
}

/**
 * Folds each day's appended changes into one row per group, so a summary sums a few rows a day
 * whatever was written. Exact beside concurrent writers (their rows committed later stay for the
 * next fold) and beside another fold (a row is deleted, hence summed, by one of them only).
 */
export async function mergeSlaDayCounts(db: Db): Promise<number> {
  const { rows } = await sql<{ days: number }>`
    WITH touched AS (SELECT DISTINCT day FROM sla_day_counts WHERE NOT merged),
    folded AS (DELETE FROM sla_day_counts c USING touched t WHERE c.day = t.day RETURNING c.*),
    merged AS (
      INSERT INTO sla_day_counts (day, department_id, hall_id, received, upgrades, over_level,
                                  fr_met, fr_breached, fr_running, res_met, res_breached, res_running, merged)
      SELECT * FROM (
        SELECT day, department_id, hall_id, sum(received)::int AS received, sum(upgrades)::int AS upgrades,
               sum(over_level)::int AS over_level, sum(fr_met)::int AS fr_met, sum(fr_breached)::int AS fr_breached,
               sum(fr_running)::int AS fr_running, sum(res_met)::int AS res_met,
               sum(res_breached)::int AS res_breached, sum(res_running)::int AS res_running, true
        FROM folded GROUP BY 1, 2, 3
      ) f
      WHERE (received, upgrades, over_level, fr_met, fr_breached, fr_running, res_met, res_breached, res_running)
        <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    )
    SELECT count(*)::int AS days FROM touched
  `.execute(db);
  return rows[0]?.days ?? 0;
}
