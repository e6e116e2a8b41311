import { createHash } from 'node:crypto';
import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq';

/** Every queue of the engine, with the payload of its jobs beside its name. */
export interface JobPayloads {
  /** A subject's accepted events for the classifier to apply (the last one named); they are read from Postgres. */
  events: { seq: number; eventId: string; subjectKind: string; subjectId: string };
  /** Evaluate a subject again because another one moved it (a quota case, a repeat, a calendar year stored). */
  subjects: { kind: string; id: string; reason: string };
  /**
   * Evaluate a subject because its time has come (a timer fired, the sweep found it due): a queue of
   * its own, so a deadline never waits behind a backlog of re-pricing.
   */
  deadlines: { kind: string; id: string; reason: string };
  /** Bring a subject's ledger in step with its evaluated fines. */
  penalties: { kind: string; id: string; version: number };
  /** A delayed job that fires at a subject's next warning or deadline. */
  timers: { kind: string; id: string; at: string };
  /** Deliver one webhook. */
  notifications: { deliveryId: number };
}

export type QueueName = keyof JobPayloads;

export const queueNames = [
  'events',
  'subjects',
  'deadlines',
  'penalties',
  'timers',
  'notifications',
] as const satisfies readonly QueueName[];

/** A short stable token for a subject: subject ids may hold any character, job ids should not. */
export function subjectToken(kind: string, id: string): string {
  return createHash('sha1').update(`${kind}\u0000${id}`).digest('base64url').slice(0, 22);
}

/**
 * BullMQ deduplication for a subject's evaluations, in any queue: a request while the subject's job
 * waits is that job (it has not read anything yet); a request while it runs queues one more, to
 * run after it (it may have read too early). Requesters ask only after they commit. So a burst of
 * a subject's events, or of requests to re-price it, costs one evaluation, or two.
 */
export function subjectEvaluation(kind: string, id: string) {
  return { id: `eval-${subjectToken(kind, id)}`, keepLastIfActive: true };
}

/** The BullMQ job id of a subject's timer at an instant: asking twice for it adds one job. */
export function timerJobId(kind: string, id: string, at: Date): string {
  return `timer-${subjectToken(kind, id)}-${at.getTime()}`;
}

/**
 * The BullMQ job id of a subject's events handed off together, from their sequence numbers: the
 * same events give the same id, so a repeated hand-off is a no-op, and any other set of them (one
 * that committed late, with a lower number, joined the retry) gives a new id, which the subject's
 * deduplication then takes in or runs after the first.
 */
export function eventsJobId(seqs: readonly number[]): string {
  if (seqs.length === 1) return `event-${seqs[0]}`;
  const sorted = [...seqs].sort((a, b) => a - b);
  const digest = createHash('sha1').update(sorted.join(',')).digest('base64url').slice(0, 16);
  return `events-${sorted.at(-1)}-${digest}`;
}

/**
 * Redis connection settings. Producers fail fast while Redis is away (no offline queue), so the
 * outbox relay's transaction rolls back at once and the events wait in Postgres.
 */
export function connectionOptions(redisUrl: string, role: 'producer' | 'worker'): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    ...(role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
      : { maxRetriesPerRequest: null }),
  };
}

/**
 * Jobs are retried with backoff; completed ones are kept an hour so a repeated hand-off stays a
 * no-op. Failed ones are not kept: Postgres holds what is still to do (and webhooks' dead letters),
 * and the sweep must be able to queue the same job id again.
 */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3_600, count: 200_000 },
  removeOnFail: true,
};

export function createQueue<N extends QueueName>(
  name: N,
  redisUrl: string,
  prefix: string,
): Queue<JobPayloads[N]> {
  return new Queue<JobPayloads[N]>(name, {
    connection: connectionOptions(redisUrl, 'producer'),
    prefix,
    defaultJobOptions,
  });
}

/** Asks the queue's Redis connection for a PONG (readiness checks). */
export async function pingQueue(queue: Queue): Promise<string> {
  const client = (await queue.client) as unknown as { ping(): Promise<string> };
  return client.ping();
}
