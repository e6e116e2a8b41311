import { putDepartment, putHall } from '@engine/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintReceived, startTestApi, type TestApi, uniqueId } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const post = (body: unknown, key = api.keys.ingest) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function storedCount(ids: string[]): Promise<number> {
  const rows = await api.db.selectFrom('events').select('id').where('id', 'in', ids).execute();
  return rows.length;
}

const paths = (response: { json: () => { errors?: { path: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.path);

describe('POST /v1/events: a valid event is durable before 202', () => {
  it('accepts one event and stores it, pending', async () => {
    const id = uniqueId('ok');
    const response = await post(complaintReceived(id));
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: 1, duplicates: 0, results: [{ id, status: 'accepted' }] });
    expect(await storedCount([id])).toBe(1);
    const status = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${id}`,
      headers: { authorization: `Bearer ${api.keys.ingest}` },
    });
    expect(status.json()).toEqual({ id, status: 'pending' });
  });

  it('accepts every event type of API.md', async () => {
    const s = uniqueId('types');
    const at = '2026-11-23T10:00:00+08:00';
    const events = [
      complaintReceived(`${s}-1`, {
        data: {
          departmentId: 'D1',
          hallId: 'H1',
          channel: 'visit',
          customer: { id: 'c', group: { tier: 'A' } },
          overLevel: {
            body: 'miit_appeal',
            controlLevel: 1,
            priorComplaintToDepartment: true,
            interceptionAttempted: false,
          },
          repeatOf: 'C0',
          overLevelTendency: true,
          summary: '宽带每晚掉线',
        },
      }),
      { id: `${s}-2`, type: 'complaint.first_replied', subjectId: 'C1', occurredAt: at, data: {} },
      {
        id: `${s}-3`,
        type: 'complaint.reply_rejected',
        subjectId: 'C1',
        occurredAt: at,
        data: { reason: 'vague' },
      },
      { id: `${s}-4`, type: 'complaint.resolved', subjectId: 'C1', occurredAt: at, data: {} },
      { id: `${s}-5`, type: 'complaint.reopened', subjectId: 'C1', occurredAt: at, data: {} },
      {
        id: `${s}-6`,
        type: 'complaint.responsibility_set',
        subjectId: 'C1',
        occurredAt: at,
        data: { responsibility: 'enterprise', criteria: ['provincial_media'] },
      },
      {
        id: `${s}-7`,
        type: 'complaint.escalated',
        subjectId: 'C1',
        occurredAt: at,
        data: {
          overLevel: {
            body: 'npc',
            controlLevel: 2,
            priorComplaintToDepartment: false,
            interceptionAttempted: true,
          },
        },
      },
      { id: `${s}-8`, type: 'complaint.tendency_flagged', subjectId: 'C1', occurredAt: at, data: {} },
      { id: `${s}-9`, type: 'complaint.intercepted', subjectId: 'C1', occurredAt: at, data: {} },
      {
        id: `${s}-10`,
        type: 'complaint.cancelled',
        subjectId: 'C1',
        occurredAt: at,
        data: { reason: 'duplicate order' },
      },
      {
        id: `${s}-11`,
        type: 'fault.reported',
        subjectId: 'F1',
        occurredAt: at,
        data: { departmentId: 'D1', kind: 'rural', repeatOf: 'F0' },
      },
      { id: `${s}-12`, type: 'fault.restored', subjectId: 'F1', occurredAt: at, data: {} },
      {
        id: `${s}-13`,
        type: 'fault.exemption_approved',
        subjectId: 'F1',
        occurredAt: at,
        data: {
          from: '2026-11-22T10:00:00+08:00',
          to: '2026-11-22T12:00:00+08:00',
          cause: 'cable_theft',
          approvedBy: 'ops',
        },
      },
      {
        id: `${s}-14`,
        type: 'callback.opened',
        subjectId: 'CB1',
        occurredAt: at,
        data: { kind: 'new_install', departmentId: 'D1' },
      },
      { id: `${s}-15`, type: 'callback.completed', subjectId: 'CB1', occurredAt: at, data: {} },
      {
        id: `${s}-16`,
        type: 'finding.recorded',
        subjectId: 'Q1',
        occurredAt: at,
        data: { rule: 'window.quiz_wrong', departmentId: 'D1', personId: 'P1' },
      },
    ];
    const response = await post({ events });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json().accepted).toBe(16);
  });
});

describe('POST /v1/events: bad input is a 400 problem naming every problem, and nothing is stored', () => {
  const invalid = (id: string, change: (event: Record<string, unknown>) => void) => {
    const event: Record<string, unknown> = structuredClone(complaintReceived(id));
    change(event);
    return event;
  };

  it.each([
    ['id missing', (e: Record<string, unknown>) => delete e.id, 'id'],
    ['type missing', (e: Record<string, unknown>) => delete e.type, 'type'],
    ['subjectId missing', (e: Record<string, unknown>) => delete e.subjectId, 'subjectId'],
    ['occurredAt missing', (e: Record<string, unknown>) => delete e.occurredAt, 'occurredAt'],
    ['data missing', (e: Record<string, unknown>) => delete e.data, 'data'],
    [
      'data.departmentId missing',
      (e: Record<string, unknown>) => delete (e.data as Record<string, unknown>).departmentId,
      'data.departmentId',
    ],
    [
      'id of the wrong type',
      (e: Record<string, unknown>) => {
        e.id = 42;
      },
      'id',
    ],
    [
      'data of the wrong type',
      (e: Record<string, unknown>) => {
        e.data = 'complaint';
      },
      'data',
    ],
    [
      'channel outside its list',
      (e: Record<string, unknown>) => {
        (e.data as Record<string, unknown>).channel = 'pigeon';
      },
      'data.channel',
    ],
    [
      'an unknown field',
      (e: Record<string, unknown>) => {
        (e.data as Record<string, unknown>).departmentID = 'D1';
      },
      'data.departmentID',
    ],
    [
      'an unknown type',
      (e: Record<string, unknown>) => {
        e.type = 'complaint.teleported';
      },
      'type',
    ],
    [
      'a malformed instant',
      (e: Record<string, unknown>) => {
        e.occurredAt = '2026-13-01T00:00:00Z';
      },
      'occurredAt',
    ],
    [
      'an instant without an offset',
      (e: Record<string, unknown>) => {
        e.occurredAt = '2026-11-23T09:00:00';
      },
      'occurredAt',
    ],
    [
      'an instant that is not one',
      (e: Record<string, unknown>) => {
        e.occurredAt = 'yesterday';
      },
      'occurredAt',
    ],
    [
      'an instant more than 5 minutes in the future',
      (e: Record<string, unknown>) => {
        e.occurredAt = '2026-11-23T12:05:01+08:00';
      },
      'occurredAt',
    ],
    [
      'an id longer than 128',
      (e: Record<string, unknown>) => {
        e.id = 'x'.repeat(129);
      },
      'id',
    ],
    [
      'a summary longer than 4,000',
      (e: Record<string, unknown>) => {
        (e.data as Record<string, unknown>).summary = '长'.repeat(4001);
      },
      'data.summary',
    ],
    [
      'a code the policy does not know',
      (e: Record<string, unknown>) => {
        Object.assign(e, { type: 'fault.reported', data: { departmentId: 'D1', kind: 'orbital' } });
      },
      'data.kind',
    ],
  ])('%s', async (_name, change, path) => {
    const id = uniqueId('bad');
    const response = await post(invalid(id, change));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: '/problems/invalid-request',
      title: 'Invalid request',
      status: 400,
    });
    expect(paths(response)).toContain(path);
    expect(await storedCount([id])).toBe(0);
  });

  it('accepts an instant up to 5 minutes ahead', async () => {
    const response = await post(
      complaintReceived(uniqueId('soon'), { occurredAt: '2026-11-23T12:05:00+08:00' }),
    );
    expect(response.statusCode).toBe(202);
  });

  it('names every invalid item of a batch by index and stores none of the valid ones', async () => {
    const good = uniqueId('good');
    const response = await post({
      events: [
        complaintReceived(good),
        complaintReceived(uniqueId('b1'), { occurredAt: 'soon' }),
        complaintReceived(uniqueId('b2'), { data: {} }),
        complaintReceived(uniqueId('b3'), { occurredAt: '2027-01-01T00:00:00+08:00' }),
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(paths(response).sort()).toEqual([
      'events[1].occurredAt',
      'events[2].data.departmentId',
      'events[3].occurredAt',
    ]);
    expect(await storedCount([good])).toBe(0);
  });

  it('refuses an empty batch and one of more than 1,000', async () => {
    const empty = await post({ events: [] });
    expect(empty.statusCode).toBe(400);
    expect(paths(empty)).toEqual(['events']);
    const ids = Array.from({ length: 1001 }, (_, i) => uniqueId(`big${i}`));
    const oversize = await post({ events: ids.map((id) => complaintReceived(id)) });
    expect(oversize.statusCode).toBe(400);
    expect(paths(oversize)).toEqual(['events']);
    expect(await storedCount(ids.slice(0, 5))).toBe(0);
  });

  it('accepts a batch of exactly 1,000', async () => {
    const response = await post({
      events: Array.from({ length: 1000 }, (_, i) => complaintReceived(uniqueId(`k${i}`))),
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().accepted).toBe(1000);
  });

  it('answers a body that is not JSON with 400 and a wrong content type with 415', async () => {
    const notJson = await post('{"id": "a",');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrongType = await api.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().type).toBe('/problems/unsupported-media-type');
  });
});

describe('idempotency and atomicity', () => {
  it('20 concurrent posts of one id store one row: one accepted, 19 duplicates', async () => {
    const id = uniqueId('race');
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(complaintReceived(id))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(202));
    const statuses = responses.map((r) => r.json().results[0].status);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(19);
    expect(await storedCount([id])).toBe(1);
  });

  it('the same id with a different body is a 409 conflict and is not applied', async () => {
    const id = uniqueId('conflict');
    await post(complaintReceived(id));
    const response = await post(complaintReceived(id, { subjectId: 'C-changed' }));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ status: 409, errors: [{ path: 'subjectId' }] });
    const row = await api.db.selectFrom('events').select('subject_id').where('id', '=', id).execute();
    expect(row).toEqual([{ subject_id: `C-${id}` }]);
  });

  it('a batch with one conflicting event stores nothing', async () => {
    const taken = uniqueId('taken');
    await post(complaintReceived(taken));
    const fresh = [uniqueId('f1'), uniqueId('f2')];
    const response = await post({
      events: [
        complaintReceived(fresh[0]!),
        complaintReceived(fresh[1]!),
        complaintReceived(taken, { subjectId: 'X' }),
      ],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([
      { path: 'events[2].subjectId', message: `differs from event ${taken} as posted before` },
    ]);
    expect(await storedCount(fresh)).toBe(0);
  });

  it('a batch repeating stored events reports them as duplicates', async () => {
    const old = uniqueId('old');
    await post(complaintReceived(old));
    const fresh = uniqueId('new');
    const response = await post({ events: [complaintReceived(old), complaintReceived(fresh)] });
    expect(response.json()).toEqual({
      accepted: 1,
      duplicates: 1,
      results: [
        { id: old, status: 'duplicate' },
        { id: fresh, status: 'accepted' },
      ],
    });
  });
});

describe('auth (API.md)', () => {
  const get = (id: string, authorization?: string) =>
    api.app.inject({
      method: 'GET',
      url: `/v1/events/${id}`,
      headers: authorization ? { authorization } : {},
    });

  it('no key or an unknown key is 401', async () => {
    const none = await api.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: complaintReceived(uniqueId('anon')),
    });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await post(complaintReceived(uniqueId('u')), 'cse_00000000_not-a-key')).statusCode).toBe(401);
    expect((await get('x', 'Basic abc')).statusCode).toBe(401);
  });

  it('a revoked key is 401', async () => {
    const { createApiKey, revokeApiKey } = await import('@engine/db');
    const { key, apiKey } = await createApiKey(api.db, { name: 'soon revoked', role: 'ingest' });
    await revokeApiKey(api.db, apiKey.id);
    expect((await post(complaintReceived(uniqueId('rev')), key)).statusCode).toBe(401);
  });

  it.each([
    ['ingest', 202, 200],
    ['admin', 202, 200],
    ['manager', 403, 403],
    ['finance', 403, 403],
  ] as const)('a %s key: POST %i, GET %i', async (role, postStatus, getStatus) => {
    const id = uniqueId(role);
    expect((await post(complaintReceived(id), api.keys[role])).statusCode).toBe(postStatus);
    const known = uniqueId('known');
    await post(complaintReceived(known));
    expect((await get(known, `Bearer ${api.keys[role]}`)).statusCode).toBe(getStatus);
  });

  it('an unauthenticated request learns nothing of validation', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/v1/events', payload: { nonsense: true } });
    expect(response.statusCode).toBe(401);
  });

  it('an unknown event id is 404', async () => {
    expect((await get(uniqueId('missing'), `Bearer ${api.keys.ingest}`)).statusCode).toBe(404);
  });
});

describe('operations', () => {
  it('GET /healthz says the process is up; every answer carries its request id', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toBe('trace-123');
  });

  it('GET /readyz is 200 when Postgres and Redis answer, 503 naming the one that does not', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      postgres: 'ok',
      redis: 'ok',
    });
    const redisDown = await startTestApi({
      pingRedis: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    const response = await redisDown.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', postgres: 'ok', redis: 'connect ECONNREFUSED' });
    await redisDown.close();
  });

  it('serves the OpenAPI document with the events paths', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/events', '/v1/events/{id}', '/healthz', '/readyz']),
    );
  });
});

describe('Re-posting an id is a no-op reported as duplicate; the same id with a different body is a 409', () => {
  const exemption = (id: string, occurredAt: string, from: string, to: string) => ({
    id,
    type: 'fault.exemption_approved',
    subjectId: `F-${id}`,
    occurredAt,
    data: { from, to, cause: 'cable_cut', approvedBy: 'ops' },
  });

  it('one instant written with another offset or precision is the same body: a duplicate', async () => {
    const id = uniqueId('instant');
    const first = await post(
      exemption(id, '2026-09-01T01:00:00Z', '2026-08-31T16:00:00Z', '2026-08-31T18:30:00Z'),
    );
    expect(first.json().accepted).toBe(1);
    for (const [occurredAt, from, to] of [
      ['2026-09-01T09:00:00+08:00', '2026-09-01T00:00:00+08:00', '2026-09-01T02:30:00+08:00'],
      ['2026-09-01T09:00:00.000+08:00', '2026-08-31T16:00:00.000Z', '2026-08-31T20:30:00+02:00'],
    ] as const) {
      const again = await post(exemption(id, occurredAt, from, to));
      expect(again.statusCode, again.body).toBe(202);
      expect(again.json().results).toEqual([{ id, status: 'duplicate' }]);
    }
  });

  it('object keys in another order are the same body', async () => {
    const id = uniqueId('keys');
    const event = complaintReceived(id, { data: { departmentId: 'D1', channel: 'hotline', hallId: 'H1' } });
    await post(event);
    const again = await post({
      data: { hallId: 'H1', channel: 'hotline', departmentId: 'D1' },
      occurredAt: event.occurredAt,
      subjectId: event.subjectId,
      type: event.type,
      id,
    });
    expect(again.json().results).toEqual([{ id, status: 'duplicate' }]);
  });

  it('a real 409 names each field that differs', async () => {
    const id = uniqueId('differs');
    await post(complaintReceived(id, { data: { departmentId: 'D1', channel: 'hotline', hallId: 'H1' } }));
    const response = await post(complaintReceived(id, { data: { departmentId: 'D2', channel: 'hall' } }));
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([
      { path: 'data.channel', message: `differs from event ${id} as posted before` },
      { path: 'data.departmentId', message: `differs from event ${id} as posted before` },
      { path: 'data.hallId', message: `is missing, but event ${id} was posted before with it` },
    ]);
  });

  it('the same event twice in one batch (keys in another order) is stored once: the second is a duplicate', async () => {
    const id = uniqueId('twice');
    const event = complaintReceived(id);
    const { data, ...envelope } = event;
    const response = await post({
      events: [event, { data: { channel: 'hotline', departmentId: 'D1' }, ...envelope }],
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({
      accepted: 1,
      duplicates: 1,
      results: [
        { id, status: 'accepted' },
        { id, status: 'duplicate' },
      ],
    });
    expect(data).toEqual({ departmentId: 'D1', channel: 'hotline' });
    expect(await storedCount([id])).toBe(1);
  });

  it('the same id with a different body in one batch is a 409 naming the item and the field', async () => {
    const id = uniqueId('twin');
    const fresh = uniqueId('fresh');
    const response = await post({
      events: [
        complaintReceived(fresh),
        complaintReceived(id),
        complaintReceived(id, { subjectId: 'other' }),
      ],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([
      { path: 'events[2].subjectId', message: 'differs from events[1], which has the same id' },
    ]);
    expect(await storedCount([id, fresh])).toBe(0);
  });
});

describe('null for an optional field is absent (Java and .NET serialisers send nulls)', () => {
  it('accepts null for optional fields, top-level and in data, and stores them as absent', async () => {
    const id = uniqueId('nulls');
    const response = await post(
      complaintReceived(id, {
        data: {
          departmentId: 'D1',
          hallId: null,
          channel: null,
          customer: { id: 'c1', group: null },
          overLevel: null,
          repeatOf: null,
          overLevelTendency: null,
          summary: null,
        },
      }),
    );
    expect(response.statusCode, response.body).toBe(202);
    const [row] = await api.db.selectFrom('events').select('data').where('id', '=', id).execute();
    expect(row?.data).toEqual({ departmentId: 'D1', customer: { id: 'c1' } });
    // The same event without the nulls is the same body.
    const again = await post(complaintReceived(id, { data: { departmentId: 'D1', customer: { id: 'c1' } } }));
    expect(again.json().results).toEqual([{ id, status: 'duplicate' }]);
  });

  it('accepts null for optional fields of other types', async () => {
    const id = uniqueId('nulls2');
    const response = await post({
      events: [
        {
          id,
          type: 'complaint.responsibility_set',
          subjectId: 'C1',
          occurredAt: '2026-11-23T10:00:00+08:00',
          data: { responsibility: 'non_enterprise', criteria: null },
        },
        {
          id: `${id}-r`,
          type: 'complaint.reopened',
          subjectId: 'C1',
          occurredAt: '2026-11-23T10:00:00+08:00',
          data: { reason: null },
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(202);
  });

  it('a required field that is null is still a problem', async () => {
    const id = uniqueId('nullreq');
    const response = await post(complaintReceived(id, { subjectId: null, data: { departmentId: null } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'subjectId', message: 'is required; null was sent' },
      { path: 'data.departmentId', message: 'is required; null was sent' },
    ]);
    expect(await storedCount([id])).toBe(0);
  });
});

describe('error wording: every message of the events API says what is wrong and what is expected', () => {
  const problemsOf = async (body: unknown) => {
    const response = await post(body);
    expect(response.statusCode, response.body).toBe(400);
    return response.json().errors as { path: string; message: string }[];
  };

  it('an instant without an offset: an offset is required, with an example', async () => {
    const errors = await problemsOf(
      complaintReceived(uniqueId('local'), { occurredAt: '2026-09-01T09:00:00' }),
    );
    expect(errors).toEqual([
      {
        path: 'occurredAt',
        message: 'has no offset: an instant needs one, e.g. 2026-09-01T09:00:00+08:00 (or Z for UTC)',
      },
    ]);
  });

  it('an unknown field names the nearest known one', async () => {
    const errors = await problemsOf(
      complaintReceived(uniqueId('typo'), { subject_id: 'C1', data: { department_id: 'D1' } }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'subject_id', message: 'unknown field; did you mean subjectId?' },
        { path: 'data.department_id', message: 'unknown field; did you mean departmentId?' },
      ]),
    );
  });

  it('an unknown event type names the nearest known one', async () => {
    const errors = await problemsOf(complaintReceived(uniqueId('type'), { type: 'complaint.recieved' }));
    expect(errors).toEqual([
      { path: 'type', message: 'complaint.recieved is not an event type; did you mean complaint.received?' },
    ]);
  });

  it.each([
    ['type missing', { type: undefined }],
    ['type unknown', { type: 'complaint.teleported' }],
    ['id a number', { id: 42 }],
    ['id empty', { id: '' }],
    ['id too long', { id: 'x'.repeat(129) }],
    ['data a string', { data: 'x' }],
    ['data missing', { data: undefined }],
    ['a field missing', { data: {} }],
    ['a value outside its list', { data: { departmentId: 'D1', channel: 'pigeon' } }],
    ['a malformed instant', { occurredAt: '2026-13-01T00:00:00Z' }],
    ['an offset without a colon', { occurredAt: '2026-09-01T09:00:00+0800' }],
    ['not an instant', { occurredAt: 'yesterday' }],
    ['a boolean as a string', { data: { departmentId: 'D1', overLevelTendency: 'yes' } }],
    [
      'an over-level block with a wrong body and level',
      { data: { departmentId: 'D1', overLevel: { body: 'press', controlLevel: 3 } } },
    ],
    ['a summary too long', { data: { departmentId: 'D1', summary: 'x'.repeat(4001) } }],
    ['an upper-case code', { type: 'fault.reported', data: { departmentId: 'D1', kind: 'Urban' } }],
    ['an unknown top-level field', { source: 'crm' }],
    ['a date before any policy', { occurredAt: '1990-01-01T00:00:00+08:00' }],
  ])('%s: no library wording', async (_name, change) => {
    const event = { ...complaintReceived(uniqueId('w')), ...change };
    const errors = await problemsOf(event);
    expect(errors.length).toBeGreaterThan(0);
    for (const { message } of errors) {
      expect(message).not.toMatch(
        /Invalid input|Invalid option|Too small|Too big|Unrecognized key|Invalid discriminator|Invalid ISO|received undefined|\.000Z/,
      );
    }
  });

  it('a body that is neither an event nor a batch says what is expected', async () => {
    for (const body of [[1, 2], '"hi"', 'null', { events: 'x' }, { events: [], extra: 1 }]) {
      for (const { message } of await problemsOf(body)) {
        expect(message).not.toMatch(/Invalid input|Too small|Unrecognized key/);
      }
    }
  });
});

describe('POST /v1/events: a hall of another department (RULES.md 1, issue 12 item 8)', () => {
  it('refuses the whole batch, naming the item and both departments, and stores nothing', async () => {
    const [east, west] = [uniqueId('D-EAST'), uniqueId('D-WEST')];
    await putDepartment(api.db, east, '城东营业部', null);
    await putDepartment(api.db, west, '城西营业部', null);
    await putHall(api.db, `${east}-H`, east, '城东营业厅', null);
    await putHall(api.db, `${west}-H`, west, '城西营业厅', 'P-HEAD-WEST');
    const [mine, wrong] = [uniqueId('hall-own'), uniqueId('hall-wrong')];
    const response = await post({
      events: [
        complaintReceived(mine, { data: { departmentId: east, hallId: `${east}-H` } }),
        complaintReceived(wrong, { data: { departmentId: east, hallId: `${west}-H` } }),
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        path: 'events[1].data.hallId',
        message: `hall ${west}-H belongs to department ${west}, not to ${east}: an event names a hall of its own department`,
      },
    ]);
    expect(await storedCount([mine, wrong])).toBe(0);
  });
});
