import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintReceived, startTestApi, type TestApi, testConfig, uniqueId } from './support.ts';

// Issue 12, items 6 and 13: every answer, from any layer, is problem+json; every id the API takes reads back.
let api: TestApi;
let base: string;
beforeAll(async () => {
  api = await startTestApi();
  base = await api.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => api.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${api.keys.admin}`, ...headers } });

/** Sends raw bytes, as a client that is not a browser might, and returns the whole answer. */
function raw(request: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const problem = (await response.json()) as { status: number; detail: string };
  expect(problem.status).toBe(status);
  expect(problem.detail.length).toBeGreaterThan(10);
  return problem;
}

describe('ids of 101 to 128 characters are readable back (item 13)', () => {
  it('an event posted with a 128-character id, its subject id too, answers its status and view', async () => {
    const id = `${uniqueId('long')}-`.padEnd(128, 'x');
    const subjectId = `${uniqueId('C')}-`.padEnd(128, '客');
    const posted = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': 'application/json' },
      body: JSON.stringify(complaintReceived(id, { subjectId })),
    });
    expect(posted.status).toBe(202);
    const status = await get(`/v1/events/${encodeURIComponent(id)}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ id, status: 'pending' });
    // Not evaluated by a classifier in this test: not found, by the route, not refused by the router.
    await expectProblem(await get(`/v1/complaints/${encodeURIComponent(subjectId)}`), 404);
  });

  it('an id of 129 characters is a 400 naming it; a path segment longer than any id is a 414', async () => {
    const problem = await expectProblem(await get(`/v1/events/${'a'.repeat(129)}`), 400);
    expect(problem).toMatchObject({ errors: [{ path: 'params.id' }] });
    await expectProblem(await get(`/v1/events/${'a'.repeat(1_200)}`), 414);
  });
});

