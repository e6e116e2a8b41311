import { timeZoneOf } from '@engine/domain';
import { OutboxRelay, pingQueue } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { closePeriod, enqueueFollowUps, previewClose, rebuildTimers } from '@engine/use-cases';
import { buildApp } from './app.ts';

/** The API: serves the HTTP contract and relays the outbox of accepted events to the queue. */
export async function startApi(runtime: Runtime): Promise<{ stop: Stop; url: string }> {
  const { config, db, producer, log } = runtime;
  const relay = new OutboxRelay(db, producer.queues.events, config.DATABASE_URL, log);
  const app = await buildApp(
    {
      config,
      db,
      policies: () => runtime.policies.all(),
      pingRedis: () => pingQueue(producer.queues.events),
      queues: Object.values(producer.queues),
      onEventsStored: () => relay.kick(),
      now: runtime.now,
      rebuildTimers: () => rebuildTimers(db, producer, runtime.now),
      reloadPolicies: () => runtime.policies.reload(),
      requestEvaluations: (kind, ids, cause) => producer.evaluateAll(ids.map((id) => ({ kind, id, cause }))),
      closePeriod: (period, closedBy) =>
        closePeriod(
          {
            db,
            policies: runtime.policies,
            policyFamily: config.POLICY_FAMILY,
            now: runtime.now,
            log,
            timeZone: timeZoneOf(runtime.policies.all()),
            followUp: (followUps) => enqueueFollowUps(producer, followUps, runtime.now()),
          },
          period,
          closedBy,
        ),
      previewClose: (period) =>
        previewClose(
          {
            db,
            policies: runtime.policies.all(),
            timeZone: timeZoneOf(runtime.policies.all()),
            now: runtime.now,
          },
          period,
        ),
    },
    { loggerInstance: log },
  );
  await relay.start();
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  return {
    url,
    stop: async () => {
      await app.close();
      await relay.stop();
    },
  };
}
