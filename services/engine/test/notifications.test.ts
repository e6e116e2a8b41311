import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, receiver, startTestEngine, type TestEngine, uid } from './support.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine({ WEBHOOK_ATTEMPTS: '4', WEBHOOK_BACKOFF_MS: '50' });
});
afterAll(async () => {
  await engine.stop();
});

const subscribe = (url: string, kinds: string[]) =>
  fetch(`${engine.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, secret: 'a-long-shared-secret', kinds }),
  });

describe('webhook notifications', () => {
  it('a breach reaches a subscribed URL, signed with HMAC-SHA256 of the body', async () => {
    const hook = await receiver();
    const subscribed = await subscribe(hook.url, ['breach']);
    expect(subscribed.status).toBe(201);
    // API.md: times in the policy's zone everywhere, admin answers and payloads alike.
    expect(((await subscribed.json()) as { createdAt: string }).createdAt).toMatch(/\+08:00$/);
    const p = uid('N');
    await engine.post({
      id: `${p}-1`,
      type: 'complaint.received',
      subjectId: `${p}C`,
      occurredAt: '2026-11-20T09:00:00+08:00',
      data: { departmentId: 'D1' },
    });
    const received = await eventually(
      async () => hook.received.filter((r) => r.body.includes(`${p}C`)),
      (list) => list.length >= 1,
    );
    const first = received[0]!;
    expect(first.signature).toBe(
      `sha256=${createHmac('sha256', 'a-long-shared-secret').update(first.body).digest('hex')}`,
    );
    expect(JSON.parse(first.body)).toMatchObject({
      kind: 'breach',
      key: 'breach:first_response',
      subjectKind: 'complaint',
      subjectId: `${p}C`,
      // RULES.md 3: 4 hours after the dispatch, in +08:00.
      at: '2026-11-20T13:00:00+08:00',
    });
    hook.server.close();
  });

  it('a receiver that keeps failing ends as a dead-letter record with its last error', async () => {
    const hook = await receiver(1_000);
    const created = (await (await subscribe(hook.url, ['over_level'])).json()) as { id: string };
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
      () =>
        engine.runtime.db
          .selectFrom('webhook_deliveries')
          .select(['status', 'attempts', 'last_error'])
          .where('subscription_id', '=', created.id)
          .execute(),
      (rows) => rows.length === 1 && rows[0]!.status === 'dead',
      20_000,
    );
    expect(dead[0]).toMatchObject({ status: 'dead', attempts: 4, last_error: 'HTTP 500' });
    hook.server.close();
  });
});
