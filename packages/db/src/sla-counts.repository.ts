import { formatInstant } from '@engine/domain';
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

const countColumns = [
  'received',
  'upgrades',
  'over_level',
  'fr_met',
  'fr_breached',
  'fr_running',
  'res_met',
  'res_breached',
  'res_running',
] as const;

/** The date (YYYY-MM-DD) an instant falls on in a zone (formatInstant keeps each zone's offsets). */
const dayIn = (instant: Date, zone: string) => formatInstant(instant.getTime(), zone).slice(0, 10);

/** The first day of the month after the one a first day (YYYY-MM-01) opens. */
function nextMonth(first: string): string {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The counts summed per group; null when they are kept in another zone. A whole month reads its
 * month rows and the day rows not folded into them yet; any other span, its day rows.
 */
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
  const first = dayIn(filter.from, filter.zone);
  const last = dayIn(filter.to, filter.zone);
  const columns = sql.join(['department_id', 'hall_id', ...countColumns].map((c) => sql.ref(c)));
  const counts =
    first.endsWith('-01') && last === nextMonth(first)
      ? sql`SELECT ${columns} FROM sla_month_counts WHERE day = ${first}::date
          UNION ALL
          SELECT ${columns} FROM sla_day_counts WHERE day >= ${first}::date AND day < ${last}::date AND NOT merged`
      : sql`SELECT ${columns} FROM sla_day_counts WHERE day >= ${first}::date AND day < ${last}::date`;
  const group = filter.groupBy === 'hall' ? sql.ref('c.hall_id') : sql.ref('c.department_id');
  const scope = filter.departments ? sql`WHERE c.department_id = ANY(${[...filter.departments]})` : sql``;
  const totals = sql.join(countColumns.map((c) => sql`sum(c.${sql.ref(c)})::int AS ${sql.ref(c)}`));
  // One row even when nothing was counted (received null), so a stale zone is told from an empty span.
  const { rows } = await sql<SlaSummaryRow & { zone_current: boolean }>`
    SELECT z.zone = ${filter.zone} AS zone_current, g.*
    FROM sla_zone z
    LEFT JOIN LATERAL (
      SELECT ${group} AS group_id, ${totals}
      FROM (${counts}) c ${scope}
      GROUP BY 1
      HAVING sum(c.received) > 0
    ) g ON z.zone = ${filter.zone}
    ORDER BY g.group_id NULLS LAST
  `.execute(db);
  if (!rows[0]?.zone_current) return null;
  return rows.filter((r) => r.received !== null).map(({ zone_current, ...row }) => row);
}

/**
 * Folds each day's appended changes into one row per group, and adds them to the month's rows, so
 * a summary sums a few rows a day (a month's, one per group) whatever was written. Exact beside concurrent writers (their rows committed later stay for the
 * next fold) and beside another fold (a row is deleted, hence summed, by one of them only).
 */
export async function mergeSlaDayCounts(db: Db): Promise<number> {
  const sums = sql.join(countColumns.map((c) => sql`sum(${sql.ref(c)})::int AS ${sql.ref(c)}`));
  const nonZero = sql`(${sql.join(countColumns.map((c) => sql.ref(c)))}) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)`;
  const { rows } = await sql<{ days: number }>`
    WITH touched AS (SELECT DISTINCT day FROM sla_day_counts WHERE NOT merged),
    folded AS (DELETE FROM sla_day_counts c USING touched t WHERE c.day = t.day RETURNING c.*),
    days AS (
      INSERT INTO sla_day_counts (day, department_id, hall_id, ${sql.join(countColumns.map((c) => sql.ref(c)))}, merged)
      SELECT *, true FROM (SELECT day, department_id, hall_id, ${sums} FROM folded GROUP BY 1, 2, 3) f
      WHERE ${nonZero}
    ),
    -- The month rows already hold the merged rows: only what was not merged is added.
    months AS (
      INSERT INTO sla_month_counts AS m
      SELECT date_trunc('month', day)::date, department_id, hall_id, ${sums}
      FROM folded WHERE NOT merged GROUP BY 1, 2, 3
      ON CONFLICT (day, department_id, hall_id) DO UPDATE SET
        ${sql.join(countColumns.map((c) => sql`${sql.ref(c)} = m.${sql.ref(c)} + excluded.${sql.ref(c)}`))}
    )
    SELECT count(*)::int AS days FROM touched
  `.execute(db);
  return rows[0]?.days ?? 0;
}
