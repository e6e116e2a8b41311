import type { Producer } from '@engine/queue';
import type { FollowUps } from './apply-subject.ts';

/** Queues what the evaluation implies; if Redis fails here, the sla-timer's sweep finds it in Postgres. */
export async function enqueueFollowUps(producer: Producer, followUps: FollowUps, now: Date): Promise<void> {
  if (followUps.penalties)
    await producer.postPenalties(
      followUps.penalties.kind,
      followUps.penalties.id,
      followUps.penalties.version,
    );
  if (followUps.timer)
    await producer.scheduleTimer(followUps.timer.kind, followUps.timer.id, followUps.timer.at, now);
  await producer.deliver(followUps.deliveries);
  await producer.evaluateAll(followUps.reevaluate);
}
