import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../src/api-keys.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import {
  EVENTS_CHANNEL,
  EventConflictError,
  findEventStatus,
  insertEvents,
  insertSingleEventPosts,
  markEvents,
  type NewEvent,
} from '../src/events.repository.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

const uid = (label: string) => `${label}-${randomBytes(5).toString('hex')}`;
const hash = (text: string) => createHash('sha256').update(text).digest();

function fault(id: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id,
    type: 'fault.restored',
    subjectKind: 'fault',
    subjectId: `F-${id}`,
    occurredAt: new Date('2026-09-01T01:00:00Z'),
    data: {},
    bodyHash: hash(`${id} as hashed now`),
    ...overrides,
  };
}

const statusOf = async (id: string) => (await findEventStatus(db, id))?.status;

describe('Never applied twice: re-posting an id is a no-op reported as duplicate', () => {
  it('the same event twice in one batch is stored once, the second a duplicate', async () => {
    const id = uid('twice');
    const { results } = await insertEvents(db, [fault(id), fault(id)], null);
    expect(results).toEqual([
      { id, status: 'accepted' },
      { id, status: 'duplicate' },
    ]);
  });

  it('an event stored under an older body hash is a duplicate when its body is the same instant by instant', async () => {
    const id = uid('legacy');
    const exemption = (from: string, bodyHash: Buffer): NewEvent =>
      fault(id, {
        type: 'fault.exemption_approved',
        data: { from, to: '2026-09-01T12:00:00+08:00', cause: 'user', approvedBy: 'x' },
        bodyHash,
      });
    await insertEvents(
      db,
      [exemption('2026-09-01T09:00:00+08:00', hash('as hashed by an older version'))],
      null,
    );
    const again = await insertEvents(
      db,
      [exemption('2026-09-01T01:00:00.000Z', hash('as hashed now'))],
      null,
    );
    expect(again.results).toEqual([{ id, status: 'duplicate' }]);
  });

  it('the same id with another body, stored before or earlier in the batch, names the fields that differ', async () => {
    const stored = uid('stored');
    await insertEvents(db, [fault(stored)], null);
    const twin = uid('twin');
    const error = await insertEvents(
      db,
      [
        fault(stored, { subjectId: 'F-other', bodyHash: hash('another') }),
        fault(twin),
        fault(twin, { occurredAt: new Date('2026-09-01T02:00:00Z'), bodyHash: hash('later') }),
      ],
      null,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventConflictError);
    expect((error as EventConflictError).conflicts).toEqual([
      { index: 0, id: stored, earlierIndex: null, differences: [{ path: ['subjectId'], change: 'differs' }] },
      { index: 2, id: twin, earlierIndex: 1, differences: [{ path: ['occurredAt'], change: 'differs' }] },
    ]);
    expect(await findEventStatus(db, twin)).toBeUndefined();
  });
});

describe('single-event posts in one statement (group commit)', () => {
  it('stores each new id once, in order, with its own key; a re-sent id is a duplicate, another body a conflict; listeners hear of it', async () => {
    const [a, b, before] = [uid('a'), uid('b'), uid('before')];
    await insertEvents(db, [fault(before)], null);
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    const heard = new Promise((resolve) => listener.once('notification', resolve));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    try {
      const keyId = (await createApiKey(db, { name: uid('key'), role: 'ingest' })).apiKey.id;
      const outcomes = await insertSingleEventPosts(db, [
        { event: fault(a), apiKeyId: keyId },
        { event: fault(before), apiKeyId: null },
        { event: fault(a, { subjectId: 'F-other', bodyHash: hash('other') }), apiKeyId: null },
        { event: fault(b), apiKeyId: null },
        { event: fault(a), apiKeyId: null },
      ]);
      expect(outcomes.slice(0, 2)).toEqual([
        { results: [{ id: a, status: 'accepted' }] },
        { results: [{ id: before, status: 'duplicate' }] },
      ]);
      expect(outcomes[2]).toBeInstanceOf(EventConflictError);
      expect((outcomes[2] as EventConflictError).conflicts[0]?.differences.map((d) => d.path)).toEqual([
        ['subjectId'],
      ]);
      expect(outcomes.slice(3)).toEqual([
        { results: [{ id: b, status: 'accepted' }] },
        { results: [{ id: a, status: 'duplicate' }] },
      ]);
      await heard;
      const rows = await db
        .selectFrom('events')
        .innerJoin('event_ids', 'event_ids.id', 'events.id')
        .select([
          'events.id',
          'events.subject_id',
          'events.api_key_id',
          'events.seq',
          'event_ids.seq as idSeq',
        ])
        .where('events.id', 'in', [a, b])
        .orderBy('events.seq')
        .execute();
      expect(rows.map((r) => [r.id, r.subject_id, r.api_key_id])).toEqual([
        [a, `F-${a}`, keyId],
        [b, `F-${b}`, null],
      ]);
      for (const row of rows) expect(row.seq).toBe(row.idSeq);
    } finally {
      await listener.end();
    }
  });
});

describe("an event whose subject was never opened waits for the subject's opening event", () => {
  it('is waiting once the classifier has seen it without an opening event, and pending again once one is there', async () => {
    const id = uid('restored');
    const subjectId = `F-${id}`;
    await insertEvents(db, [fault(id)], null);
    expect(await statusOf(id)).toBe('pending');
    await db
      .transaction()
      .execute((trx) =>
        markEvents(trx, 'fault', subjectId, { seen: [id], applied: [], failed: [], waiting: true }),
      );
    expect(await statusOf(id)).toBe('waiting');
    // The opening event arrived, but this one is dated ahead: it is no longer waiting for anything.
    await db
      .transaction()
      .execute((trx) => markEvents(trx, 'fault', subjectId, { seen: [id], applied: [], failed: [] }));
    expect(await statusOf(id)).toBe('pending');
    await db
      .transaction()
      .execute((trx) => markEvents(trx, 'fault', subjectId, { seen: [id], applied: [id], failed: [] }));
    expect(await statusOf(id)).toBe('applied');
  });

  it('a waiting event the opening event cannot apply fails, with why', async () => {
    const id = uid('failing');
    const subjectId = `F-${id}`;
    await insertEvents(db, [fault(id)], null);
    await db
      .transaction()
      .execute((trx) =>
        markEvents(trx, 'fault', subjectId, { seen: [id], applied: [], failed: [], waiting: true }),
      );
    await db.transaction().execute((trx) =>
      markEvents(trx, 'fault', subjectId, {
        seen: [id],
        applied: [],
        failed: [{ eventId: id, reason: 'no' }],
      }),
    );
    expect(await findEventStatus(db, id)).toMatchObject({ status: 'failed', error: 'no' });
  });
});
