import { canonicalEvent, type EventDifference, eventDifferences } from '@engine/domain';
import { sql, type Transaction } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { Database, EventStatusValue } from './schema.ts';
import { inSubjects, type SubjectRef, subjectKey } from './subjects.repository.ts';

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
  /** In the order given: accepted (stored now) or duplicate (stored before, or earlier in the batch, with the same body). */
  results: { id: string; status: 'accepted' | 'duplicate' }[];
}

/** One event of a batch whose id was used before with another body. */
export interface EventConflict {
  /** Its index in the batch. */
  index: number;
  id: string;
  /** The index of the earlier event of this batch with the same id; null: the id was stored before. */
  earlierIndex: number | null;
  /** The fields that differ (empty when the stored body could not be read back). */
  differences: EventDifference[];
}

/** The same id was stored before, or given earlier in the batch, with a different body (API.md: 409, nothing stored). */
export class EventConflictError extends Error {
  readonly ids: readonly string[];
  readonly conflicts: readonly EventConflict[];

  constructor(conflicts: readonly EventConflict[]) {
    super(`events already posted with a different body: ${conflicts.map((c) => c.id).join(', ')}`);
    this.name = 'EventConflictError';
    this.conflicts = conflicts;
    this.ids = [...new Set(conflicts.map((c) => c.id))];
  }
}

export const EVENTS_CHANNEL = 'engine_events_inserted';

/**
 * Stores a batch atomically and durably: every new event, or nothing if any id conflicts. A
 * duplicate (same id, same body, stored before or earlier in the batch) is a no-op. Bodies are the
 * same when their hashes are, or else when they are canonically equal (instants as instants), so
 * an event stored under an older hash still dedupes. Concurrent posts of one id serialise on
 * event_ids' primary key, so exactly one stores it. Listeners on EVENTS_CHANNEL hear of it at commit.
 */
export async function insertEvents(
  db: Db,
  events: readonly NewEvent[],
  apiKeyId: string | null,
): Promise<InsertOutcome> {
  try {
    const [outcome] = await insertEventPosts(db, [{ events, apiKeyId }]);
    return outcome!;
  } catch (error) {
    if (error instanceof PostsConflictError) throw new EventConflictError(error.conflicts.get(0)!);
    throw error;
  }
}

/** One post of events (a single event or a batch), stored atomically: all of it or none. */
export interface EventPost {
  events: readonly NewEvent[];
  apiKeyId: string | null;
}

/** Posts of one group whose events conflict (by the post's index in the group); nothing of the group was stored. */
export class PostsConflictError extends Error {
  readonly conflicts: ReadonlyMap<number, readonly EventConflict[]>;

  constructor(conflicts: ReadonlyMap<number, readonly EventConflict[]>) {
    super(`${conflicts.size} post(s) of the group conflict with events posted before`);
    this.name = 'PostsConflictError';
    this.conflicts = conflicts;
  }
}

/**
 * Group commit: several posts in one transaction, each answered as if it had been stored alone
 * after the posts before it in the group (an id given by an earlier post of the group is a
 * duplicate, or a conflict, as an id stored before is). If any post conflicts, the whole group is
 * rolled back and PostsConflictError names the posts that conflict; the caller stores the others
 * without them. One sequence range, one NOTIFY and one commit for the whole group.
 */
