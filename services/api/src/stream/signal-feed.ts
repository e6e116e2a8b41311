import {
  type Db,
  type DepartmentScope,
  hallNameOf,
  type Listener,
  latestSignalId,
  listenFor,
  namesOf,
  signalsAfter,
} from '@engine/db';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { instant } from '../present.ts';

/** One event of GET /v1/stream, as the `data:` line carries it. */
export const streamEventSchema = z
  .object({
    /** The signal's id (the SSE id: send it back as Last-Event-ID to resume); null for `restored`, which is live only. */
    id: z.string().nullable(),
    /** A signal kind (`warning`, `breach`, `upgrade`, `over_level`, `suspension`, `calendar.expiring`), or `restored`: a clock left the board (stopped, cancelled, or its breach undone by late evidence). */
    kind: z.string(),
    subjectKind: z.string(),
    subjectId: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    hallId: z.string().nullable(),
    hallName: z.string().nullable(),
    /** Complaints: the hotline's summary and the SLA type. */
    summary: z.string().nullable(),
    slaType: z.string().nullable(),
    clock: z.string().nullable(),
    /** Warnings: the fraction of the allowed time reached (0.5, 0.8). */
    fraction: z.number().nullable(),
    /** `restored`: the clock's state now (met, cancelled, running). */
    state: z.string().nullable(),
    deadline: z.string().nullable(),
    provisional: z.boolean(),
    /** Upgrades: the reason; over-level: the body; suspensions: the finding. */
    detail: z.string().nullable(),
    /** When it happened, in the policy's zone. */
    at: z.string(),
    /** The subject's page in the console. */
    url: z.string(),
  })
  .meta({ id: 'Signal', description: 'One signal of the stream (the data line of a server-sent event)' });
export type StreamEvent = z.infer<typeof streamEventSchema>;

/** An event with its SSE frame, serialised once however many subscribers get it. */
export interface Framed {
  id: number | null;
  departmentId: string | null;
  text: string;
}

const frame = (event: StreamEvent): Framed => ({
  id: event.id === null ? null : Number(event.id),
  departmentId: event.departmentId,
  text: `${event.id ? `id: ${event.id}\n` : ''}event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`,
});

interface Subscriber {
  departments: DepartmentScope;
  /** Gets a batch of events at once (one write to the socket, not one per event). */
  deliver: (events: readonly Framed[]) => void;
}

const PAGE = 500;
/** A backstop for a notification lost while the LISTEN connection was down. */
const POLL_MS = 2_000;

const inScope = (departments: DepartmentScope, departmentId: string | null) =>
  departments === null || departmentId === null || departments.includes(departmentId);

/**
 * The signals the workers record, fanned out to every stream subscriber of the API process: one
 * LISTEN connection and one read per batch of new signals, however many subscribers; each
 * subscriber gets the events of its key's departments only.
 */
export class SignalFeed {
  readonly #db: Db;
  readonly #databaseUrl: string;
  readonly #zone: () => string;
  readonly #baseUrl: string;
  readonly #log: FastifyBaseLogger;
  readonly #subscribers = new Set<Subscriber>();
  #listener: Listener | null = null;
  #poll: NodeJS.Timeout | null = null;
  #lastId: Promise<number> | null = null;
  #pulling: Promise<void> | null = null;
  #again = false;

