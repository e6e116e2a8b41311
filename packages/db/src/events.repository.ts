import { sql, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export interface NewEvent {
  id: string;
  type: string;
  subjectKind: string;
  subjectId: string;
  occurredAt: Date;
  data: unknown;
  /** sha256 of the event's canonical JSON: the same id with another body is a conflict. */
  bodyHash: Buffer;
}

export interface InsertOutcome {
  /** In the order given: accepted (stored now) or duplicate (stored before with the same body). */
  results: { id: string; status: 'accepted' | 'duplicate' }[];
}

/** The same id was stored before with a different body (API.md: 409, nothing stored). */
export class EventConflictError extends Error {
  readonly ids: readonly string[];

  constructor(ids: readonly string[]) {
    super(`events already stored with a different body: ${ids.join(', ')}`);
    this.name = 'EventConflictError';
    this.ids = ids;
  }
}

export const EVENTS_CHANNEL = 'engine_events_inserted';

/**
 * Stores a batch atomically and durably: every new event, or nothing if any id conflicts. A
 * duplicate (same id, same body) is a no-op. Concurrent posts of one id serialise on event_ids'
 * primary key, so exactly one stores it. Listeners on EVENTS_CHANNEL hear of it at commit.
 */
export async function insertEvents(
  db: Db,
  events: readonly NewEvent[],
  apiKeyId: string | null,
): Promise<InsertOutcome> {
  return db.transaction().execute(async (trx) => {
    const ids = await trx
      .insertInto('event_ids')
      .values(
        events.map((e) => ({
          id: e.id,
          seq: sql<number>`nextval('events_seq')`,
          received_at: sql<Date>`now()`,
          body_hash: e.bodyHash,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['id', 'seq'])
      .execute();
    const stored = new Map(ids.map((row) => [row.id, row]));
    const existing =
      stored.size === events.length
        ? new Map<string, Buffer>()
        : await hashesOf(
            trx,
            events.filter((e) => !stored.has(e.id)),
          );
    const conflicts = events
      .filter((e) => !stored.has(e.id) && !existing.get(e.id)?.equals(e.bodyHash))
      .map((e) => e.id);
    if (conflicts.length > 0) throw new EventConflictError(conflicts);

    if (stored.size > 0) {
      await trx
        .insertInto('events')
        .values(
          events
            .filter((e) => stored.has(e.id))
            .map((e) => {
              const row = stored.get(e.id)!;
              return {
                seq: row.seq,
                // now() is the transaction's start, the same instant event_ids got (a JS Date would drop its microseconds)
                received_at: sql<Date>`now()`,
                id: e.id,
                type: e.type,
                subject_kind: e.subjectKind,
                subject_id: e.subjectId,
                occurred_at: e.occurredAt,
                data: JSON.stringify(e.data),
                body_hash: e.bodyHash,
                api_key_id: apiKeyId,
              };
            }),
        )
        .execute();
      await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
    }
    return {
      results: events.map((e) => ({ id: e.id, status: stored.has(e.id) ? 'accepted' : 'duplicate' })),
    };
  });
}

async function hashesOf(
  trx: Transaction<Database>,
  events: readonly NewEvent[],
): Promise<Map<string, Buffer>> {
  const rows = await trx
    .selectFrom('event_ids')
    .select(['id', 'body_hash'])
    .where(
      'id',
      'in',
      events.map((e) => e.id),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.body_hash]));
}

export interface EventStatus {
  id: string;
  status: 'pending' | 'applied' | 'failed';
  error: string | null;
}

export async function findEventStatus(db: Db, id: string): Promise<EventStatus | undefined> {
  return db
    .selectFrom('event_ids')
    .innerJoin('events', (join) =>
      join
        .onRef('events.received_at', '=', 'event_ids.received_at')
        .onRef('events.seq', '=', 'event_ids.seq'),
    )
    .select(['events.id', 'events.status', 'events.error'])
    .where('event_ids.id', '=', id)
    .executeTakeFirst();
}

/** What the queue needs of an event; the worker reads the rest from Postgres. */
export interface QueuedEventRef {
  seq: number;
  receivedAt: Date;
  id: string;
  subjectKind: string;
  subjectId: string;
}

/**
 * The outbox relay's step: locks up to `limit` events not yet handed to the queue (skipping rows
 * another relay holds), lets `handOff` enqueue them, and marks them enqueued in the same
 * transaction. If handOff throws (Redis down), nothing is marked and the events wait for the next try.
 */
export async function relayUnqueuedEvents(
  db: Db,
  limit: number,
  handOff: (events: QueuedEventRef[]) => Promise<void>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('events')
      .select(['seq', 'received_at', 'id', 'subject_kind', 'subject_id'])
      .where('enqueued_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    await handOff(
      rows.map((r) => ({
        seq: r.seq,
        receivedAt: r.received_at,
        id: r.id,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
      })),
    );
    await trx
      .updateTable('events')
      .set({ enqueued_at: sql<Date>`now()` })
      .where(
        'seq',
        'in',
        rows.map((r) => r.seq),
      )
      .where('enqueued_at', 'is', null)
      .execute();
    return rows.length;
  });
}

/** Keeps monthly partitions of the event store ready ahead of time (run at start). */
export async function ensureEventPartitions(db: Db, monthsAhead = 12): Promise<void> {
  await sql`SELECT ensure_event_partitions(now()::date, ${monthsAhead})`.execute(db);
}