export async function insertEventPosts(db: Db, posts: readonly EventPost[]): Promise<InsertOutcome[]> {
  // The first place of each id in the group (post, index): the one that stores it, if any does.
  const firstInGroup = new Map<string, { post: number; index: number }>();
  const firstInPost = posts.map((post, p) => {
    const first = new Map<string, number>();
    post.events.forEach((e, index) => {
      if (!first.has(e.id)) first.set(e.id, index);
      if (!firstInGroup.has(e.id)) firstInGroup.set(e.id, { post: p, index });
    });
    return first;
  });
  const eventAt = (at: { post: number; index: number }) => posts[at.post]!.events[at.index]!;
  const firsts = [...firstInGroup.values()];
  return db.transaction().execute(async (trx) => {
    const ids = await trx
      .insertInto('event_ids')
      .values(
        firsts.map((at) => ({
          id: eventAt(at).id,
          seq: sql<number>`nextval('events_seq')`,
          received_at: sql<Date>`now()`,
          body_hash: eventAt(at).bodyHash,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['id', 'seq'])
      .execute();
    const stored = new Map(ids.map((row) => [row.id, row]));
    const existing =
      stored.size === firsts.length
        ? new Map<string, StoredBody>()
        : await storedBodies(
            trx,
            firsts.map(eventAt).filter((e) => !stored.has(e.id)),
          );
    const conflicts = new Map<number, EventConflict[]>();
    posts.forEach((post, p) => {
      const found = post.events.flatMap((e, index) => {
        const first = firstInPost[p]!.get(e.id)!;
        // An id repeated within the post is compared with its first place there, as in a lone post.
        if (first !== index) return conflictWith(e, index, post.events[first]!, first);
        const group = firstInGroup.get(e.id)!;
        if (group.post !== p) {
          // Given by an earlier post of the group: as if that post had been stored before this one.
          const before = stored.has(e.id) ? eventAt(group) : existing.get(e.id);
          return before ? conflictWith(e, index, before, null) : [];
        }
        if (stored.has(e.id)) return [];
        const before = existing.get(e.id);
        return before ? conflictWith(e, index, before, null) : [];
      });
      if (found.length > 0) conflicts.set(p, found);
    });
    if (conflicts.size > 0) throw new PostsConflictError(conflicts);

    if (stored.size > 0) {
      await trx
        .insertInto('events')
        .values(
          firsts
            .filter((at) => stored.has(eventAt(at).id))
            .map((at) => {
              const e = eventAt(at);
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
                api_key_id: posts[at.post]!.apiKeyId,
              };
            }),
        )
        .execute();
      await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
    }
    return posts.map((post, p) => ({
      results: post.events.map((e, index) => {
        const group = firstInGroup.get(e.id)!;
        const accepted = stored.has(e.id) && group.post === p && group.index === index;
        return { id: e.id, status: accepted ? ('accepted' as const) : ('duplicate' as const) };
      }),
    }));
  });
}

/** A post of one event (most posts): see insertSingleEventPosts. */
export interface SingleEventPost {
  event: NewEvent;
  apiKeyId: string | null;
}

/**
 * Group commit of single-event posts in one statement, so its own transaction: one round trip and
 * one commit for the group, the events given to the statement as one array per column. Each new id
 * is stored with its event in the order given; a post whose id was stored before, or by an earlier
 * post of the group, stores nothing (it has nothing else to store, so it cannot be half kept) and
 * is answered after the commit: a duplicate, or an EventConflictError naming what differs, exactly
 * as insertEvents would answer it alone. Concurrent posts of one id serialise on event_ids' primary
 * key, so exactly one stores it. Listeners on EVENTS_CHANNEL hear of it at commit.
 */
export async function insertSingleEventPosts(
  db: Db,
  posts: readonly SingleEventPost[],
): Promise<(InsertOutcome | EventConflictError)[]> {
  // The first post of each id: the one that stores it, if any does.
  const firstPost = new Map<string, number>();
  posts.forEach((post, p) => {
    if (!firstPost.has(post.event.id)) firstPost.set(post.event.id, p);
  });
  const firsts = [...firstPost.values()].map((p) => posts[p]!);
  const column = <T>(value: (post: SingleEventPost) => T) => firsts.map(value);
  const { rows } = await sql<{ id: string }>`
    WITH given AS (
      SELECT * FROM unnest(
        ${column((p) => p.event.id)}::text[], ${column((p) => p.event.bodyHash)}::bytea[],
        ${column((p) => p.event.type)}::text[], ${column((p) => p.event.subjectKind)}::text[],
        ${column((p) => p.event.subjectId)}::text[], ${column((p) => p.event.occurredAt)}::timestamptz[],
        ${column((p) => JSON.stringify(p.event.data))}::jsonb[], ${column((p) => p.apiKeyId)}::uuid[]
      ) WITH ORDINALITY AS given (id, body_hash, type, subject_kind, subject_id, occurred_at, data, api_key_id, place)
    ), stored AS (
      INSERT INTO event_ids (id, seq, received_at, body_hash)
      SELECT id, nextval('events_seq'), now(), body_hash FROM given ORDER BY place
      ON CONFLICT (id) DO NOTHING
      RETURNING id, seq
    ), written AS (
      -- now() is the transaction's start, the same instant event_ids got
      INSERT INTO events (seq, received_at, id, type, subject_kind, subject_id, occurred_at, data, body_hash, api_key_id)
      SELECT stored.seq, now(), given.id, given.type, given.subject_kind, given.subject_id, given.occurred_at,
        given.data, given.body_hash, given.api_key_id
      FROM stored JOIN given ON given.id = stored.id
      RETURNING id
    )
    -- Only when something was written; one transaction's identical notifications are delivered once.
    SELECT written.id FROM written CROSS JOIN LATERAL (SELECT pg_notify(${EVENTS_CHANNEL}, '')) AS notified`.execute(
    db,
  );
  const stored = new Set(rows.map((row) => row.id));
  const existing =
    stored.size === firsts.length
      ? new Map<string, StoredBody>()
      : await storedBodies(
          db,
          firsts.map((p) => p.event).filter((e) => !stored.has(e.id)),
        );
  return posts.map((post, p) => {
    const event = post.event;
    const first = firstPost.get(event.id)!;
    if (first === p && stored.has(event.id)) return { results: [{ id: event.id, status: 'accepted' }] };
    // Given by an earlier post of the group: as if that post had been stored before this one.
    const before = first !== p && stored.has(event.id) ? posts[first]!.event : existing.get(event.id);
    const conflicts = before ? conflictWith(event, 0, before, null) : [];
    if (conflicts.length > 0) return new EventConflictError(conflicts);
    return { results: [{ id: event.id, status: 'duplicate' }] };
  });
}

/** What an event stored before holds: its body hash and, to compare field by field, its body. */
interface StoredBody {
  bodyHash: Buffer;
  type: string;
  subjectId: string;
  occurredAt: Date;
  data: unknown;
}

/** The conflict of an event with an earlier one of its id, or none when their bodies are the same. */
function conflictWith(
  event: NewEvent,
  index: number,
  earlier: StoredBody,
  earlierIndex: number | null,
): EventConflict[] {
  if (earlier.bodyHash.equals(event.bodyHash)) return [];
  const differences = eventDifferences(comparable(event), comparable(earlier));
  return differences.length === 0 ? [] : [{ index, id: event.id, earlierIndex, differences }];
}

/** An event body as the sender's fields, instants written one way. */
function comparable(body: Omit<StoredBody, 'bodyHash'>) {
  return canonicalEvent({
    type: body.type,
    subjectId: body.subjectId,
    occurredAt: body.occurredAt.toISOString(),
    data: body.data,
  });
}

async function storedBodies(
  trx: Db | Transaction<Database>,
  events: readonly NewEvent[],
): Promise<Map<string, StoredBody>> {
  const rows = await trx
    .selectFrom('event_ids')
    .leftJoin('events', (join) =>
      join
        .onRef('events.received_at', '=', 'event_ids.received_at')
        .onRef('events.seq', '=', 'event_ids.seq'),
    )
    .select([
      'event_ids.id',
      'event_ids.body_hash',
      'events.type',
      'events.subject_id',
      'events.occurred_at',
      'events.data',
    ])
    .where(
      'event_ids.id',
      'in',
      events.map((e) => e.id),
    )
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        bodyHash: r.body_hash,
        // An id whose event row is gone (a partition archived) still conflicts, without field names.
        type: r.type ?? '',
        subjectId: r.subject_id ?? '',
        occurredAt: r.occurred_at ?? new Date(0),
        data: r.data ?? null,
      },
    ]),
  );
}

