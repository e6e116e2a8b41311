import {
  appendEntries,
  closedPeriods,
  type Db,
  findSubject,
  lockSubject,
  markLedgerInStep,
  postedEntries,
} from '@engine/db';
import { type LedgerIntent, reconcile } from '@engine/domain';

/**
 * Brings one subject's ledger in step with the fines its latest evaluation implies: reversal and
 * new entries from the domain's reconcile(), appended under the subject's lock. A retried or
 * duplicated job computes the same entries, which the ledger's unique keys then skip: no fine is
 * charged twice. Corrections of a closed month go into the next open one.
 */
export async function postPenalties(db: Db, kind: string, id: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockSubject(trx, kind, id);
    const subject = await findSubject(trx, kind, id);
    if (!subject) return 0;
    const desired = subject.desiredEntries as LedgerIntent[];
    const entries = reconcile(desired, await postedEntries(trx, kind, id), await closedPeriods(trx));
    const appended = await appendEntries(trx, entries);
    await markLedgerInStep(trx, kind, id, subject.stateVersion);
    return appended;
  });
}
