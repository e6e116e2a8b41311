import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { recordSignals } from '@engine/db';
import { deliverWebhook } from '@engine/use-cases';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, receiver, startTestEngine, type TestEngine, uid } from './support.ts';

const PUBLIC_URL = 'https://sla.example.cn';
let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine({ WEBHOOK_ATTEMPTS: '4', WEBHOOK_BACKOFF_MS: '50', PUBLIC_URL });
  const admin = (path: string, body: unknown) =>
    fetch(`${engine.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await admin('/v1/departments/D1', { name: '城区客服部' })).ok).toBe(true);
  expect((await admin('/v1/halls/H1', { departmentId: 'D1', name: '解放碑营业厅' })).ok).toBe(true);
});
afterAll(async () => {
  await engine.stop();
});

const subscribe = (body: Record<string, unknown>) =>
  fetch(`${engine.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A complaint dispatched on 20 November: its first response breaches at 13:00 (RULES.md 3), days before the engine's clock. */
const breachingComplaint = (p: string) =>
  engine.post({
    id: `${p}-1`,
    type: 'complaint.received',
    subjectId: `${p}C`,
    occurredAt: '2026-11-20T09:00:00+08:00',
    data: { departmentId: 'D1', hallId: 'H1', summary: '宽带断网三天 [点这里](http://evil.example)' },
  });

interface RobotMessage {
  url: URL;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}

/**
 * A DingTalk custom robot as its documentation describes it: the access_token names the robot; with
 * 加签 the timestamp (ms) must be within an hour of now and sign = base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)); a bad signature is HTTP 200 with errcode 310000.
 */
async function dingTalkRobot(accessToken: string, secret: string) {
  return robot((url, body) => {
    if (url.searchParams.get('access_token') !== accessToken)
      return { errcode: 300001, errmsg: 'token is not exist' };
    const timestamp = url.searchParams.get('timestamp') ?? '';
    if (Math.abs(Date.now() - Number(timestamp)) > 3_600_000)
      return { errcode: 310000, errmsg: 'timestamp is not in one hour' };
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    if (url.searchParams.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    return body.msgtype === 'markdown' && body.markdown.title && body.markdown.text
      ? { errcode: 0, errmsg: 'ok' }
      : { errcode: 40035, errmsg: 'missing parameter' };
  });
}

/** A WeCom group robot: the key in the URL is the credential; markdown content at most 4,096 bytes. */
async function weComRobot(key: string) {
  return robot((url, body) => {
    if (url.searchParams.get('key') !== key) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const content = body.markdown.content ?? '';
    if (body.msgtype !== 'markdown' || Buffer.byteLength(content) > 4_096 || content === '')
      return { errcode: 40058, errmsg: 'markdown.content exceed max length or is empty' };
    return { errcode: 0, errmsg: 'ok' };
  });
}

async function robot(answer: (url: URL, body: RobotMessage['body']) => { errcode: number; errmsg: string }) {
  const taken: RobotMessage[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://robot');
      const body = JSON.parse(raw) as RobotMessage['body'];
      const result = answer(url, body);
      if (result.errcode === 0) taken.push({ url, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, taken, server };
}

const deliveriesOf = (subscriptionId: string) =>
  engine.runtime.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'status', 'attempts', 'last_error'])
    .where('subscription_id', '=', subscriptionId)
    .execute();

describe('webhook notifications', () => {
  it('a breach reaches a subscribed URL with names, summary, deadline in +08:00, time over and the console link; signed both ways', async () => {
    const hook = await receiver();
    const subscribed = await subscribe({ url: hook.url, secret: 'a-long-shared-secret', kinds: ['breach'] });
    expect(subscribed.status).toBe(201);
    // API.md: times in the policy's zone everywhere, admin answers and payloads alike.
    expect(((await subscribed.json()) as { createdAt: string }).createdAt).toMatch(/\+08:00$/);
    const p = uid('N');
    await breachingComplaint(p);
    const received = await eventually(
      async () => hook.received.filter((r) => r.body.includes(`${p}C`) && r.body.includes('first_response')),
      (list) => list.length >= 1,
    );
    const first = received[0]!;
    expect(first.signature).toBe(
      `sha256=${createHmac('sha256', 'a-long-shared-secret').update(first.body).digest('hex')}`,
    );
    // Standard Webhooks: a plain (older) secret signs with its own bytes; the library also checks
    // the timestamp is within its 5-minute window of now.
    const verified = new Webhook(new TextEncoder().encode('a-long-shared-secret'), { format: 'raw' }).verify(
      first.body,
      first.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      kind: 'breach',
      key: 'breach:first_response',
      subjectKind: 'complaint',
      subjectId: `${p}C`,
      departmentId: 'D1',
      // RULES.md 3: 4 hours after the dispatch, in +08:00.
      at: '2026-11-20T13:00:00+08:00',
      // Fields of the first payloads stay as they were.
      detail: { clock: 'first_response', fraction: null, detail: null },
      title: `超时：投诉 ${p}C 首次回复`,
      departmentName: '城区客服部',
      hallId: 'H1',
      hallName: '解放碑营业厅',
      summary: '宽带断网三天 [点这里](http://evil.example)',
      clock: 'first_response',
      deadline: '2026-11-20T13:00:00+08:00',
      clockState: 'breached',
      remainingSeconds: null,
      url: `${PUBLIC_URL}/console/subjects/complaint/${p}C`,
    });
    // The engine's clock is 24 November 02:00: the clock is three and a half days over.
    const overdue = (verified as { overdueSeconds: number }).overdueSeconds;
    expect(overdue).toBeGreaterThanOrEqual(3 * 86_400 + 13 * 3_600);
    expect(overdue).toBeLessThan(4 * 86_400);
    expect(first.headers['webhook-id']).toBe(first.headers['x-engine-delivery']);
    hook.server.close();
  });

  it('with no secret given, a whsec_ one is generated, answered once, and verifies with the standardwebhooks library', async () => {
    const hook = await receiver();
    const subscribed = await subscribe({ url: hook.url, kinds: ['breach', 'breach'] });
    expect(subscribed.status).toBe(201);
    const created = (await subscribed.json()) as {
      id: string;
      secret: string;
      kinds: string[];
      format: string;
    };
    expect(created).toMatchObject({
      kinds: ['breach'],
      format: 'standard',
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = (await (
      await fetch(`${engine.url}/v1/webhooks`, { headers: { authorization: `Bearer ${engine.keys.admin}` } })
    ).json()) as { items: Record<string, unknown>[] };
    expect(listed.items.find((w) => w.id === created.id)).not.toHaveProperty('secret');

    const p = uid('W');
    await breachingComplaint(p);
    const [message] = await eventually(
      async () => hook.received.filter((r) => r.body.includes(`${p}C`) && r.body.includes('first_response')),
      (list) => list.length >= 1,
    );
    const webhook = new Webhook(created.secret);
    expect(webhook.verify(message!.body, message!.headers as Record<string, string>)).toMatchObject({
      subjectId: `${p}C`,
    });
    expect(Math.abs(Number(message!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    // A body changed on the way no longer verifies.
    expect(() =>
      webhook.verify(
        message!.body.replace('城区客服部', '郊区客服部'),
        message!.headers as Record<string, string>,
      ),
    ).toThrow();
    hook.server.close();
  });

  it('a DingTalk robot gets a signed markdown message in Chinese; a wrong secret is its errcode, retried, then dead', async () => {
    const token = 'ding0123456789abcdef0123456789abcdef';
    const secret = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
    const robot = await dingTalkRobot(token, secret);
    const good = await subscribe({
      url: `${robot.base}/robot/send?access_token=${token}`,
      format: 'dingtalk',
      secret,
      kinds: ['breach'],
    });
    expect(good.status).toBe(201);
    const goodHook = (await good.json()) as { url: string; format: string };
    expect(goodHook.format).toBe('dingtalk');
    expect(goodHook.url).not.toContain(token);
    const bad = (await (
      await subscribe({
        url: `${robot.base}/robot/send?access_token=${token}`,
        format: 'dingtalk',
        secret: 'SECnot-the-robots-secret-at-all',
        kinds: ['breach'],
      })
    ).json()) as { id: string };

    const p = uid('DT');
    await breachingComplaint(p);
    const [message] = await eventually(
      async () => robot.taken.filter((m) => m.body.markdown.text?.includes(`${p}C 首次回复`)),
      (list) => list.length >= 1,
    );
    expect(message!.body.markdown.title).toBe(`超时：投诉 ${p}C 首次回复`);
    const text = message!.body.markdown.text!;
    expect(text).toContain('- 部门：城区客服部');
    expect(text).toContain('- 营业厅：解放碑营业厅');
    expect(text).toContain('- 截止：2026-11-20 13:00 (+08:00)');
    expect(text).toMatch(/- 已超时：3天\d+小时/);
    // The hotline's text is shown as text: no link of its own in the group's message.
    expect(text).toContain('- 摘要：宽带断网三天 ［点这里］(http://evil.example)');
    expect(text).toContain(`[在控制台查看](${PUBLIC_URL}/console/subjects/complaint/${p}C)`);

    const dead = await eventually(
      async () => (await deliveriesOf(bad.id)).filter((d) => d.status === 'dead'),
      (rows) => rows.length >= 1,
    );
    expect(dead[0]).toMatchObject({ attempts: 4, last_error: 'robot error 310000: sign not match' });
    robot.server.close();
  });

  it('a WeCom robot gets a markdown message at the URL with its key, which the list hides', async () => {
    const key = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    const robot = await weComRobot(key);
    const created = await subscribe({
      url: `${robot.base}/cgi-bin/webhook/send?key=${key}`,
      format: 'wecom',
      kinds: ['breach'],
    });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; secret?: string };
    expect(hook.secret).toBeUndefined();
    const listed = (await (
      await fetch(`${engine.url}/v1/webhooks`, { headers: { authorization: `Bearer ${engine.keys.admin}` } })
    ).json()) as { items: { id: string; url: string; format: string }[] };
    expect(listed.items.find((w) => w.id === hook.id)).toMatchObject({
      url: `${robot.base}/cgi-bin/webhook/send?key=***5aaa`,
      format: 'wecom',
    });

    const p = uid('WC');
    await breachingComplaint(p);
    const [message] = await eventually(
      async () => robot.taken.filter((m) => m.body.markdown.content?.includes(`${p}C 首次回复`)),
      (list) => list.length >= 1,
    );
    expect(message!.body.markdown.content).toContain('- 部门：城区客服部');
    expect(message!.body.markdown.content).toContain('- 截止：2026-11-20 13:00 (+08:00)');
    // The notifier records the delivery once the robot has answered: a moment after the robot has it.
    const deliveries = await eventually(
      () => deliveriesOf(hook.id),
      (rows) => rows.some((d) => d.status === 'delivered'),
    );
    expect(deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'delivered' })]));
    robot.server.close();
  });

  it('a receiver that keeps failing ends as a dead-letter record with its last error', async () => {
    const hook = await receiver(1_000);
    const created = (await (
      await subscribe({ url: hook.url, secret: 'a-long-shared-secret', kinds: ['over_level'] })
    ).json()) as { id: string };
    const p = uid('D');
    await engine.post({
      id: `${p}-1`,
      type: 'complaint.received',
      subjectId: `${p}C`,
      occurredAt: '2026-11-23T09:00:00+08:00',
      data: {
        departmentId: 'D1',
        overLevel: {
          body: 'npc',
          controlLevel: 2,
          priorComplaintToDepartment: false,
          interceptionAttempted: false,
        },
      },
    });
    const dead = await eventually(
      () => deliveriesOf(created.id),
      (rows) => rows.length === 1 && rows[0]!.status === 'dead',
      20_000,
    );
    expect(dead[0]).toMatchObject({ status: 'dead', attempts: 4, last_error: 'HTTP 500' });
    hook.server.close();
  });
});

describe('where webhooks may go (SSRF)', () => {
  it('metadata and link-local addresses are refused even with private addresses allowed, every problem named, nothing stored', async () => {
    const count = async () =>
      Number(
        (
          await engine.runtime.db
            .selectFrom('webhook_subscriptions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://100.100.100.200/latest/meta-data/',
      'http://[fe80::1]/',
      // The same metadata address written as one number, and as IPv4-mapped IPv6.
      'http://2852039166/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      const answer = await subscribe({ url, secret: 'a-long-shared-secret' });
      expect(answer.status, url).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await answer.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
        { path: 'url', message: expect.stringContaining('never delivered there') },
      ]);
    }
    const several = await subscribe({
      url: 'http://169.254.169.254/?key=x',
      format: 'wecom',
      secret: 'a-long-shared-secret',
      kinds: ['breach', 'nonsense'],
    });
    expect(several.status).toBe(400);
    const { errors } = (await several.json()) as { errors: { path: string }[] };
    expect(errors.map((e) => e.path).sort()).toEqual(['kinds[1]', 'secret', 'url']);
    expect(await count()).toBe(before);
  });

  it('at delivery the address the name resolves to now is checked (DNS rebinding), and no redirect is followed', async () => {
    const hook = await receiver();
    const redirecting = createServer((_request, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const { port } = redirecting.address() as { port: number };
    const { db } = engine.runtime;
    // Stored as if they had passed when subscribed: the check at delivery must stand on its own.
    const kind = uid('test-kind');
    await db
      .insertInto('webhook_subscriptions')
      .values([
        { url: hook.url.replace('127.0.0.1', 'localhost'), secret: 'a-long-shared-secret', kinds: [kind] },
        { url: 'http://169.254.169.254/latest/meta-data/', secret: 'a-long-shared-secret', kinds: [kind] },
        { url: `http://127.0.0.1:${port}/hook`, secret: 'a-long-shared-secret', kinds: [kind] },
      ])
      .execute();
    const ids = await db.transaction().execute((trx) =>
      recordSignals(trx, [
        {
          subjectKind: 'complaint',
          subjectId: uid('R'),
          key: 'breach:first_response',
          kind,
          at: new Date(),
          departmentId: 'D1',
          detail: { clock: 'first_response' },
        },
      ]),
    );
    expect(ids).toHaveLength(3);
    const deliver = (id: number, allowPrivate: boolean) =>
      deliverWebhook(
        db,
        id,
        { isLast: true },
        { timeZone: 'Asia/Shanghai', baseUrl: PUBLIC_URL, policy: { allowPrivate }, now: engine.now },
      );
    const outcomes = [
      await deliver(ids[0]!, false),
      await deliver(ids[1]!, true),
      await deliver(ids[2]!, true),
    ];
    expect(outcomes).toEqual(['dead', 'dead', 'dead']);
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select(['id', 'last_error'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.last_error)).toEqual([
      expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1) is a loopback or private address/),
      expect.stringContaining('169.254.169.254 is a link-local or cloud metadata address'),
      'HTTP 302',
    ]);
    expect(hook.received).toEqual([]);
    hook.server.close();
    redirecting.close();
  });
});
