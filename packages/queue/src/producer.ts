import { type Job, Queue } from 'bullmq';
import {
  connectionOptions,
  defaultJobOptions,
  type JobPayloads,
  type QueueName,
  queueNames,
  subjectEvaluation,
  subjectToken,
  timerJobId,
} from './queues.ts';

type Queues = { [N in QueueName]: Queue<JobPayloads[N]> };

/** A subject to evaluate, and why (for the logs and the job's data). */
export interface Evaluation {
  kind: string;
  id: string;
  cause: string;
}

export interface ProducerOptions {
  webhookRetries?: { attempts: number; backoffMs: number };
  /**
   * Timers further ahead than this are not added: Redis holds only the near future, and the SLA
   * timer's loader (rebuildTimers) adds them from Postgres as they come near. Unbounded by default.
   */
  timerHorizonMs?: number;
}

/**
 * Every job the engine adds, with its job id chosen here: the same cause gives the same id, so a
 * repeated request (a retry, a second sweep) is ignored while a new cause is always queued.
 */
export class Producer {
  readonly queues: Queues;
  readonly timerHorizonMs: number;
  readonly #webhookRetries: { attempts: number; backoffMs: number };

  constructor(redisUrl: string, prefix: string, options: ProducerOptions = {}) {
    this.#webhookRetries = options.webhookRetries ?? { attempts: 8, backoffMs: 1_000 };
    this.timerHorizonMs = options.timerHorizonMs ?? Number.POSITIVE_INFINITY;
    const make = <N extends QueueName>(name: N) =>
      new Queue<JobPayloads[N]>(name, {
        connection: connectionOptions(redisUrl, 'producer'),
        prefix,
        defaultJobOptions,
      });
    this.queues = Object.fromEntries(queueNames.map((name) => [name, make(name)])) as Queues;
    for (const queue of Object.values(this.queues)) queue.on('error', () => undefined);
  }

  /**
   * Evaluations of subjects other subjects moved (a month's quota cases, a subject's neighbours), in
   * one round trip to Redis; `cause` names why (e.g. "quota-<department>-<period>").
   */
  async evaluateAll(targets: readonly Evaluation[]): Promise<void> {
    await this.#evaluations(this.queues.subjects, targets);
  }

  /** Evaluations of subjects whose time has come (a timer fired, the sweep found them due). */
  async evaluateDue(targets: readonly Evaluation[]): Promise<void> {
    await this.#evaluations(this.queues.deadlines, targets);
  }

  /** One evaluation job per subject at a time, whatever the number of requests (see subjectEvaluation). */
  async #evaluations(
    queue: Queue<JobPayloads['subjects' | 'deadlines']>,
    targets: readonly Evaluation[],
  ): Promise<void> {
    if (targets.length === 0) return;
    await queue.addBulk(
      targets.map(({ kind, id, cause }) => ({
        name: 'evaluate',
        data: { kind, id, reason: cause },
        opts: { deduplication: subjectEvaluation(kind, id) },
      })),
    );
  }

  async postPenalties(kind: string, id: string, version: number): Promise<void> {
    await this.postPenaltiesAll([{ kind, id, version }]);
  }

  /** One job per subject and state version: a repeated request for the same version is a no-op. */
  async postPenaltiesAll(targets: readonly { kind: string; id: string; version: number }[]): Promise<void> {
    if (targets.length === 0) return;
    await this.queues.penalties.addBulk(
      targets.map(({ kind, id, version }) => ({
        name: 'post',
        data: { kind, id, version },
        opts: { jobId: `pen-${subjectToken(kind, id)}-${version}` },
      })),
    );
  }

  /**
   * One delayed job per subject and instant, firing at `at` (at once if that has passed), for the
   * timers within the horizon; answers how many those were. The others wait in Postgres for the loader.
   */
  async scheduleTimers(
    timers: readonly { kind: string; id: string; at: Date }[],
    now: Date,
  ): Promise<number> {
    const near = timers.filter(({ at }) => at.getTime() - now.getTime() <= this.timerHorizonMs);
    if (near.length === 0) return 0;
    await this.queues.timers.addBulk(
      near.map(({ kind, id, at }) => ({
        name: 'fire',
        data: { kind, id, at: at.toISOString() },
        opts: {
          jobId: timerJobId(kind, id, at),
          delay: Math.max(0, at.getTime() - now.getTime()),
        },
      })),
    );
    return near.length;
  }

  async deliver(deliveryIds: readonly number[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queues.notifications.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: 'deliver',
        data: { deliveryId },
        opts: {
          jobId: `hook-${deliveryId}`,
          attempts: this.#webhookRetries.attempts,
          backoff: { type: 'exponential', delay: this.#webhookRetries.backoffMs },
        },
      })),
    );
  }

  /** Closes every queue; one still connecting is let finish first (closing it mid-handshake throws, no offline queue). */
  async close(): Promise<void> {
    await Promise.all(
      Object.values(this.queues).map(async (queue) => {
        await queue.waitUntilReady().catch(() => undefined);
        await queue.close();
      }),
    );
  }
}

export type { Job };
