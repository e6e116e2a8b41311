import {
  type AppendedEntry,
  appendEntriesReturning,
  callbacksOfRatePeriod,
  findPolicyVersion,
  loadStoredCalendars,
  lockPeriodScope,
  periodClosedAt,
  postedPeriodEntries,
  type Trx,
} from '@engine/db';
import {
  callbackRateShortfalls,
  loadPolicyPack,
  type NewEntry,
  parseInstant,
  reconcile,
} from '@engine/domain';

/**
 * RULES.md 6: the callback-rate shortfall of a period, for every department and kind, reconciled
 * with what is already posted for it: at the close, and again whenever a callback of a closed
 * period changes (the correction then goes into the next open period). Judged by the pack version
 * the period's callbacks were judged by (the latest of them when a month spans two).
 */
export async function postCallbackRate(
  trx: Trx,
  period: string,
  closed: ReadonlySet<string>,
): Promise<AppendedEntry[]> {
  await lockPeriodScope(trx, `callback-rate:${period}`);
  return appendEntriesReturning(trx, await callbackRateEntries(trx, period, closed));
}

/** The entries that bring a period's callback-rate shortfalls in step (what postCallbackRate appends). */
export async function callbackRateEntries(
  trx: Trx,
  period: string,
  closed: ReadonlySet<string>,
): Promise<NewEntry[]> {
  const callbacks = await callbacksOfRatePeriod(trx, period);
  const version = callbacks.reduce<(typeof callbacks)[number] | undefined>(
    (latest, c) => (!latest || c.policyEffectiveFrom > latest.policyEffectiveFrom ? c : latest),
    undefined,
  )?.policyVersion;
  const stored = version ? await findPolicyVersion(trx, version) : undefined;
  const closedAt = await periodClosedAt(trx, period);
  const desired = stored
    ? callbackRateShortfalls(
        loadPolicyPack(stored.body, `policy_versions/${version}`, await loadStoredCalendars(trx)),
        period,
        callbacks.map((c) => ({
          ...c,
          completedAt: c.completedAt ? parseInstant(c.completedAt.toISOString()) : null,
        })),
        closedAt ? parseInstant(closedAt.toISOString()) : null,
      )
    : [];
  const posted = await postedPeriodEntries(trx, `callback-rate:%:${period}`);
  return reconcile(desired, posted, closed);
}
