import type { ComplaintState } from '../subjects/complaint.ts';
import { type Instant, type Period, periodOf } from '../time.ts';

/** A case as the quota sees it (RULES.md 2.4). */
export interface QuotaCase {
  subjectId: string;
  departmentId: string;
  /** The month of dispatch. */
  period: Period;
  assessment: string;
  dispatchedAt: Instant;
}

/**
 * RULES.md 2.4: each case's 1-based position among its department's cases of the same assessment
 * in the period, in order of dispatch (ties by work-order number). A case that moves into or out
 * of an assessment moves the positions of the later cases, which the ledger then re-prices.
 */
export function quotaPositions(cases: readonly QuotaCase[]): Map<string, number> {
  const groups = new Map<string, QuotaCase[]>();
  for (const c of cases) {
    const key = `${c.departmentId}\u0000${c.period}\u0000${c.assessment}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const positions = new Map<string, number>();
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        a.dispatchedAt.toMillis() - b.dispatchedAt.toMillis() ||
        (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
    );
    for (const [index, c] of group.entries()) positions.set(c.subjectId, index + 1);
  }
  return positions;
}

/** A complaint as a quota case: cancelled complaints (entered in error) take no place in the count. */
export function quotaCaseOf(state: ComplaintState, timeZone: string): QuotaCase | null {
  if (state.status === 'cancelled') return null;
  return {
    subjectId: state.subjectId,
    departmentId: state.departmentId,
    period: periodOf(state.dispatchedAt, timeZone),
    assessment: state.assessment,
    dispatchedAt: state.dispatchedAt,
  };
}
