import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { type NewSignal, recordSignals } from '../src/signals.repository.ts';
import { createWebhook, deleteWebhook, recordDeliveryAttempt } from '../src/webhooks.repository.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});

const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;
// Signal kinds of this run only: subscriptions are global, and another test's subscription to a
// real kind (breach, over_level...) must not receive these signals.
const KIND = `test-breach-${run}`;
const OTHER_KIND = `test-warning-${run}`;
const UNSUBSCRIBED_KIND = `test-upgrade-${run}`;
const URL_NOWHERE = 'http://127.0.0.1:9/hook';

const subscriptions: string[] = [];
afterAll(async () => {
  // Nothing of this file is left for a sweep to deliver: its deliveries end dead, its subscriptions deleted.
  const pending = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where(
      'subscription_id',
      'in',
      subscriptions.length ? subscriptions : ['00000000-0000-0000-0000-000000000000'],
    )
    .where('status', '=', 'pending')
    .execute();
  for (const { id } of pending) await recordDeliveryAttempt(db, id, { status: 'dead', error: 'test over' });
  for (const id of subscriptions) await deleteWebhook(db, id);
  await db.destroy();
});

async function subscribe(kinds: string[]): Promise<string> {
  const { id } = await createWebhook(db, { url: URL_NOWHERE, secret: 'a-long-shared-secret', kinds });
  subscriptions.push(id);
  return id;
}

function signal(overrides: Partial<NewSignal> & { subjectId: string; key: string }): NewSignal {
  return {
    subjectKind: 'complaint',
    kind: KIND,
    at: new Date('2031-01-05T05:00:00Z'),
    departmentId: 'D1',
    detail: { clock: 'first_response' },
    ...overrides,
  };
}

const record = (signals: readonly NewSignal[]) =>
  db.transaction().execute((trx) => recordSignals(trx, signals));

/** The deliveries among `ids` that go to this file's subscriptions, as (subscription, signal key) pairs. */
async function deliveriesOf(ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('signals as s', 's.id', 'd.signal_id')
    .select(['d.subscription_id', 's.subject_id', 's.key', 'd.status', 'd.attempts'])
    .where('d.id', 'in', [...ids])
    .where('d.subscription_id', 'in', subscriptions)
    .execute();
  return rows;
}