export interface EventStatus {
  id: string;
  status: EventStatusValue;
  error: string | null;
  subjectKind: string;
  subjectId: string;
}

export async function findEventStatus(db: Db, id: string): Promise<EventStatus | undefined> {
  const row = await db
    .selectFrom('event_ids')
    .innerJoin('events', (join) =>
      join
        .onRef('events.received_at', '=', 'event_ids.received_at')
        .onRef('events.seq', '=', 'event_ids.seq'),
    )
    .select(['events.id', 'events.status', 'events.error', 'events.subject_kind', 'events.subject_id'])
    .where('event_ids.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    error: row.error,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
  };
}

export interface WaitingEvent {
  seq: number;
  id: string;
  type: string;
  subjectKind: string;
  subjectId: string;
  occurredAt: Date;
  receivedAt: Date;
}

/**
 * Events waiting for their subject's opening event, in order of receipt (the sequence), after a
 * position: a keyset page through the partial index events_waiting.
 */
export async function listWaitingEvents(
  db: Db,
  page: { afterSeq?: number; limit: number },
): Promise<WaitingEvent[]> {
  let query = db
    .selectFrom('events')
    .select(['seq', 'id', 'type', 'subject_kind', 'subject_id', 'occurred_at', 'received_at'])
    .where('status', '=', 'waiting')
    .orderBy('seq')
    .limit(page.limit);
  if (page.afterSeq !== undefined) query = query.where('seq', '>', page.afterSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    type: r.type,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    occurredAt: r.occurred_at,
    receivedAt: r.received_at,
  }));
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

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  subjectId: string;
  occurredAt: Date;
  data: unknown;
}

