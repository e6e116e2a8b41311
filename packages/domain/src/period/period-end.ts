import { departmentParty, intent, type LedgerIntent } from '../ledger/entry.ts';
import type { Policy } from '../policy/policy.ts';
import { rateShortfallFen } from '../pricing/callbacks.ts';
import type { CallbackState } from '../subjects/callback.ts';
import type { Instant, Period } from '../time.ts';

/**
 * RULES.md 6, run when a period closes: per department and callback kind, the rate of callbacks
 * done among those whose last allowed day fell in the period; each full point below target is fined.
 * Once the period is closed (`closedAt`), its rate is what was done by the close: a callback done
 * later does not count, while late evidence of one done before the close does.
 */
export function callbackRateShortfalls(
  policy: Policy,
  period: Period,
  callbacks: readonly Pick<
    CallbackState,
    'departmentId' | 'kind' | 'countsAsDone' | 'ratePeriod' | 'completedAt'
  >[],
  closedAt: Instant | null = null,
): LedgerIntent[] {
  const tallies = new Map<string, { departmentId: string; kind: string; due: number; done: number }>();
  for (const callback of callbacks) {
    if (callback.ratePeriod !== period) continue;
    const key = `${callback.departmentId}\u0000${callback.kind}`;
    const tally = tallies.get(key) ?? {
      departmentId: callback.departmentId,
      kind: callback.kind,
      due: 0,
      done: 0,
    };
    tally.due += 1;
    const doneByClose =
      closedAt === null ||
      (callback.completedAt !== null && callback.completedAt.toMillis() <= closedAt.toMillis());
    if (callback.countsAsDone && doneByClose) tally.done += 1;
    tallies.set(key, tally);
  }
  return [...tallies.values()]
    .sort((a, b) => (a.departmentId + a.kind < b.departmentId + b.kind ? -1 : 1))
    .flatMap((tally) =>
      intent({
        source: 'period',
        // One subject per department, kind and month, so finance finds each department's entry.
        subjectId: callbackRateSubjectId(tally.departmentId, tally.kind, period),
        rule: 'callback.rate_shortfall',
        cause: 'rate',
        party: departmentParty(tally.departmentId),
        amountFen: rateShortfallFen(policy.pack, tally.done, tally.due),
        period,
        policyVersion: policy.pack.version,
        causeEventId: null,
      }),
    );
}

/** The rules a month's close prices (RULES.md 4 and 6): what finance looks for in a closed month. */
export const periodEndRules = ['fault.repair.unfinished', 'callback.rate_shortfall'] as const;

/** The subject a callback-rate shortfall is posted under: `callback-rate:<department>:<kind>:<month>`. */
export function callbackRateSubjectId(departmentId: string, kind: string, period: Period): string {
  return `callback-rate:${departmentId}:${kind}:${period}`;
}

/**
 * RULES.md 4: a fault is unfinished at a period's end when its repair deadline fell before the end
 * and it was not restored by then; closing the period then prices it as unfinished (100 yuan in the
 * default pack) instead of late. The one place this is decided: evaluateFault asks it of each
 * closed period, and the close evaluates every fault still open at the end.
 */
export function isUnfinishedAtEnd(deadline: Instant, restoredAt: Instant | null, end: Instant): boolean {
  const restoredByEnd = restoredAt !== null && restoredAt.toMillis() <= end.toMillis();
  return !restoredByEnd && deadline.toMillis() < end.toMillis();
}
