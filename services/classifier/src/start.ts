import type { Producer } from '@engine/queue';
import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { applySubject, type FollowUps } from './apply-subject.ts';

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

/** The classifier: applies events (and re-evaluation requests) to subjects. */
export function startClassifier(runtime: Runtime): Stop {
  const deps = {
    db: runtime.db,
    policies: runtime.policies,
    policyFamily: runtime.config.POLICY_FAMILY,
    now: runtime.now,
    policyRevision: runtime.policyRevision,
    policySettled: runtime.policySettled,
    reloadPolicies: runtime.reloadPolicies,
    refreshPolicies: runtime.refreshPolicies,
    calendarFingerprint: runtime.calendarFingerprint,
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
