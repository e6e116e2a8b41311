import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { applySubjects, enqueueAllFollowUps } from '@engine/use-cases';
import { SubjectBatcher } from './subject-batcher.ts';

/**
 * The classifier: applies events (and re-evaluation and deadline requests) to subjects. The jobs
 * its workers run at once are evaluated together, a batch per transaction (applySubjects).
 */
export function startClassifier(runtime: Runtime): Stop {
  const deps = {
    db: runtime.db,
    policies: runtime.policies,
    policyFamily: runtime.config.POLICY_FAMILY,
    now: runtime.now,
    log: runtime.log,
  };
  const { config } = runtime;
  const batcher = new SubjectBatcher(
    async (refs) => {
      const { followUps, failed } = await applySubjects(deps, refs);
      await enqueueAllFollowUps(runtime.producer, followUps, runtime.now());
      return failed;
    },
    {
      maxSize: config.CLASSIFIER_BATCH_SIZE,
      maxWaitMs: config.CLASSIFIER_BATCH_WAIT_MS,
      maxInFlight: config.CLASSIFIER_BATCHES_IN_FLIGHT,
    },
  );
  const options = {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    // Enough jobs at once to fill the batches running and the next one.
    concurrency: Math.max(
      config.WORKER_CONCURRENCY,
      config.CLASSIFIER_BATCH_SIZE * (config.CLASSIFIER_BATCHES_IN_FLIGHT + 1),
    ),
    lockDurationMs: config.JOB_LOCK_MS,
  };
  const workers = [
    createWorker(
      'events',
      (job) => batcher.submit({ kind: job.data.subjectKind, id: job.data.subjectId }),
      options,
    ),
    createWorker('subjects', (job) => batcher.submit(job.data), options),
    createWorker('deadlines', (job) => batcher.submit(job.data), options),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, err) =>
      runtime.log.error({ err, job: job?.id, queue: worker.name }, 'classifier job failed'),
    );
  }
  return async () => {
    await Promise.all(workers.map((w) => w.close()));
  };
}
