import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * The subjects that can have a fine of a month's facts (RULES.md 8): opened in it, with a deadline
 * in it, or with a live fine of it; optionally of one department.
 */
export async function subjectsWithFactsIn(
  db: Db,
  month: { period: string; start: Date; end: Date; departmentId?: string },
): Promise<{ kind: string; id: string }[]> {
  const { period, start, end, departmentId } = month;
  const ofDepartment = departmentId ? sql`AND department_id = ${departmentId}` : sql``;
  const { rows } = await sql<{ kind: string; id: string }>`
    SELECT kind, id FROM subjects
      WHERE opened_at >= ${start} AND opened_at < ${end} AND state IS NOT NULL ${ofDepartment}
    UNION SELECT subject_kind, subject_id FROM clocks
      WHERE deadline >= ${start} AND deadline < ${end} ${ofDepartment}
    UNION SELECT source, subject_id FROM ledger_entries
      WHERE origin_period = ${period} AND source <> 'period' ${ofDepartment}
    ORDER BY kind, id`.execute(db);
  return rows;
}

/**
 * What separates a month's two totals, in fen. The ledger summary counts the entries posted into
 * the month (`postedFen`); a replay counts the fines of the month's facts, their origin period.
 * postedFen = factsFen + periodEndFen + fromEarlierFen - toLaterFen, where factsFen is what the
 * replay's live side sums.
 */
export interface PeriodReconciliation {
  postedFen: number;
  /** Month-end entries of the whole month (callback-rate shortfalls): a replay, per subject, has none. */
  periodEndFen: number;
  /** Corrections of earlier months posted into this one because those were closed. */
  fromEarlierFen: number;
  /** Corrections of this month's facts posted into a later month because this one was closed. */
  toLaterFen: number;
}

export async function periodReconciliation(
  db: Db,
  period: string,
  departmentId?: string,
): Promise<PeriodReconciliation> {
  const { rows } = await sql<Record<'posted' | 'period_end' | 'from_earlier' | 'to_later', number>>`
    SELECT coalesce(sum(amount_fen) FILTER (WHERE period = ${period}), 0)::bigint AS posted,
           coalesce(sum(amount_fen) FILTER (WHERE period = ${period} AND source = 'period'), 0)::bigint AS period_end,
           coalesce(sum(amount_fen) FILTER (
             WHERE period = ${period} AND origin_period <> ${period} AND source <> 'period'), 0)::bigint AS from_earlier,
           coalesce(sum(amount_fen) FILTER (
             WHERE origin_period = ${period} AND period <> ${period} AND source <> 'period'), 0)::bigint AS to_later
    FROM ledger_entries
    WHERE (period = ${period} OR origin_period = ${period})
      ${departmentId ? sql`AND department_id = ${departmentId}` : sql``}`.execute(db);
  const row = rows[0]!;
  return {
    postedFen: Number(row.posted),
    periodEndFen: Number(row.period_end),
    fromEarlierFen: Number(row.from_earlier),
    toLaterFen: Number(row.to_later),
  };
}
