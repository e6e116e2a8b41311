import type { QuotaRule } from '../policy/schema.ts';
import { excessRank, quotaFineFen } from '../pricing/quota.ts';
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
  return positionsOf(cases, (c) => `${c.departmentId}\u0000${c.period}\u0000${c.assessment}`);
}

/**
 * One case's position in its quota group (quotaPositions' number for it), counted among `cases`
 * (with or without the case itself): linear, where quotaPositions sorts the whole group, for a
 * caller that needs one case's place among many (each case of a large quota, one at a time).
 */
export function quotaPositionOf(target: QuotaCase, cases: readonly QuotaCase[]): number {
  let before = 0;
  for (const c of cases) {
    if (
      c.subjectId !== target.subjectId &&
      c.departmentId === target.departmentId &&
      c.period === target.period &&
      c.assessment === target.assessment &&
      byDispatch(c, target) < 0
    )
      before += 1;
  }
  return before + 1;
}

/** Dispatch order within a quota group: by instant, ties by work-order number. */
function byDispatch(
  a: { subjectId: string; dispatchedAt: Instant },
  b: { subjectId: string; dispatchedAt: Instant },
) {
  return (
    a.dispatchedAt.toMillis() - b.dispatchedAt.toMillis() ||
    (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0)
  );
}

function positionsOf<C extends { subjectId: string; dispatchedAt: Instant }>(
  cases: readonly C[],
  groupOf: (c: C) => string,
): Map<string, number> {
  const groups = new Map<string, C[]>();
  for (const c of cases) {
    const key = groupOf(c);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const positions = new Map<string, number>();
  for (const group of groups.values()) {
    group.sort(byDispatch);
    for (const [index, c] of group.entries()) positions.set(c.subjectId, index + 1);
  }
  return positions;
}

/**
 * RULES.md 2.4: the later cases of a quota group whose price changes when a case enters or leaves
 * it. Each later case moves one place; only those whose fine differs between the two places are
 * re-priced (with an unlimited quota, or over-level cases all beyond a quota of 0, none is).
 * `group` is the group as it is now: with the case if it entered, without it if it left.
 */
export function casesRepricedByMove(
  rule: QuotaRule | undefined,
  quota: number | null,
  group: readonly { subjectId: string; dispatchedAt: Instant }[],
  moved: { subjectId: string; dispatchedAt: Instant },
  change: 'entered' | 'left',
): string[] {
  if (!rule) return [];
  // Fines are linear in the case's base amount, so comparing unit prices is enough.
  const unit = (position: number) => quotaFineFen(1, rule, excessRank(position, quota));
  const positions = positionsOf(group, () => '');
  return group
    .filter((c) => c.subjectId !== moved.subjectId && byDispatch(c, moved) > 0)
    .filter((c) => {
      const now = positions.get(c.subjectId)!;
      return unit(now) !== unit(change === 'entered' ? now - 1 : now + 1);
    })
    .map((c) => c.subjectId)
    .sort();
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
