import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { applySubject, enqueueFollowUps } from '@engine/use-cases';

/** The classifier: applies events (and re-evaluation requests) to subjects. */
export function startClassifier(runtime: Runtime): Stop {
  const deps = {
    db: runtime.db,
    policies: runtime.policies,
    policyFamily: runtime.config.POLICY_FAMILY,
    now: runtime.now,
  };
  const options = {
    redisUrl: runtime.config.REDIS_URL,
    prefix: runtime.config.QUEUE_PREFIX,
    concurrency: runtime.config.WORKER_CONCURRENCY,
    lockDurationMs: runtime.config.JOB_LOCK_MS,
  };
  const apply = async (kind: string, id: string) => {
    const followUps = await applySubject(deps, kind, id);
    await enqueueFollowUps(runtime.producer, followUps, runtime.now());
  };
  const workers = [
    createWorker('events', (job) => apply(job.data.subjectKind, job.data.subjectId), options),
    createWorker('subjects', (job) => apply(job.data.kind, job.data.id), options),
    createWorker('deadlines', (job) => apply(job.data.kind, job.data.id), options),
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
