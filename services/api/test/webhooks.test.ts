import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support.ts';

// The API as configured by default: WEBHOOK_ALLOW_PRIVATE unset, so loopback and private
// addresses are refused too (the engine tests allow them, for their receivers on 127.0.0.1).
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const subscribe = (body: Record<string, unknown>) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: { authorization: `Bearer ${api.keys.admin}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('POST /v1/webhooks refuses what it could never deliver safely', () => {
  it('loopback and private addresses, written as addresses or as a name resolving to one, are 400s naming WEBHOOK_ALLOW_PRIVATE', async () => {
    for (const url of [
      'http://127.0.0.1:9000/hook',
      'http://[::1]:9000/hook',
      'http://10.0.0.5/hook',
      'http://172.20.1.1/hook',
      'http://192.168.1.20/hook',
      'http://0.0.0.0:9000/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:9000/hook',
    ]) {
      const answer = await subscribe({ url, secret: 'a-long-shared-secret', kinds: ['calendar.expiring'] });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json().errors, url).toEqual([
        { path: 'url', message: expect.stringContaining('only with WEBHOOK_ALLOW_PRIVATE=true') },
      ]);
    }
    const stored = await api.db
      .selectFrom('webhook_subscriptions')
      .select('id')
      .where('url', 'like', '%:9000/hook')
      .execute();
    expect(stored).toEqual([]);
  });

  it('a URL that parses for a schema check but not for a request (a port over 65535) is a 400, not a 500', async () => {
    for (const url of ['https://example.com:99999/', 'https://example.com:65536/hook']) {
      const answer = await subscribe({ url, secret: 'a-long-shared-secret' });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json().errors, url).toEqual([
        { path: 'url', message: expect.stringContaining('is not a valid url') },
      ]);
    }
  });

  it("a robot's URL without its credential, a missing or unwanted secret and a malformed whsec_ secret are each named", async () => {
    const dingTalk = await subscribe({ url: 'https://203.0.113.10/robot/send', format: 'dingtalk' });
    expect(dingTalk.statusCode).toBe(400);
    expect(dingTalk.json().errors).toEqual([
      { path: 'url', message: expect.stringContaining('access_token') },
      { path: 'secret', message: expect.stringContaining('加签') },
    ]);
    const weCom = await subscribe({
      url: 'https://203.0.113.10/cgi-bin/webhook/send',
      format: 'wecom',
      secret: 'a-long-shared-secret',
      kinds: ['breach', 'breach', 'late'],
    });
    expect(weCom.statusCode).toBe(400);
    expect(weCom.json().errors.map((e: { path: string }) => e.path)).toEqual(['kinds[2]', 'url', 'secret']);
    const whsec = await subscribe({ url: 'https://203.0.113.10/hook', secret: 'whsec_c2hvcnQtYW5kLWJhZA==' });
    expect(whsec.statusCode).toBe(400);
    expect(whsec.json().errors).toEqual([{ path: 'secret', message: expect.stringContaining('24 to 64') }]);
    const format = await subscribe({ url: 'https://203.0.113.10/hook', format: 'slack' });
    expect(format.statusCode).toBe(400);
    expect(format.json().errors).toEqual([{ path: 'format', message: expect.any(String) }]);
  });
});

describe('GET /v1/webhooks', () => {
  it('lists a URL with its user, password and query values hidden, and repeated kinds once', async () => {
    const created = await subscribe({
      url: 'https://hooks:s3cret@203.0.113.10/hook?token=abcdefghijklmnopqrstuvwxyz&team=ops',
      kinds: ['calendar.expiring', 'calendar.expiring'],
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    try {
      const shown = 'https://***:***@203.0.113.10/hook?token=***wxyz&team=***';
      expect(hook).toMatchObject({ url: shown, kinds: ['calendar.expiring'], format: 'standard' });
      expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await api.app.inject({
        method: 'GET',
        url: '/v1/webhooks',
        headers: { authorization: `Bearer ${api.keys.admin}` },
      });
      const mine = listed.json().items.find((w: { id: string }) => w.id === hook.id);
      expect(mine).toEqual({
        id: hook.id,
        url: shown,
        kinds: ['calendar.expiring'],
        format: 'standard',
        createdAt: expect.stringMatching(/\+08:00$/),
      });
      // What is stored is the URL as given: deliveries need its credentials.
      const stored = await api.db
        .selectFrom('webhook_subscriptions')
        .select('url')
        .where('id', '=', hook.id)
        .executeTakeFirstOrThrow();
      expect(stored.url).toContain('s3cret@');
    } finally {
      await api.app.inject({
        method: 'DELETE',
        url: `/v1/webhooks/${hook.id}`,
        headers: { authorization: `Bearer ${api.keys.admin}` },
      });
    }
  });
});
