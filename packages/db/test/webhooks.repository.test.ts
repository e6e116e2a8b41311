import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { type NewSignal, recordSignals } from '../src/signals.repository.ts';
import {
  createWebhook,
  deleteWebhook,
  deliveryToSend,
  listWebhooks,
  pendingDeliveries,
  recordDeliveryAttempt,
} from '../src/webhooks.repository.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});

const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;
const URL_NOWHERE = 'http://127.0.0.1:9/hook';
const SECRET = 'a-long-shared-secret';

// Subscriptions are global: each one here takes a signal kind of this run only, so it receives no
// other test's signals, and is deleted at the end with its deliveries ended (no sweep sends them).
const subscriptions: string[] = [];
afterAll(async () => {
  if (subscriptions.length > 0) {
    const pending = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('subscription_id', 'in', subscriptions)
      .where('status', '=', 'pending')
      .execute();
    for (const { id } of pending) await recordDeliveryAttempt(db, id, { status: 'dead', error: 'test over' });
    for (const id of subscriptions) await deleteWebhook(db, id);
  }
  await db.destroy();
});

async function subscribe(kinds: string[]) {
  const created = await createWebhook(db, { url: URL_NOWHERE, secret: SECRET, kinds });
  subscriptions.push(created.id);
  return created;
}

function signal(kind: string, subjectId: string, key: string): NewSignal {
  return {
    subjectKind: 'complaint',
    subjectId,
    key,
    kind,
    at: new Date('2031-01-05T05:00:00Z'),
    departmentId: 'D1',
    detail: { clock: 'first_response', provisionalYears: [2031] },
  };
}

/** One delivery to a new subscription of a kind of its own, committed. */
async function oneDelivery() {
  const kind = uid('test-kind');
  const subscription = await subscribe([kind]);
  const subjectId = uid('C');
  const [id] = await db
    .transaction()
    .execute((trx) => recordSignals(trx, [signal(kind, subjectId, 'breach:first_response')]));
  return { id: id!, kind, subjectId, subscription };
}

