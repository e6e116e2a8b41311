import { type Job, MetricsTime, Worker } from 'bullmq';
import { connectionOptions, type JobPayloads, type QueueName } from './queues.ts';

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** How long a job stays locked to its worker; a worker that dies loses the lock and the job runs again. */
  lockDurationMs?: number;
}

/**
 * A BullMQ worker for one queue, typed by its payload. Handlers must be idempotent: a job runs at
 * least once (again after a crash), and every handler here re-reads Postgres, the truth.
 */
export function createWorker<N extends QueueName>(
  name: N,
  handler: (job: Job<JobPayloads[N]>) => Promise<unknown>,
  options: WorkerOptions,
): Worker<JobPayloads[N]> {
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<JobPayloads[N]>(name, handler, {
    connection: connectionOptions(options.redisUrl, 'worker'),
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)),
    maxStalledCount: 5,
    // BullMQ's job metrics (completed and failed per minute, and in all), read by the API's /metrics.
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  });
  worker.on('error', () => undefined);
  return worker;
}
