import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { startTestApi, type TestApi, testConfig, uniqueId } from './support.ts';

// Console sessions (issue 13): a personal key signs in once; the cookie then stands for it.
let api: TestApi;
const ORIGIN = 'http://127.0.0.1:3000';

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function signIn(key: string): Promise<string> {
  const response = await api.app.inject({ method: 'POST', url: '/v1/session', payload: { key } });
  expect(response.statusCode).toBe(201);
  const cookie = response.cookies.find((c) => c.name === 'engine_session')!;
  return `engine_session=${cookie.value}`;
}

async function issueKey(role: 'manager' | 'finance', departments: string[] | null = null) {
  const response = await api.app.inject({
    method: 'POST',
    url: '/v1/keys',
    headers: { authorization: `Bearer ${api.keys.admin}` },
    payload: { name: `${role} of the test`, role, departments },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; key: string };
}

describe('signing in to the console', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and never sends the key back', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { key: api.keys.manager },
    });
    expect(response.statusCode).toBe(201);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^engine_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(response.body).not.toContain(api.keys.manager);
    expect(response.json()).toMatchObject({ role: 'manager', departments: null, name: 'test manager' });
  });

  it('refuses an unknown key with a problem, and sets no cookie', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { key: 'cse_nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('the cookie stands for the key: the session says who it is, with the departments named', async () => {
    const { key } = await issueKey('manager', ['D1']);
    const cookie = await signIn(key);
    const session = await api.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ role: 'manager', departments: [{ id: 'D1' }] });
    const clocks = await api.app.inject({
      method: 'GET',
      url: '/v1/clocks?departmentId=D2',
      headers: { cookie },
    });
    expect(clocks.statusCode).toBe(403);
  });
});

describe('requests made with the cookie', () => {
  it("a change needs the console's own Origin (CSRF); reads do not", async () => {
    const cookie = await signIn(api.keys.admin);
    // Naming a person of this test only: the run's database is shared (a webhook would get others' signals).
    const person = `/v1/people/${uniqueId('P')}`;
    const body = { name: '测试人员' };
    const foreign = await api.app.inject({
      method: 'PUT',
      url: person,
      headers: { cookie, origin: 'https://evil.example.test' },
      payload: body,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().type).toBe('/problems/cross-origin');
    const none = await api.app.inject({
      method: 'PUT',
      url: person,
      headers: { cookie },
      payload: body,
    });
    expect(none.statusCode).toBe(403);
    const own = await api.app.inject({
      method: 'PUT',
      url: person,
      headers: { cookie, origin: ORIGIN, host: '127.0.0.1:3000' },
      payload: body,
    });
    expect(own.statusCode).toBe(201);
    const read = await api.app.inject({ method: 'GET', url: '/v1/people', headers: { cookie } });
    expect(read.statusCode).toBe(200);
  });

  it('revoking the key ends its sessions at once', async () => {
    const { id, key } = await issueKey('finance');
    const cookie = await signIn(key);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } })).statusCode,
    ).toBe(200);
    const revoked = await api.app.inject({
      method: 'DELETE',
      url: `/v1/keys/${id}`,
      headers: { authorization: `Bearer ${api.keys.admin}` },
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } })).statusCode,
    ).toBe(401);
    const listed = await api.app.inject({
      method: 'GET',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${api.keys.admin}` },
    });
    expect(listed.json().items.find((k: { id: string }) => k.id === id).revokedAt).toMatch(/\+08:00$/);
  });

  it('signing out ends the session; a session past SESSION_HOURS has ended too', async () => {
    const cookie = await signIn(api.keys.manager);
    const out = await api.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      headers: { cookie, origin: ORIGIN, host: '127.0.0.1:3000' },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^engine_session=; /);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } })).statusCode,
    ).toBe(401);

    const kept = await signIn(api.keys.manager);
    const later = await buildApp({
      config: testConfig(),
      db: api.db,
      policies: () => [],
      pingRedis: async () => 'PONG',
      onEventsStored: () => {},
      now: () => new Date('2026-11-24T00:00:01+08:00'),
      rebuildTimers: async () => 0,
      reloadPolicies: async () => {},
      requestEvaluations: async () => {},
      closePeriod: async () => {
        throw new Error('unused');
      },
      previewClose: async () => {
        throw new Error('unused');
      },
    });
    // Signed in at 12:00 (the test API's clock); 12 hours later the session has ended.
    expect(
      (await later.inject({ method: 'GET', url: '/v1/session', headers: { cookie: kept } })).statusCode,
    ).toBe(401);
    await later.close();
  });

  it('an admin key cannot be issued for some departments only (400 naming the field)', async () => {
    const limited = await api.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${api.keys.admin}` },
      payload: { name: 'x', role: 'admin', departments: ['D1'] },
    });
    expect(limited.statusCode).toBe(400);
    expect(limited.json().errors[0].path).toBe('departments');
  });
});