  constructor(options: {
    db: Db;
    databaseUrl: string;
    zone: () => string;
    baseUrl: string;
    log: FastifyBaseLogger;
  }) {
    this.#db = options.db;
    this.#databaseUrl = options.databaseUrl;
    this.#zone = options.zone;
    this.#baseUrl = options.baseUrl;
    this.#log = options.log;
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /**
   * Adds a subscriber; with `afterId` (Last-Event-ID), first the signals after it that it missed.
   * Returns the unsubscribe.
   */
  async subscribe(subscriber: Subscriber, afterId: number | null): Promise<() => void> {
    await this.#start();
    if (afterId === null) {
      this.#subscribers.add(subscriber);
      return () => this.#subscribers.delete(subscriber);
    }
    // Live events are held while the missed ones are read and sent, so the subscriber sees them in
    // order. The catch-up reads to the end of what is recorded (after the holder is in place, so
    // nothing falls between the two), and a signal is sent once: a pull in flight may broadcast
    // what the catch-up has sent already, and the guard drops it (signal ids only grow).
    const held: Framed[] = [];
    const holder: Subscriber = { departments: subscriber.departments, deliver: (e) => held.push(...e) };
    this.#subscribers.add(holder);
    let sent = afterId;
    const once: Subscriber = {
      departments: subscriber.departments,
      deliver: (events) => {
        const fresh = events.filter((event) => event.id === null || event.id > sent);
        for (const event of fresh) if (event.id !== null) sent = event.id;
        if (fresh.length > 0) subscriber.deliver(fresh);
      },
    };
    try {
      for (;;) {
        const rows = await signalsAfter(this.#db, sent, PAGE, subscriber.departments);
        once.deliver((await this.#present(rows)).map(frame));
        if (rows.length < PAGE) break;
      }
    } finally {
      this.#subscribers.delete(holder);
    }
    once.deliver(held);
    this.#subscribers.add(once);
    return () => this.#subscribers.delete(once);
  }

  async close(): Promise<void> {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    await this.#listener?.close();
    this.#listener = null;
    this.#subscribers.clear();
  }

  /** Starts listening at the first subscriber; resolves to the last signal id already recorded then. */
  #start(): Promise<number> {
    if (this.#lastId) return this.#lastId;
    this.#lastId = latestSignalId(this.#db);
    this.#listener = listenFor(this.#databaseUrl, ['engine_signals', 'engine_clocks'], {
      onNotification: (channel, payload) => {
        if (channel === 'engine_signals') this.#pull();
        else void this.#restored(payload);
      },
      onReconnect: () => this.#pull(),
      onError: (error) =>
        this.#log.warn({ err: error }, 'stream: LISTEN connection lost; polling until it is back'),
    });
    this.#poll = setInterval(() => this.#pull(), POLL_MS);
    this.#poll.unref();
    return this.#lastId;
  }

  /** Reads the signals recorded since the last read and sends them; one read at a time. */
  #pull(): void {
    if (this.#pulling) {
      this.#again = true;
      return;
    }
    this.#pulling = (async () => {
      do {
        this.#again = false;
        let last = await this.#lastId!;
        for (;;) {
          const rows = await signalsAfter(this.#db, last, PAGE, null);
          if (rows.length === 0) break;
          last = rows.at(-1)!.id;
          this.#lastId = Promise.resolve(last);
          this.#broadcast(await this.#present(rows));
          if (rows.length < PAGE) break;
        }
      } while (this.#again);
    })()
      .catch((error) => this.#log.warn({ err: error }, 'stream: could not read new signals; trying again'))
      .finally(() => {
        this.#pulling = null;
      });
  }

  #broadcast(events: readonly StreamEvent[]): void {
    const framed = events.map(frame);
    for (const subscriber of this.#subscribers) {
      const mine = framed.filter((event) => inScope(subscriber.departments, event.departmentId));
      if (mine.length > 0) subscriber.deliver(mine);
    }
  }

  async #restored(payload: string): Promise<void> {
    try {
      const change = z
        .object({
          kind: z.string(),
          id: z.string(),
          clock: z.string(),
          state: z.string(),
          departmentId: z.string().nullable(),
          deadline: z.string(),
          at: z.string(),
        })
        .parse(JSON.parse(payload));
      const names = await namesOf(this.#db, {
        departments: change.departmentId ? [change.departmentId] : [],
      });
      const zone = this.#zone();
      this.#broadcast([
        {
          id: null,
          kind: 'restored',
          subjectKind: change.kind,
          subjectId: change.id,
          departmentId: change.departmentId,
          departmentName: change.departmentId ? (names.departments.get(change.departmentId) ?? null) : null,
          hallId: null,
          hallName: null,
          summary: null,
          slaType: null,
          clock: change.clock,
          fraction: null,
          state: change.state,
          deadline: instant(new Date(change.deadline), zone),
          provisional: false,
          detail: null,
          at: instant(new Date(change.at), zone),
          url: this.#subjectUrl(change.kind, change.id),
        },
      ]);
    } catch (error) {
      this.#log.warn({ err: error }, 'stream: unreadable clock notification');
    }
  }

  #subjectUrl(kind: string, id: string): string {
    return `${this.#baseUrl}/console/subjects/${kind}/${encodeURIComponent(id)}`;
  }

  async #present(rows: Awaited<ReturnType<typeof signalsAfter>>): Promise<StreamEvent[]> {
    if (rows.length === 0) return [];
    const names = await namesOf(this.#db, {
      departments: rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
      halls: rows.flatMap((r) => (r.hall_id ? [r.hall_id] : [])),
    });
    const zone = this.#zone();
    return rows.map((r) => {
      const detail = (r.detail ?? {}) as {
        clock?: string | null;
        fraction?: number | null;
        detail?: string | null;
      };
      return {
        id: String(r.id),
        kind: r.kind,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        departmentId: r.department_id,
        departmentName: r.department_id ? (names.departments.get(r.department_id) ?? null) : null,
        hallId: r.hall_id,
        hallName: hallNameOf(names, r.hall_id, r.department_id ?? ''),
        summary: r.summary,
        slaType: r.sla_type,
        clock: detail.clock ?? null,
        fraction: detail.fraction ?? null,
        state: null,
        deadline: r.deadline ? instant(r.deadline, zone) : null,
        provisional: (r.provisional_years?.length ?? 0) > 0,
        detail: detail.detail ?? null,
        at: instant(r.at, zone),
        url: this.#subjectUrl(r.subject_kind, r.subject_id),
      };
    });
  }
}