const signalsOf = (subjectId: string) =>
  db
    .selectFrom('signals')
    .select(['subject_kind', 'subject_id', 'key', 'kind', 'at', 'department_id', 'detail'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();

describe('recordSignals records each (subject kind, subject, key) once', () => {
  it('stores the signals with their detail and creates one pending delivery per subscribed webhook', async () => {
    const subscribed = await subscribe([KIND]);
    const both = await subscribe([OTHER_KIND, KIND]);
    const otherOnly = await subscribe([OTHER_KIND]);
    const deleted = await subscribe([KIND]);
    expect(await deleteWebhook(db, deleted)).toBe(true);

    const subjectId = uid('C');
    const ids = await record([
      signal({ subjectId, key: 'breach:first_response' }),
      signal({ subjectId, key: 'breach:resolution', detail: { clock: 'resolution' } }),
      signal({ subjectId, key: 'upgrade', kind: UNSUBSCRIBED_KIND }),
    ]);

    const mine = await deliveriesOf(ids);
    expect(mine.map((d) => [d.subscription_id, d.key]).sort()).toEqual(
      [
        [subscribed, 'breach:first_response'],
        [subscribed, 'breach:resolution'],
        [both, 'breach:first_response'],
        [both, 'breach:resolution'],
      ].sort(),
    );
    expect(mine.every((d) => d.subject_id === subjectId && d.status === 'pending' && d.attempts === 0)).toBe(
      true,
    );
    expect(mine.some((d) => d.subscription_id === otherOnly || d.subscription_id === deleted)).toBe(false);

    expect(await signalsOf(subjectId)).toEqual([
      {
        subject_kind: 'complaint',
        subject_id: subjectId,
        key: 'breach:first_response',
        kind: KIND,
        at: new Date('2031-01-05T05:00:00Z'),
        department_id: 'D1',
        detail: { clock: 'first_response' },
      },
      expect.objectContaining({ key: 'breach:resolution', detail: { clock: 'resolution' } }),
      expect.objectContaining({ key: 'upgrade', kind: UNSUBSCRIBED_KIND }),
    ]);
  });

  it('a detail and an id an array parameter must escape (quotes, backslashes, braces, NULL, CJK) read back as recorded', async () => {
    const subjectId = `${uid('C')} "q",{b} \\ NULL 投诉`;
    const detail = { note: 'say "hi", {x} \\ NULL 超时 😀', nested: { list: ['a,b', null, '}'] } };
    await record([signal({ subjectId, key: 'breach:resolution', detail })]);
    expect(await signalsOf(subjectId)).toEqual([
      expect.objectContaining({ subject_id: subjectId, key: 'breach:resolution', detail }),
    ]);
  });

  it('recording the same signal again inserts nothing and returns no deliveries', async () => {
    // A kind of this test's own, so the subscriptions of the tests before it do not receive it.
    const kind = uid('test-kind');
    await subscribe([kind]);
    const subjectId = uid('C');
    const first = signal({ subjectId, key: 'breach:first_response', kind });
    expect((await deliveriesOf(await record([first]))).length).toBe(1);
    const before = await signalsOf(subjectId);

    expect(await record([first])).toEqual([]);
    // Same identity, computed again with other values (a retried evaluation): still the first one stands.
    expect(
      await record([{ ...first, at: new Date('2031-01-06T00:00:00Z'), detail: { clock: 'again' } }]),
    ).toEqual([]);
    expect(await signalsOf(subjectId)).toEqual(before);
    const deliveries = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('signals as s', 's.id', 'd.signal_id')
      .select('d.id')
      .where('s.subject_id', '=', subjectId)
      .where('d.subscription_id', 'in', subscriptions)
      .execute();
    expect(deliveries).toHaveLength(1);
  });

  it('in a batch of a recorded and a new signal, only the new one is recorded and delivered', async () => {
    const subscription = await subscribe([KIND]);
    const subjectId = uid('C');
    await record([signal({ subjectId, key: 'warning:first_response' })]);
    const ids = await record([
      signal({ subjectId, key: 'warning:first_response' }),
      signal({ subjectId, key: 'breach:first_response' }),
    ]);
    const mine = (await deliveriesOf(ids)).filter((d) => d.subscription_id === subscription);
    expect(mine.map((d) => d.key)).toEqual(['breach:first_response']);
    expect((await signalsOf(subjectId)).map((s) => s.key)).toEqual([
      'warning:first_response',
      'breach:first_response',
    ]);
  });

  it('the same key on another subject, or on a subject of another kind, is another signal', async () => {
    const subscription = await subscribe([KIND]);
    const subjectId = uid('X');
    const other = uid('X');
    await record([signal({ subjectId, key: 'breach:repair' })]);
    const ids = await record([
      signal({ subjectId, key: 'breach:repair', subjectKind: 'fault' }),
      signal({ subjectId: other, key: 'breach:repair' }),
    ]);
    const mine = (await deliveriesOf(ids)).filter((d) => d.subscription_id === subscription);
    expect(mine.map((d) => d.subject_id).sort()).toEqual([subjectId, other].sort());
    expect((await signalsOf(subjectId)).map((s) => s.subject_kind)).toEqual(['complaint', 'fault']);
    expect(await signalsOf(other)).toHaveLength(1);
  });

  it('records nothing for an empty batch', async () => {
    expect(await record([])).toEqual([]);
  });
});

describe('a webhook subscribed to all kinds (kinds = [])', () => {
  it('gets a delivery for every signal, whatever its kind', async () => {
    // In a transaction rolled back at the end: a committed all-kinds subscription would receive the
    // signals of every other test running now (and their engines would try to deliver them).
    const trx = await db.startTransaction().execute();
    try {
      const { id: all } = await createWebhook(trx, { url: URL_NOWHERE, secret: 's', kinds: [] });
      const { id: none } = await createWebhook(trx, {
        url: URL_NOWHERE,
        secret: 's',
        kinds: [`nothing-${run}`],
      });
      const subjectId = uid('C');
      const ids = await recordSignals(trx, [
        signal({ subjectId, key: 'breach:first_response', kind: KIND }),
        signal({ subjectId, key: 'warning:resolution', kind: OTHER_KIND }),
        signal({ subjectId, key: 'upgrade', kind: UNSUBSCRIBED_KIND }),
      ]);
      const rows = await trx
        .selectFrom('webhook_deliveries as d')
        .innerJoin('signals as s', 's.id', 'd.signal_id')
        .select(['d.id', 'd.subscription_id', 's.kind'])
        .where('d.subscription_id', 'in', [all, none])
        .execute();
      expect(rows.map((r) => r.kind).sort()).toEqual([KIND, OTHER_KIND, UNSUBSCRIBED_KIND].sort());
      expect(rows.every((r) => r.subscription_id === all)).toBe(true);
      // Each of those deliveries is among the ids returned.
      expect(rows.every((r) => ids.includes(r.id))).toBe(true);
    } finally {
      await trx.rollback().execute();
    }
  });
});
