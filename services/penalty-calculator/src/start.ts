import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { postPenalties } from '@engine/use-cases';

/** The penalty calculator: posts each subject's fines to the append-only ledger. */
export function startPenaltyCalculator(runtime: Runtime): Stop {
  const worker = createWorker(
    'penalties',
    (job) => postPenalties(runtime.db, job.data.kind, job.data.id, runtime.log),
    {
      redisUrl: runtime.config.REDIS_URL,
      prefix: runtime.config.QUEUE_PREFIX,
      concurrency: runtime.config.WORKER_CONCURRENCY,
      lockDurationMs: runtime.config.JOB_LOCK_MS,
    },
  );
  worker.on('failed', (job, err) => runtime.log.error({ err, job: job?.id }, 'penalty job failed'));
  return () => worker.close();
}