export async function subjectEvents(trx: Trx, kind: string, id: string): Promise<StoredEvent[]> {
  return (await eventsOfSubjects(trx, [{ kind, id }])).get(subjectKey({ kind, id })) ?? [];
}

/** Many subjects' stored events in one query, each subject's in occurredAt order, by subjectKey. */
export async function eventsOfSubjects(
  trx: Trx,
  refs: readonly SubjectRef[],
): Promise<Map<string, StoredEvent[]>> {
  if (refs.length === 0) return new Map();
  const rows = await trx
    .selectFrom('events')
    .select(['seq', 'id', 'type', 'subject_kind', 'subject_id', 'occurred_at', 'data'])
    .where(inSubjects(refs, sql.ref('subject_kind'), sql.ref('subject_id')))
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
  const bySubject = new Map<string, StoredEvent[]>();
  for (const r of rows) {
    const key = subjectKey({ kind: r.subject_kind, id: r.subject_id });
    const events = bySubject.get(key) ?? [];
    events.push({
      seq: r.seq,
      id: r.id,
      type: r.type,
      subjectId: r.subject_id,
      occurredAt: r.occurred_at,
      data: r.data,
    });
    bySubject.set(key, events);
  }
  return bySubject;
}

/** The classifier's verdict on one subject's events (see markEvents). */
export interface EventsOutcome {
  seen: readonly string[];
  applied: readonly string[];
  failed: readonly { eventId: string; reason: string }[];
  waiting?: boolean;
  /**
   * The verdicts of a state stored with them: an event it ignores is failed even if an earlier
   * evaluation applied it (its effects are reversed with the new state), so an event's status does
   * not depend on the order events arrived in. Otherwise (the evaluation failed, the state stays)
   * an applied event stays applied.
   */
  ofStoredState?: boolean;
}

/**
 * Records the classifier's verdict on a subject's events: applied, failed (with why), or merely
 * looked at; `waiting` when nothing has opened the subject yet (its events wait for the opening
 * event, and become pending again once it is there).
 */
