import {
  appendEntriesReturning,
  closedPeriods,
  type Db,
  findSubject,
  lockPeriodsShared,
  lockSubject,
  markLedgerInStep,
  postedEntries,
} from '@engine/db';
import { parseLedgerIntents, parseStoredState, reconcile } from '@engine/domain';
import { type HappeningLog, Happenings } from '../happenings.ts';
import { postCallbackRate } from './callback-rate.ts';

/**
 * Brings one subject's ledger in step with the fines its latest evaluation implies: reversal and
 * new entries from the domain's reconcile(), appended under the subject's lock. A retried or
 * duplicated job computes the same entries, which the ledger's unique keys then skip: no fine is
 * charged twice. Corrections of a closed month go into the next open one. What it posts is logged
 * to `log` once committed.
 */
export async function postPenalties(db: Db, kind: string, id: string, log?: HappeningLog): Promise<number> {
  const happened = new Happenings();
  const appended = await db.transaction().execute(async (trx) => {
    await lockSubject(trx, kind, id);
    await lockPeriodsShared(trx);
    const subject = await findSubject(trx, kind, id);
    if (!subject) return 0;
    const desired = parseLedgerIntents(subject.desiredEntries, `subjects/${kind}/${id}.desired_entries`);
    // Read after the lock, in a statement of its own: its snapshot sees a close that committed while we waited.
    const closed = await closedPeriods(trx);
    const entries = reconcile(desired, await postedEntries(trx, kind, id), closed);
    happened.entries(await appendEntriesReturning(trx, entries));
    // RULES.md 6 and 8: a callback that changes after its rate period closed corrects that rate.
    const ratePeriod =
      kind === 'callback'
        ? parseStoredState('callback', subject.state, `subjects/callback/${id}`).ratePeriod
        : undefined;
    if (ratePeriod && closed.has(ratePeriod))
      happened.entries(await postCallbackRate(trx, ratePeriod, closed));
    await markLedgerInStep(trx, kind, id, subject.stateVersion);
    return happened.entryCount();
  });
  happened.writeTo(log);
  return appended;
}