describe('answers of the router and of the HTTP parser are problem+json (item 6)', () => {
  it('invalid percent-encoding or UTF-8 in a path: 400', async () => {
    await expectProblem(await get('/v1/complaints/a%ZZb'), 400);
    await expectProblem(await get('/v1/complaints/a%C3%28b'), 400);
  });

  it('headers too large: 431; a request that is not HTTP: 400', async () => {
    const big = await raw(`GET /v1/complaints/x HTTP/1.1\r\nHost: t\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(big).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431 });
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });

  it('an HTTP/1.1 request without Host: 400 naming the header; an Expect other than 100-continue: 417', async () => {
    const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    const hostless = await raw('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(hostless).toMatch(/^HTTP\/1\.1 400 /);
    expect(hostless).toMatch(/content-type: application\/problem\+json; charset=utf-8/i);
    expect(bodyOf(hostless)).toMatchObject({ status: 400, errors: [{ path: 'headers.host' }] });
    // HTTP/1.0 had no Host: still answered.
    expect(await raw('GET /healthz HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    const expecting = await raw(
      'GET /healthz HTTP/1.1\r\nHost: t\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n',
    );
    expect(expecting).toMatch(/^HTTP\/1\.1 417 /);
    expect(expecting).toMatch(/content-type: application\/problem\+json; charset=utf-8/i);
    expect(bodyOf(expecting)).toMatchObject({ status: 417, detail: expect.stringContaining('200-ok') });
  });
});

describe('months outside the years the engine counts are refused, never answered with a broken instant (item 13)', () => {
  it('0000-01, 1800-01 and 9999-12 are 400s naming the period, for reads and for the close', async () => {
    for (const month of ['0000-01', '1800-01', '9999-12']) {
      const read = await expectProblem(await get(`/v1/periods/${month}`), 400);
      expect(read).toMatchObject({ errors: [{ path: 'params.period' }] });
      await expectProblem(
        await fetch(`${base}/v1/periods/${month}/close`, {
          method: 'POST',
          headers: { authorization: `Bearer ${api.keys.finance}` },
        }),
        400,
      );
    }
  });
});

describe('bodies no request needs are refused fast, never a 500 (campaign D1, D4, D6, D7)', () => {
  const postRaw = (body: string | Buffer, contentType = 'application/json') =>
    fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': contentType },
      body,
    });

  it('JSON nested 10,000 deep is a 400 naming the limit; without a key, to no route, a 404', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const problem = await expectProblem(await postRaw(deep), 400);
    expect(JSON.stringify(problem)).toContain('nests deeper than 32 levels');
    const nowhere = await fetch(`${base}/v1/nothing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    });
    await expectProblem(nowhere, 404);
  });

  it('an event with 100,000 fields is a short 400 naming the count, and the API stays responsive', async () => {
    const data: Record<string, unknown> = { departmentId: 'D1' };
    for (let i = 0; i < 100_000; i++) data[`k${i}`] = 1;
    const response = await postRaw(JSON.stringify(complaintReceived(uniqueId('many'), { data })));
    const text = await response.clone().text();
    expect(text.length).toBeLessThan(2_000);
    const problem = (await expectProblem(response, 400)) as unknown as {
      errors: { path: string; message: string }[];
    };
    expect(problem.errors).toEqual([
      { path: 'data', message: 'has 100,001 fields; no object of this API has more than 1,000' },
    ]);
  });

  it('a 400 names at most 100 problems and says how many there were', async () => {
    const events = Array.from({ length: 300 }, (_, n) => ({ id: `bad-${n}`, type: 'complaint.received' }));
    const problem = (await expectProblem(await postRaw(JSON.stringify({ events })), 400)) as unknown as {
      detail: string;
      errors: unknown[];
    };
    expect(problem.errors).toHaveLength(100);
    expect(problem.detail).toMatch(/The first 100 of its [\d,]+ problems are listed/);
  });

  it('bytes that are not UTF-8 are a 400 (never replaced, which made two ids one); another charset is a 415', async () => {
    const id = uniqueId('utf8');
    const body = (tail: number) =>
      Buffer.concat([
        Buffer.from(`{"id":"${id}-`),
        Buffer.from([tail]),
        Buffer.from(
          `","type":"complaint.received","subjectId":"C-${id}","occurredAt":"2026-11-20T10:00:00+08:00","data":{"departmentId":"D1"}}`,
        ),
      ]);
    const problem = await expectProblem(await postRaw(body(0xff)), 400);
    expect(problem.detail).toContain('not valid UTF-8');
    await expectProblem(await postRaw(body(0xfe)), 400);
    const stored = await api.db.selectFrom('events').select('id').where('id', 'like', `${id}%`).execute();
    expect(stored).toEqual([]);
    await expectProblem(
      await postRaw(JSON.stringify(complaintReceived(id)), 'application/json; charset=latin1'),
      415,
    );
  });

  it('a body trickled in a byte at a time is cut off with a 408 when the request time is up', async () => {
    const slow = await startTestApi({ config: testConfig({ REQUEST_TIMEOUT_MS: 1_000 }) });
    const at = await slow.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(at).port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/events HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${slow.keys.ingest}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"id":`,
          );
        });
        const drip = setInterval(() => socket.writable && socket.write(' '), 200);
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('close', () => {
          clearInterval(drip);
          resolve(text);
        });
        // The server cuts the connection after its answer; a reset then is expected, the answer is what counts.
        socket.on('error', (error) => (text ? resolve(text) : reject(error)));
        setTimeout(() => socket.destroy(new Error('not cut off within 10 s')), 10_000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await slow.close();
    }
  });
});

describe('ids and names print as what they are (campaign D8)', () => {
  const put = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('control characters, CR LF and bidi overrides are refused in ids and names, and nothing is stored', async () => {
    const line = await expectProblem(await put('/v1/departments/a%0D%0Ab', { name: '城东' }), 400);
    expect(JSON.stringify(line)).toContain('params.id');
    const control = await expectProblem(
      await put(`/v1/departments/${uniqueId('D')}`, { name: 'a\u0001b' }),
      400,
    );
    expect(JSON.stringify(control)).toContain('U+0001');
    const post = async (event: object) =>
      (
        (await expectProblem(
          await fetch(`${base}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': 'application/json' },
            body: JSON.stringify(event),
          }),
          400,
        )) as unknown as { errors: { path: string }[] }
      ).errors.map((e) => e.path);
    expect(await post(complaintReceived(uniqueId('bidi'), { subjectId: 'C-\u202eE9' }))).toEqual([
      'subjectId',
    ]);
    expect(await post(complaintReceived(`${uniqueId('zw')}\u200b`, { subjectId: uniqueId('C') }))).toEqual([
      'id',
    ]);
    expect(await post(complaintReceived(`${uniqueId('sp')} `, { subjectId: uniqueId('C') }))).toEqual(['id']);
    const departments = await api.db
      .selectFrom('departments')
      .select('id')
      .where('id', '=', 'a\r\nb')
      .execute();
    expect(departments).toEqual([]);
  });
});

describe('keys are sent one way (campaign D15)', () => {
  it('a 401 names the Bearer scheme; two Authorization headers are a 400, whichever comes first', async () => {
    const missing = await fetch(`${base}/v1/clocks`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const twice = await raw(
      `GET /v1/clocks HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${api.keys.manager}\r\nAuthorization: Bearer ${api.keys.admin}\r\nConnection: close\r\n\r\n`,
    );
    expect(twice).toMatch(/^HTTP\/1\.1 400 /);
    expect(twice).toContain('Send one Authorization header');
  });

  it('a month before every policy version is a 400 for its view as for its close', async () => {
    const view = await expectProblem(await get('/v1/periods/2011-12'), 400);
    expect(view).toMatchObject({
      errors: [{ path: 'params.period', message: '2011-12 is before every stored policy version' }],
    });
  });
});

describe('query strings are read as strictly as paths (campaign D14)', () => {
  it('invalid percent-encoding or UTF-8 in a filter is a 400, for JSON and CSV alike; valid text reads as sent', async () => {
    for (const query of ['departmentId=%ZZ', 'departmentId=%ED%A0%80', 'subjectId=%E4%B8']) {
      await expectProblem(await get(`/v1/ledger?${query}`), 400);
      await expectProblem(await get(`/v1/ledger?${query}&format=csv`), 400);
    }
    const fine = await get(`/v1/ledger?departmentId=${encodeURIComponent('城东 营业部')}&limit=5`);
    expect(fine.status).toBe(200);
  });
});
