import {
  closedPeriods,
  type Db,
  faultsOpenAt,
  findPeriod,
  findSubject,
  markClosing,
  postedEntries,
} from '@engine/db';
import {
  type NewEntry,
  openingTypeOf,
  type Policy,
  parseInstant,
  periodEnd,
  reconcile,
} from '@engine/domain';
import { domainEventsOf } from '../classify/apply-subject.ts';
import { evaluateStored } from '../classify/evaluate-stored.ts';
import { callbackRateEntries } from './callback-rate.ts';
import { PeriodNotEndedError } from './close-period.ts';

export interface ClosePreview {
  period: string;
  alreadyClosed: boolean;
  /** Faults overdue and not restored at the month's end, which the close prices as unfinished. */
  faultsAssessed: number;
  /** What the close would post: reversals and new entries, as the ledger would get them. */
  entries: NewEntry[];
}

/** Thrown out of the preview's transaction so that nothing of it is kept. */
class Rollback extends Error {
  readonly preview: ClosePreview;

  constructor(preview: ClosePreview) {
    super('close preview: rolled back');
    this.preview = preview;
  }
}

/**
 * A dry run of closePeriod (RULES.md 8): the period-end rules (unfinished faults, callback-rate
 * shortfalls) computed exactly as the close computes them, inside a transaction that marks the
 * month closing and is then rolled back, so the ledger and the month are left as they were.
 */
export async function previewClose(
  deps: { db: Db; policies: readonly Policy[]; timeZone: string; now: () => Date },
  period: string,
): Promise<ClosePreview> {
  const end = periodEnd(period, deps.timeZone).toJSDate();
  if ((await findPeriod(deps.db, period))?.status === 'closed') {
    return { period, alreadyClosed: true, faultsAssessed: 0, entries: [] };
  }
  if (deps.now() < end) throw new PeriodNotEndedError(period, end);
  const now = parseInstant(deps.now().toISOString());
  try {
    await deps.db.transaction().execute(async (trx) => {
      await markClosing(trx, period);
      const closed = await closedPeriods(trx);
      const faults = await faultsOpenAt(trx, end);
      const entries: NewEntry[] = [];
      for (const id of faults) {
        const subject = await findSubject(trx, 'fault', id);
        const events = await domainEventsOf(trx, 'fault', id);
        const opening = events.find((e) => e.type === openingTypeOf.fault);
        const policy = deps.policies.find((p) => p.pack.version === subject?.policyVersion);
        if (!subject || !opening || !policy) continue;
        const { evaluation } = await evaluateStored(
          trx,
          policy,
          { kind: 'fault', id, events, opening, previousQuota: null },
          now,
        );
        entries.push(...reconcile(evaluation.entries, await postedEntries(trx, 'fault', id), closed));
      }
      entries.push(...(await callbackRateEntries(trx, period, closed)));
      throw new Rollback({ period, alreadyClosed: false, faultsAssessed: faults.length, entries });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.preview;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
