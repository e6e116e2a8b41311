import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import {
  EventConflictError,
  findEventStatus,
  insertEvents,
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
