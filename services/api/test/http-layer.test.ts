import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintReceived, startTestApi, type TestApi, uniqueId } from './support.ts';

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