const deliveryRow = (id: number) =>
  db
    .selectFrom('webhook_deliveries')
    .select(['status', 'attempts', 'last_error', 'delivered_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('webhook subscriptions', () => {
  it('createWebhook returns the subscription without its secret, and listWebhooks lists it in creation order', async () => {
    const first = await subscribe([uid('test-kind'), uid('test-kind')]);
    const second = await subscribe([uid('test-kind')]);
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: URL_NOWHERE,
      kinds: first.kinds,
      format: 'standard',
      created_at: expect.any(Date),
    });
    expect(first.kinds).toHaveLength(2);

    const listed = await listWebhooks(db);
    const mine = listed.filter((w) => w.id === first.id || w.id === second.id);
    expect(mine).toEqual([first, second]);
    expect(listed.every((w) => !('secret' in w))).toBe(true);
    const times = listed.map((w) => w.created_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('deleteWebhook removes it from the list; deleting it again, or an unknown one, is false', async () => {
    const { id } = await subscribe([uid('test-kind')]);
    expect(await deleteWebhook(db, id)).toBe(true);
    expect((await listWebhooks(db)).some((w) => w.id === id)).toBe(false);
    expect(await deleteWebhook(db, id)).toBe(false);
    expect(await deleteWebhook(db, randomUUID())).toBe(false);
  });

  it('createWebhook keeps a kind named twice once, and stores the format', async () => {
    const kind = uid('test-kind');
    const created = await createWebhook(db, {
      url: URL_NOWHERE,
      secret: SECRET,
      kinds: [kind, kind, 'breach', kind],
      format: 'dingtalk',
    });
    subscriptions.push(created.id);
    expect(created).toMatchObject({ kinds: [kind, 'breach'], format: 'dingtalk' });
  });

  it('deleteWebhook drops its pending deliveries, and keeps the delivered ones as the record', async () => {
    const { id: pending, subscription } = await oneDelivery();
    const [delivered] = await db
      .transaction()
      .execute((trx) =>
        recordSignals(trx, [signal(subscription.kinds[0]!, uid('C'), 'breach:first_response')]),
      );
    await recordDeliveryAttempt(db, delivered!, { status: 'delivered', error: null });
    expect(await deleteWebhook(db, subscription.id)).toBe(true);
    expect(await deliveryToSend(db, pending)).toBeUndefined();
    expect((await deliveryToSend(db, delivered!))?.status).toBe('delivered');
    const left = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .execute();
    expect(left.map((r) => r.id)).toEqual([delivered]);
  });
});

describe('deliveries', () => {
  it('deliveryToSend gives the delivery with its subscription’s URL and secret and the signal', async () => {
    const { id, kind, subjectId } = await oneDelivery();
    const signalId = (
      await db
        .selectFrom('webhook_deliveries')
        .select('signal_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).signal_id;
    expect(await deliveryToSend(db, id)).toEqual({
      id,
      status: 'pending',
      url: URL_NOWHERE,
      secret: SECRET,
      format: 'standard',
      // A complaint nobody posted and a clock nobody started: nothing more to tell of them.
      subject: null,
      clock: null,
      signal: {
        id: signalId,
        kind,
        key: 'breach:first_response',
        subjectKind: 'complaint',
        subjectId,
        at: new Date('2031-01-05T05:00:00Z'),
        departmentId: 'D1',
        detail: { clock: 'first_response', provisionalYears: [2031] },
      },
    });
    const { max } = await db
      .selectFrom('webhook_deliveries')
      .select(sql<number>`coalesce(max(id), 0)::int`.as('max'))
      .executeTakeFirstOrThrow();
    expect(await deliveryToSend(db, max + 1_000_000)).toBeUndefined();
  });

  it('recordDeliveryAttempt counts attempts: a failure keeps it pending with its error, success marks it delivered', async () => {
    const { id } = await oneDelivery();
    expect(await deliveryRow(id)).toEqual({
      status: 'pending',
      attempts: 0,
      last_error: null,
      delivered_at: null,
    });

    await recordDeliveryAttempt(db, id, { status: 'pending', error: 'HTTP 500' });
    expect(await deliveryRow(id)).toEqual({
      status: 'pending',
      attempts: 1,
      last_error: 'HTTP 500',
      delivered_at: null,
    });

    const before = Date.now();
    await recordDeliveryAttempt(db, id, { status: 'delivered', error: null });
    const delivered = await deliveryRow(id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(delivered.delivered_at!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect((await deliveryToSend(db, id))?.status).toBe('delivered');
  });

  it('recordDeliveryAttempt on the last failure marks it dead with its last error', async () => {
    const { id } = await oneDelivery();
    await recordDeliveryAttempt(db, id, { status: 'pending', error: 'connect ECONNREFUSED' });
    await recordDeliveryAttempt(db, id, { status: 'dead', error: 'HTTP 502' });
    expect(await deliveryRow(id)).toEqual({
      status: 'dead',
      attempts: 2,
      last_error: 'HTTP 502',
      delivered_at: null,
    });
  });

  it('pendingDeliveries returns the pending deliveries idle longer than the given seconds, up to the limit', async () => {
    // Rolled back at the end: a committed delivery idle for minutes would be sent by another
    // test's sweep meanwhile.
    const trx = await db.startTransaction().execute();
    try {
      const kind = uid('test-kind');
      await createWebhook(trx, { url: URL_NOWHERE, secret: SECRET, kinds: [kind] });
      const subjectId = uid('C');
      const [oldPending, oldDelivered, oldDead, fresh, notSoOld] = await recordSignals(
        trx,
        ['a', 'b', 'c', 'd', 'e'].map((key) => signal(kind, subjectId, key)),
      );
      const age = async (id: number, seconds: number) =>
        trx
          .updateTable('webhook_deliveries')
          .set({ created_at: sql<Date>`now() - make_interval(secs => ${seconds})` })
          .where('id', '=', id!)
          .execute();
      await age(oldPending!, 120);
      await age(oldDelivered!, 120);
      await age(oldDead!, 120);
      await age(notSoOld!, 30);
      await recordDeliveryAttempt(trx, oldDelivered!, { status: 'delivered', error: null });
      await recordDeliveryAttempt(trx, oldDead!, { status: 'dead', error: 'HTTP 500' });
      // A failed attempt leaves it pending: still due for another try.
      await recordDeliveryAttempt(trx, oldPending!, { status: 'pending', error: 'HTTP 500' });

      const mine = new Set([oldPending, oldDelivered, oldDead, fresh, notSoOld]);
      const due = async (idleSeconds: number) =>
        (await pendingDeliveries(trx, idleSeconds, 100_000))
          .filter((id) => mine.has(id))
          .sort((a, b) => a - b);
      expect(await due(60)).toEqual([oldPending]);
      expect(await due(10)).toEqual([oldPending, notSoOld]);
      expect(await due(600)).toEqual([]);
      expect(await pendingDeliveries(trx, 10, 1)).toHaveLength(1);
    } finally {
      await trx.rollback().execute();
    }
  });
});
