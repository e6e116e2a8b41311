import { timeZoneOf } from '@engine/domain';
import { createWorker, defaultJobOptions } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { deliverWebhook } from '@engine/use-cases';

/** The notifier: delivers webhooks for signals, with retries and a dead-letter record. */
export function startNotifier(runtime: Runtime): Stop {
  const worker = createWorker(
    'notifications',
    (job) =>
      deliverWebhook(
        runtime.db,
        job.data.deliveryId,
        { isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? defaultJobOptions.attempts ?? 1) },
        timeZoneOf(runtime.policies.all()),
      ),
    {
      redisUrl: runtime.config.REDIS_URL,
      prefix: runtime.config.QUEUE_PREFIX,
      concurrency: runtime.config.WORKER_CONCURRENCY,
      lockDurationMs: runtime.config.JOB_LOCK_MS,
    },
  );
  return () => worker.close();
}
