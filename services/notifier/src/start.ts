import { publicUrl } from '@engine/config';
import { deadDelivery } from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import { createWorker, defaultJobOptions } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { deliverWebhook } from '@engine/use-cases';

/** The notifier: delivers webhooks for signals, with retries and a dead-letter record. */
export function startNotifier(runtime: Runtime): Stop {
  const { config } = runtime;
  const worker = createWorker(
    'notifications',
    (job) =>
      deliverWebhook(
        runtime.db,
        job.data.deliveryId,
        { isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? defaultJobOptions.attempts ?? 1) },
        {
          timeZone: timeZoneOf(runtime.policies.all()),
          baseUrl: publicUrl(config),
          policy: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE },
          now: runtime.now,
        },
      ),
    {
      redisUrl: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      lockDurationMs: config.JOB_LOCK_MS,
    },
  );
  // The dead letter is kept in Postgres (webhook_deliveries, status dead); the log says it happened and why.
  worker.on('completed', (job, outcome) => {
    if (outcome !== 'dead') return;
    void deadDelivery(runtime.db, job.data.deliveryId)
      .then((dead) => {
        if (!dead) return;
        runtime.log.info(
          {
            happening: 'webhook-dead',
            deliveryId: dead.id,
            subscriptionId: dead.subscriptionId,
            host: new URL(dead.url).host,
            attempts: dead.attempts,
            reason: dead.lastError,
            signal: dead.signalKind,
            subjectKind: dead.subjectKind,
            subjectId: dead.subjectId,
          },
          `webhook dead: delivery ${dead.id} of ${dead.signalKind} for ${dead.subjectKind} ${dead.subjectId} to ${new URL(dead.url).host} given up after ${dead.attempts} attempts: ${dead.lastError}`,
        );
      })
      .catch((err) => runtime.log.warn({ err }, 'could not read a dead webhook delivery'));
  });
  return () => worker.close();
}
