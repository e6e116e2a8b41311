import {
  type CheckKey,
  type Db,
  mergeSlaDayCounts,
  pendingDeliveries,
  requeueUnattemptedEvents,
  subjectsCheckedBy,
  subjectsDue,
  subjectsWithLedgerBehind,
} from '@engine/db';
import type { Producer } from '@engine/queue';

/**
 * A timer fired: the subject's next warning or deadline has come. The classifier re-evaluates it
 * from Postgres, the truth, which records the warning or breach once (signals are unique per subject).
 */
export async function onTimer(producer: Producer, kind: string, id: string, at: string): Promise<void> {
  await producer.evaluateDue([{ kind, id, cause: `timer-${Date.parse(at)}` }]);
}

/**
 * The timer loader: schedules the timer of every subject whose next check comes within the
 * producer's horizon (the past included), read from Postgres page by page along the next_check_at
 * index. Run at start and on an interval well below the horizon, it brings clocks into Redis as
 * they come near, and rebuilds the near future after a FLUSHALL or a restart; a timer already in
 * Redis is the same job id, so loading twice schedules once. Answers how many timers it asked for;
 * `now` is the engine's clock.
 */
export async function rebuildTimers(db: Db, producer: Producer, now: () => Date): Promise<number> {
  const until = Number.isFinite(producer.timerHorizonMs)
    ? new Date(now().getTime() + producer.timerHorizonMs)
    : null;
  let after: CheckKey | null = null;
  let total = 0;
  for (;;) {
    const page = await subjectsCheckedBy(db, until, after, 1_000);
    if (page.length === 0) return total;
    total += await producer.scheduleTimers(
      page.map((s) => ({ kind: s.kind, id: s.id, at: s.next_check_at! })),
      // Each page's delays from the clock as it reads then, so a long load fires nothing late.
      now(),
    );
    const last = page.at(-1)!;
    after = { at: last.check_key, kind: last.kind, id: last.id };
  }
}

export interface SweepResult {
  due: number;
  ledgersBehind: number;
  eventsRequeued: number;
  deliveries: number;
}

/**
 * The safety net under Redis: finds in Postgres what a lost job left undone (a timer that did not
 * fire, a ledger behind its subject, an event no classifier saw, a webhook not delivered) and
 * queues it again. With Redis flushed, every breach still happens, at most one sweep late.
 */
export async function sweep(db: Db, producer: Producer, now: Date): Promise<SweepResult> {
  const due = await subjectsDue(db, now, 5_000);
  await producer.evaluateDue(
    due.map((s) => ({ kind: s.kind, id: s.id, cause: `due-${s.next_check_at!.getTime()}` })),
  );
  const behind = await subjectsWithLedgerBehind(db, 5, 5_000);
  for (const s of behind) await producer.postPenalties(s.kind, s.id, s.state_version);
  const eventsRequeued = await requeueUnattemptedEvents(db, 30);
  const deliveries = await pendingDeliveries(db, 60, 5_000);
  await producer.deliver(deliveries);
  // Housekeeping on the same beat: the SLA summary's day counts folded (migration 0023).
  await mergeSlaDayCounts(db);
  return { due: due.length, ledgersBehind: behind.length, eventsRequeued, deliveries: deliveries.length };
}
