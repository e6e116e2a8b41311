import { publicUrl } from '@engine/config';
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
  return () => worker.close();
}
