import {
  closedPeriods,
  faultsOpenAt,
  findPeriod,
  lockPeriodsExclusive,
  markClosed,
  markClosing,
} from '@engine/db';
import { periodEnd } from '@engine/domain';
import { applySubject, type ClassifierDeps, type FollowUps } from '../classify/apply-subject.ts';
import { Happenings } from '../happenings.ts';
import { postCallbackRate } from './callback-rate.ts';
import { postPenalties } from './post-penalties.ts';

/** RULES.md 8: a period can be closed only once it has ended. */
export class PeriodNotEndedError extends Error {
  readonly period: string;
  readonly endsAt: Date;

  constructor(period: string, endsAt: Date) {
    super(`period ${period} has not ended: it ends at ${endsAt.toISOString()}`);
    this.name = 'PeriodNotEndedError';
    this.period = period;
    this.endsAt = endsAt;
  }
}

export interface CloseOutcome {
  period: string;
  closedAt: Date;
  /** True when it was already closed: closing twice changes nothing. */
  alreadyClosed: boolean;
  /** Faults re-priced as unfinished at the period's end (RULES.md 4). */
  faultsAssessed: number;
  /** Entries the period-end rules posted (unfinished faults, callback-rate shortfalls). */
  entriesPosted: number;
}

export interface CloseDeps extends ClassifierDeps {
  timeZone: string;
  /** Queues what a fault's re-evaluation implies (timers, notifications); the sweep is the backstop. */
  followUp: (followUps: FollowUps) => Promise<void>;
}

/**
 * Closes a month (RULES.md 8): marks it closing, so the faults overdue and unrestored at its end
 * are priced as unfinished when evaluated, evaluates and posts each of them, posts the callback-rate
 * shortfalls, and locks it. Each step is a reconciliation, so a close that was interrupted is
 * finished by running it again; entries may still be posted into the month until the final step,
 * which waits for postings in flight and then refuses any more (they go to the next open month).
 */
export async function closePeriod(
  deps: CloseDeps,
  period: string,
  closedBy: string | null,
): Promise<CloseOutcome> {
  const end = periodEnd(period, deps.timeZone).toJSDate();
  const existing = await findPeriod(deps.db, period);
  const already = (row: { closed_at: Date | null }) => ({
    period,
    closedAt: row.closed_at!,
    alreadyClosed: true,
    faultsAssessed: 0,
    entriesPosted: 0,
  });
  if (existing?.status === 'closed') return already(existing);
  if (deps.now() < end) throw new PeriodNotEndedError(period, end);

  if ((await markClosing(deps.db, period)) === 'closed') return already((await findPeriod(deps.db, period))!);
  const faults = await faultsOpenAt(deps.db, end);
  let entriesPosted = 0;
  for (const id of faults) {
    await deps.followUp(await applySubject(deps, 'fault', id));
    entriesPosted += await postPenalties(deps.db, 'fault', id, deps.log);
  }
  const happened = new Happenings();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockPeriodsExclusive(trx);
    const row = await findPeriod(trx, period);
    if (row?.status === 'closed') return already(row);
    happened.entries(await postCallbackRate(trx, period, await closedPeriods(trx)));
    return {
      period,
      closedAt: await markClosed(trx, period, closedBy, deps.now()),
      alreadyClosed: false,
      faultsAssessed: faults.length,
      entriesPosted: entriesPosted + happened.entryCount(),
    };
  });
  happened.writeTo(deps.log);
  if (!outcome.alreadyClosed) {
    deps.log?.info(
      {
        happening: 'month-closed',
        period,
        closedByKeyId: closedBy,
        faultsAssessed: outcome.faultsAssessed,
        entriesPosted: outcome.entriesPosted,
      },
      `month ${period} closed (unfinished faults priced: ${outcome.faultsAssessed}, entries posted: ${outcome.entriesPosted})`,
    );
  }
  return outcome;
}
