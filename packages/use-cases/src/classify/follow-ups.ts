import type { Producer } from '@engine/queue';
import type { FollowUps } from './apply-subject.ts';

/** Queues what the evaluation implies; if Redis fails here, the sla-timer's sweep finds it in Postgres. */
export async function enqueueFollowUps(producer: Producer, followUps: FollowUps, now: Date): Promise<void> {
  await enqueueAllFollowUps(producer, [followUps], now);
}

/** enqueueFollowUps for many evaluations (a batch), in a round trip to Redis per kind of job. */
export async function enqueueAllFollowUps(
  producer: Producer,
  all: readonly FollowUps[],
  now: Date,
): Promise<void> {
  await producer.postPenaltiesAll(all.flatMap((f) => (f.penalties ? [f.penalties] : [])));
  await producer.scheduleTimers(
    all.flatMap((f) => (f.timer ? [f.timer] : [])),
    now,
  );
  await producer.deliver(all.flatMap((f) => f.deliveries));
  await producer.evaluateAll(all.flatMap((f) => f.reevaluate));
}
