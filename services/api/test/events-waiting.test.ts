import { markEvents } from '@engine/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, uniqueId } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const post = (body: unknown) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const get = (url: string, key = api.keys.ingest) =>
  api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

interface Posted {
  id: string;
  type: string;
  subjectId: string;
  kind: string;
}

/** Posts an event whose subject was never opened, then lets the classifier's verdict mark it: waiting. */
async function postWaiting(
  type: string,
  kind: string,
  occurredAt = '2026-11-23T09:00:00+08:00',
): Promise<Posted> {
  const id = uniqueId('wait');
  const subjectId = `${kind.toUpperCase()}-${id}`;
  expect((await post({ id, type, subjectId, occurredAt, data: {} })).statusCode).toBe(202);
  await api.db
    .transaction()
    .execute((trx) =>
      markEvents(trx, kind, subjectId, { seen: [id], applied: [], failed: [], waiting: true }),
    );
  return { id, type, subjectId, kind };
}

/** Every page of the waiting list, following nextCursor. */
async function allWaiting(limit: number) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(
      `/v1/events?status=waiting&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function waitingGauge(): Promise<number> {
  const text = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
  const match = /^engine_backlog\{what="events_waiting"\} (\d+)$/m.exec(text);
  if (!match) throw new Error('no engine_backlog{what="events_waiting"} in /metrics');
  return Number(match[1]);
}

describe("GET /v1/events?status=waiting: events waiting for their subject's opening event, oldest first", () => {
  it('lists them with type, subject, instants in the policy zone, age and reason, page by page', async () => {
    const restored = await postWaiting('fault.restored', 'fault');
    const replied = await postWaiting('complaint.first_replied', 'complaint', '2026-11-23T01:30:00Z');
    const completed = await postWaiting('callback.completed', 'callback');
    const ours = new Set([restored.id, replied.id, completed.id]);

    const items = (await allWaiting(1)).filter((item) => ours.has(item.id as string));
    expect(items.map((item) => item.id)).toEqual([restored.id, replied.id, completed.id]);
    expect(items[0]).toEqual({
      id: restored.id,
      type: 'fault.restored',
      subjectKind: 'fault',
      subjectId: restored.subjectId,
      occurredAt: '2026-11-23T09:00:00+08:00',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/),
      ageSeconds: expect.any(Number),
      reason: `waiting for the subject's fault.reported: nothing has opened fault ${restored.subjectId} yet`,
    });
    expect(items[1]).toMatchObject({ occurredAt: '2026-11-23T09:30:00+08:00' });
    expect(items[1]!.reason).toMatch(/^waiting for the subject's complaint\.received/);
    expect(items[2]!.reason).toMatch(/^waiting for the subject's callback\.opened/);
    expect(items.every((item) => (item.ageSeconds as number) >= 0)).toBe(true);
    // A larger page holds the same, in the same order.
    expect((await allWaiting(1000)).filter((item) => ours.has(item.id as string))).toEqual(items);
  });

  it('GET /v1/events/{id} answers status waiting with the reason', async () => {
    const restored = await postWaiting('fault.restored', 'fault');
    const response = await get(`/v1/events/${restored.id}`);
    expect(response.json()).toEqual({
      id: restored.id,
      status: 'waiting',
      reason: `waiting for the subject's fault.reported: nothing has opened fault ${restored.subjectId} yet`,
    });
  });

  it('an event leaves the list once its subject is opened and it is applied', async () => {
    const restored = await postWaiting('fault.restored', 'fault');
    await api.db.transaction().execute((trx) =>
      markEvents(trx, 'fault', restored.subjectId, {
        seen: [restored.id],
        applied: [restored.id],
        failed: [],
      }),
    );
    expect((await get(`/v1/events/${restored.id}`)).json()).toEqual({ id: restored.id, status: 'applied' });
    expect((await allWaiting(1000)).map((item) => item.id)).not.toContain(restored.id);
  });

  it('the engine_backlog gauge counts them as events_waiting', async () => {
    const before = await waitingGauge();
    await postWaiting('fault.restored', 'fault');
    await postWaiting('complaint.resolved', 'complaint');
    expect(await waitingGauge()).toBe(before + 2);
  });

  it('ingest and admin keys may list; manager and finance keys may not', async () => {
    expect((await get('/v1/events?status=waiting', api.keys.admin)).statusCode).toBe(200);
    expect((await get('/v1/events?status=waiting', api.keys.ingest)).statusCode).toBe(200);
    expect((await get('/v1/events?status=waiting', api.keys.manager)).statusCode).toBe(403);
    expect((await get('/v1/events?status=waiting', api.keys.finance)).statusCode).toBe(403);
    expect((await api.app.inject({ method: 'GET', url: '/v1/events?status=waiting' })).statusCode).toBe(401);
  });

  it('a forged cursor is a 400: not a cursor this API gave', async () => {
    for (const cursor of ['bm9wZQ', Buffer.from('{"s":"x"}').toString('base64url'), '!!!']) {
      const response = await get(`/v1/events?status=waiting&cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toMatch(/not one this API gave/);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
    }
  });

  it('a status other than waiting, or none, is a 400 saying which are listed', async () => {
    for (const url of ['/v1/events', '/v1/events?status=pending', '/v1/events?status=waiting&limit=0']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      for (const { message } of response.json().errors) expect(message).not.toMatch(/Invalid|Too small/);
    }
  });
});
