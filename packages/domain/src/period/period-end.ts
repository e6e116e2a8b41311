import { departmentParty, intent, type LedgerIntent } from '../ledger/entry.ts';
import type { Policy } from '../policy/policy.ts';
import { rateShortfallFen } from '../pricing/callbacks.ts';
import type { CallbackState } from '../subjects/callback.ts';
import type { FaultState } from '../subjects/fault.ts';
import { type Instant, type Period, periodEnd } from '../time.ts';

/**
 * RULES.md 6, run when a period closes: per department and callback kind, the rate of callbacks
 * done among those whose last allowed day fell in the period; each full point below target is fined.
 */
export function callbackRateShortfalls(
  policy: Policy,
  period: Period,
  callbacks: readonly Pick<CallbackState, 'departmentId' | 'kind' | 'countsAsDone' | 'ratePeriod'>[],
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
    if (callback.countsAsDone) tally.done += 1;
    tallies.set(key, tally);
  }
  return [...tallies.values()]
    .sort((a, b) => (a.departmentId + a.kind < b.departmentId + b.kind ? -1 : 1))
    .flatMap((tally) =>
      intent({
        source: 'period',
        subjectId: `callback-rate:${tally.kind}:${period}`,
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

/**
 * RULES.md 4, run when a period closes: the faults still not restored at the period's end and past
 * their deadline. Re-evaluating them with the period closed (evaluateFault's `closedPeriods`) prices
 * them as unfinished, instead of late.
 */
export function faultsUnfinishedAtEnd(
  policy: Policy,
  period: Period,
  faults: readonly FaultState[],
): FaultState[] {
  const end: Instant = periodEnd(period, policy.pack.timeZone);
  return faults.filter((fault) => {
    const [repair] = fault.clocks;
    const restoredBeforeEnd = repair.stoppedAt !== null && repair.stoppedAt.toMillis() <= end.toMillis();
    return !restoredBeforeEnd && repair.deadline.toMillis() < end.toMillis();
  });
}
