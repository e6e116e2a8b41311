import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintReceived, startTestApi, type TestApi } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const as = (role: 'ingest' | 'manager' | 'finance' | 'admin') => ({
  authorization: `Bearer ${api.keys[role]}`,
});

describe('text no field may hold is refused at the edge, naming each field (never a 500, nothing stored)', () => {
  it('a NUL character or a lone surrogate anywhere in an event', async () => {
    const before = api.storedEvents();
    const event = complaintReceived(`nul-${Date.now()}`, {
      subjectId: 'C-a\u0000b',
      data: { departmentId: 'D\ud800', channel: 'hotline', summary: 'line one\u0000line two' },
    });
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...as('ingest'), 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { path: 'subjectId', message: 'contains a NUL character (\\u0000), which no text may hold' },
      { path: 'data.departmentId', message: 'contains a lone UTF-16 surrogate: not well-formed text' },
      { path: 'data.summary', message: 'contains a NUL character (\\u0000), which no text may hold' },
    ]);
    expect(api.storedEvents()).toBe(before);
  });

  it('in a path parameter and in a query filter, also for the CSV', async () => {
    const view = await api.app.inject({ method: 'GET', url: '/v1/complaints/a%00b', headers: as('manager') });
    expect(view.statusCode).toBe(400);
    expect(view.json().errors).toEqual([
      { path: 'params.id', message: 'contains a NUL character (\\u0000), which no text may hold' },
    ]);
    for (const url of ['/v1/ledger?subjectId=a%00b', '/v1/ledger?subjectId=a%00b&format=csv']) {
      const ledger = await api.app.inject({ method: 'GET', url, headers: as('finance') });
      expect(ledger.statusCode).toBe(400);
      expect(ledger.json().errors[0].path).toBe('querystring.subjectId');
    }
  });

  it('in reference data: a department name with a lone surrogate is not stored', async () => {
    const put = await api.app.inject({
      method: 'PUT',
      url: '/v1/departments/D-TEXT-GUARD',
      headers: { ...as('admin'), 'content-type': 'application/json' },
      payload: '{"name": "North \\udc00"}',
    });
    expect(put.statusCode).toBe(400);
    expect(put.json().errors).toEqual([
      { path: 'name', message: 'contains a lone UTF-16 surrogate: not well-formed text' },
    ]);
    const listed = await api.app.inject({ method: 'GET', url: '/v1/departments', headers: as('finance') });
    expect(listed.json().items.map((d: { id: string }) => d.id)).not.toContain('D-TEXT-GUARD');
  });
});

describe('a cursor this API did not give is a 400, never a 500', () => {
  it('for the clock list: another shape, a date that is not one, or a NUL inside', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      forged({ d: 'not a date', k: 'complaint', i: 'C1', n: 'resolution' }),
      forged({ id: 5 }),
      forged({ d: '2026-11-23T00:00:00.000Z', k: 'complaint', i: 'C\u0000', n: 'resolution' }),
      'not-base64-json',
    ]) {
      const response = await api.app.inject({
        method: 'GET',
        url: `/v1/clocks?cursor=${cursor}`,
        headers: as('manager'),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toBe('The cursor is not one this API gave.');
    }
  });
});

describe('a quota for a month before any policy is refused and nothing is stored', () => {
  it('PUT and GET of 2011-12 and 0000-01 answer 400 naming the month, not 500', async () => {
    for (const period of ['2011-12', '0000-01']) {
      const put = await api.app.inject({
        method: 'PUT',
        url: `/v1/quotas/D-QUOTA-GUARD/${period}`,
        headers: { ...as('finance'), 'content-type': 'application/json' },
        payload: { class4: 3 },
      });
      expect(put.statusCode).toBe(400);
      expect(put.json().errors[0]).toMatchObject({ path: 'params.period' });
      const get = await api.app.inject({
        method: 'GET',
        url: `/v1/quotas/D-QUOTA-GUARD/${period}`,
        headers: as('finance'),
      });
      expect(get.statusCode).toBe(400);
    }
    const rows = await api.db
      .selectFrom('quotas')
      .selectAll()
      .where('department_id', '=', 'D-QUOTA-GUARD')
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('a month before every policy cannot be closed, nor its close previewed', () => {
  it('POST /v1/periods/2011-12/close and GET .../close-preview (fuling-2012 is in force from 2012-01-01) are 400s naming the month', async () => {
    for (const [method, url] of [
      ['POST', '/v1/periods/2011-12/close'],
      ['GET', '/v1/periods/2011-12/close-preview'],
    ] as const) {
      const answer = await api.app.inject({ method, url, headers: as('finance') });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().errors, url).toEqual([
        { path: 'params.period', message: '2011-12 is before every stored policy version' },
      ]);
    }
  });
});

describe('every stored string is bounded, and the bound is in the OpenAPI document (issue 12 item 7)', () => {
  it('a 100,000-character webhook URL is a 400 naming it, and nothing is stored', async () => {
    const url = `https://hooks.example.com/${'a'.repeat(100_000)}`;
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: { ...as('admin'), 'content-type': 'application/json' },
      payload: JSON.stringify({ url, secret: 's'.repeat(32), kinds: ['breach'] }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'url', message: 'is 100,026 characters long; at most 2,048 are allowed' },
    ]);
    const stored = await api.db
      .selectFrom('webhook_subscriptions')
      .select('id')
      .where('url', '=', url)
      .execute();
    expect(stored).toEqual([]);
  });

  it('a policy title longer than a line is refused', async () => {
    const pack = (
      await api.app.inject({ method: 'GET', url: '/v1/policies/fuling-2012', headers: as('admin') })
    ).json().pack;
    const response = await api.app.inject({
      method: 'PUT',
      url: '/v1/policies/bounded-title',
      headers: { ...as('admin'), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...pack, version: 'bounded-title', title: '标'.repeat(10_000) }),
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain('title');
  });

  it('the document states the bounds', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const webhookBody = doc.paths['/v1/webhooks'].post.requestBody.content['application/json'].schema;
    expect(webhookBody.properties.url.maxLength).toBe(2048);
    const departmentBody =
      doc.paths['/v1/departments/{id}'].put.requestBody.content['application/json'].schema;
    expect(departmentBody.properties.name.maxLength).toBe(200);
  });
});
