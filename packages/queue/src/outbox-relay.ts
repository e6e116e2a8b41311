import { type Db, EVENTS_CHANNEL, type QueuedEventRef, relayUnqueuedEvents } from '@engine/db';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { eventsJobId, type JobPayloads, subjectEvaluation } from './queues.ts';

interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const BATCH = 500;
const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * The transactional outbox's relay: moves events stored in Postgres but not yet queued onto the
 * BullMQ events queue, one job per subject of each hand-off (its job id from those events' sequence
 * numbers, so a repeated hand-off after a crash is a no-op; its data names the last of them). Woken by NOTIFY at each commit, and polls besides, so an
 * event accepted while Redis was down is queued as soon as Redis is back. Several relays (one per
 * API process) share the work through SKIP LOCKED.
 */
export class OutboxRelay {
  readonly #db: Db;
  readonly #queue: Queue<JobPayloads['events']>;
  readonly #databaseUrl: string;
  readonly #log: Logger;
  #listener: pg.Client | null = null;
  #timer: NodeJS.Timeout | null = null;
  #relisten: NodeJS.Timeout | null = null;
  #running = false;
  #draining: Promise<void> | null = null;
  #again = false;
  #failures = 0;

  constructor(db: Db, queue: Queue<JobPayloads['events']>, databaseUrl: string, log: Logger) {
    this.#db = db;
    this.#queue = queue;
    this.#databaseUrl = databaseUrl;
    this.#log = log;
  }

  async start(): Promise<void> {
    this.#running = true;
    await this.#listen();
    this.kick();
  }

  /** Asks for a drain now (after a commit); drains that overlap are merged. */
  kick(): void {
    if (!this.#running) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      if (this.#again && this.#running) {
        this.#again = false;
        this.kick();
      } else
        this.#schedule(
          this.#failures === 0 ? POLL_MS : Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** this.#failures),
        );
    });
  }

  /** Drains everything that is waiting; resolves when no event is left unqueued (for tests and shutdown). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
    await this.#drain();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    while (this.#draining) await this.#draining;
    await this.#listener?.end().catch(() => undefined);
    this.#listener = null;
  }

  async #drain(): Promise<void> {
    try {
      let moved: number;
      do moved = await relayUnqueuedEvents(this.#db, BATCH, (events) => this.#handOff(events));
      while (moved === BATCH && this.#running);
      if (this.#failures > 0)
        this.#log.info({ failures: this.#failures }, 'outbox relay reaches the queue again');
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      if (this.#failures === 1 || this.#failures % 10 === 0) {
        this.#log.warn(
          { err: error, failures: this.#failures },
          'outbox relay cannot reach the queue; events wait in Postgres',
        );
      }
    }
  }

  async #handOff(events: QueuedEventRef[]): Promise<void> {
    await this.#queue.addBulk(
      eventsBySubject(events).map(({ last, seqs }) => ({
        name: 'apply-event',
        data: {
          seq: last.seq,
          eventId: last.id,
          subjectKind: last.subjectKind,
          subjectId: last.subjectId,
        },
        // A subject's events waiting together are applied by one job (the classifier reads them all).
        opts: {
          jobId: eventsJobId(seqs),
          deduplication: subjectEvaluation(last.subjectKind, last.subjectId),
        },
      })),
    );
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.kick(), ms);
    this.#timer.unref();
  }

  /** Tries LISTEN again after a poll interval, and again after each failure, until it is back. */
  #listenAgain(): void {
    if (this.#relisten) return;
    this.#relisten = setTimeout(() => {
      this.#relisten = null;
      if (!this.#running) return;
      this.#listen().catch((error) => {
        this.#log.warn({ err: error }, 'outbox relay could not LISTEN again; polling, and trying again');
        this.#listenAgain();
      });
    }, POLL_MS).unref();
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      this.#log.warn({ err: error }, 'outbox relay lost its LISTEN connection; polling until it is back');
      this.#listener = null;
      this.#listenAgain();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.#listener = client;
  }
}

/**
 * The events of each subject, with its last one (events come in sequence order): the classifier
 * reads every event of a subject, so one job applies them all. Queued as one job each, a subject's
 * second event would be deduplicated in Redis, which costs more there than the job itself (BullMQ
 * reads the whole active list to see whether the first job runs).
 */
export function eventsBySubject(
  events: readonly QueuedEventRef[],
): { last: QueuedEventRef; seqs: number[] }[] {
  const bySubject = new Map<string, { last: QueuedEventRef; seqs: number[] }>();
  for (const event of events) {
    const key = `${event.subjectKind}\u0000${event.subjectId}`;
    const subject = bySubject.get(key);
    if (subject) {
      subject.last = event;
      subject.seqs.push(event.seq);
    } else bySubject.set(key, { last: event, seqs: [event.seq] });
  }
  return [...bySubject.values()].sort((a, b) => a.last.seq - b.last.seq);
}