export async function markEvents(
  trx: Trx,
  kind: string,
  id: string,
  outcome: EventsOutcome,
): Promise<FailedEvent[]> {
  return markEventsOfSubjects(trx, [{ kind, id, ...outcome }]);
}

/** An event that failed, or failed for another reason, in this marking (for the logs). */
export interface FailedEvent {
  eventId: string;
  subjectKind: string;
  subjectId: string;
  reason: string;
}

/**
 * markEvents for many subjects: one statement for the verdicts, one more for any failures.
 * Returns the events newly failed (an event failed again for the same reason is not among them).
 */
export async function markEventsOfSubjects(
  trx: Trx,
  outcomes: readonly (SubjectRef & EventsOutcome)[],
): Promise<FailedEvent[]> {
  const rows = outcomes.flatMap((o) => {
    const applied = new Set(o.applied);
    return o.seen.map((eventId) => ({
      ...o,
      eventId,
      isApplied: applied.has(eventId),
      isWaiting: o.waiting === true,
    }));
  });
  if (rows.length > 0) {
    await sql`
      UPDATE events e SET
        attempted_at = coalesce(e.attempted_at, now()),
        status = CASE
          WHEN v.applied THEN 'applied'
          WHEN e.status = 'pending' AND v.waiting THEN 'waiting'
          WHEN e.status = 'waiting' AND NOT v.waiting THEN 'pending'
          ELSE e.status END,
        applied_at = CASE WHEN v.applied THEN coalesce(e.applied_at, now()) ELSE e.applied_at END,
        error = CASE WHEN v.applied THEN NULL ELSE e.error END
      FROM unnest(
        ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.eventId)}::text[],
        ${rows.map((r) => r.isApplied)}::bool[], ${rows.map((r) => r.isWaiting)}::bool[]
      ) AS v(kind, subject_id, event_id, applied, waiting)
      -- Only the events this evaluation read: one committed meanwhile keeps its own job and sweep.
      WHERE e.subject_kind = v.kind AND e.subject_id = v.subject_id AND e.id = v.event_id
        AND (e.attempted_at IS NULL OR (v.applied AND e.status <> 'applied')
          OR e.status = CASE WHEN v.waiting THEN 'pending' ELSE 'waiting' END)`.execute(trx);
  }
  const failed = outcomes.flatMap((o) =>
    o.failed.map((f) => ({ ...o, ...f, override: o.ofStoredState === true })),
  );
  if (failed.length === 0) return [];
  const { rows: newlyFailed } = await sql<FailedEvent>`
    UPDATE events e SET status = 'failed', error = v.reason
    FROM unnest(
      ${failed.map((f) => f.kind)}::text[], ${failed.map((f) => f.id)}::text[],
      ${failed.map((f) => f.eventId)}::text[], ${failed.map((f) => f.reason)}::text[],
      ${failed.map((f) => f.override)}::bool[]
    ) AS v(kind, subject_id, event_id, reason, override)
    -- Without a new state, an event once applied stays applied: its effects are in the state and the ledger.
    WHERE e.subject_kind = v.kind AND e.subject_id = v.subject_id AND e.id = v.event_id
      AND (v.override OR e.status <> 'applied')
      AND (e.status <> 'failed' OR e.error IS DISTINCT FROM v.reason)
    RETURNING e.id AS "eventId", e.subject_kind AS "subjectKind", e.subject_id AS "subjectId", v.reason`.execute(
    trx,
  );
  return newlyFailed;
}

/** Events queued a while ago that no classifier has looked at (their job was lost): back to the outbox. */
export async function requeueUnattemptedEvents(db: Db, idleSeconds: number): Promise<number> {
  const result = await db
    .updateTable('events')
    .set({ enqueued_at: null })
    .where('attempted_at', 'is', null)
    .where('enqueued_at', '<', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
