import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, eventually, receiver, startTestEngine, type TestEngine, uid } from './support.ts';

// Issue 14 item 3: the engine's happenings are info lines an operator can read, not only request lines.
const logs = captureLogs();
let engine: TestEngine;
const p = uid('L');
const D = `${p}-D`;
const at = (local: string) => `${local}:00+08:00`;
const happened = (kind: string, subjectId?: string) =>
  logs.lines.filter((l) => l.happening === kind && (!subjectId || l.subjectId === subjectId));

beforeAll(async () => {
  engine = await startTestEngine(
    { LOG_LEVEL: 'info', WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '50' },
    undefined,
    undefined,
    logs.stream,
  );
});
afterAll(async () => {
  await engine.stop();
});

describe('the logs tell what happened', () => {
  it('a failed event, a breach, fines posted and reversed with their sums, a month closed', async () => {
    const ingest = engine.client('ingest');
    await ingest.postEvents([
      // Urban fault: 48 hours, due 2026-10-22 10:00, never restored in October: breached.
      {
        id: `${p}-f1`,
        type: 'fault.reported',
        subjectId: `${p}F1`,
        occurredAt: at('2026-10-20T10:00'),
        data: { departmentId: D, kind: 'urban' },
      },
      // A reply dated before the complaint was dispatched: the policy cannot apply it.
      {
        id: `${p}-c1r`,
        type: 'complaint.first_replied',
        subjectId: `${p}C1`,
        occurredAt: at('2026-11-23T08:00'),
        data: {},
      },
      {
        id: `${p}-c1`,
        type: 'complaint.received',
        subjectId: `${p}C1`,
        occurredAt: at('2026-11-23T09:00'),
        data: { departmentId: D },
      },
    ]);
    const [failed] = await eventually(
      async () => happened('event-failed', `${p}C1`),
      (lines) => lines.length > 0,
    );
    expect(failed).toMatchObject({
      level: 30,
      eventId: `${p}-c1r`,
      subjectKind: 'complaint',
      reason: "complaint.first_replied occurred before the subject's complaint.received",
    });
    expect(failed!.msg).toContain(
      `event ${p}-c1r of complaint ${p}C1 failed: complaint.first_replied occurred`,
    );

    const [breach] = await eventually(
      async () => happened('breach', `${p}F1`),
      (lines) => lines.length > 0,
    );
    expect(breach).toMatchObject({ level: 30, subjectKind: 'fault', clock: 'repair' });
    expect(breach!.msg).toBe(`breach: fault ${p}F1 missed its repair deadline`);

    // The fault's warning-stage fine, posted with the evaluation: its sum in fen and yuan.
    const fines = await eventually(
      async () => happened('fines-posted', `${p}F1`),
      (lines) => lines.length > 0,
    );
    const warningFen = (await engine.ledger(`${p}F1`)).reduce((sum, r) => sum + r.amount_fen, 0);
    expect(warningFen).toBeGreaterThan(0);
    expect(fines).toEqual([
      expect.objectContaining({ subjectKind: 'fault', fen: warningFen, yuan: warningFen / 100, entries: 1 }),
    ]);
    expect(fines[0]!.msg).toBe(
      `fines posted for fault ${p}F1: ${(warningFen / 100).toFixed(2)} yuan (1 entry: fault.warning)`,
    );

    // The close prices the unfinished fault (100 yuan) and logs the month closed.
    const closed = await engine.client('finance').closePeriod('2026-10');
    const [month] = happened('month-closed');
    expect(month).toMatchObject({
      level: 30,
      period: '2026-10',
      faultsAssessed: closed.faultsAssessed,
      entriesPosted: closed.entriesPosted,
    });
    expect(month!.msg).toContain('month 2026-10 closed');
    expect(happened('fines-posted', `${p}F1`).map((l) => [l.fen, l.rules])).toContainEqual([
      10_000,
      ['fault.repair.unfinished'],
    ]);

    // Restored late after all: the unfinished fine is reversed (in November, the month being closed).
    await ingest.postEvents([
      {
        id: `${p}-f1r`,
        type: 'fault.restored',
        subjectId: `${p}F1`,
        occurredAt: at('2026-10-25T10:00'),
        data: {},
      },
    ]);
    const [reversed] = await eventually(
      async () => happened('fines-reversed', `${p}F1`),
      (lines) => lines.length > 0,
    );
    expect(reversed).toMatchObject({ fen: -10_000, yuan: -100, entries: 1, periods: ['2026-11'] });
    expect(reversed!.msg).toBe(
      `fines reversed for fault ${p}F1: -100.00 yuan (1 entry: fault.repair.unfinished)`,
    );
    // Logged once each: the evaluations after (the reversal's) find nothing new to say.
    expect(happened('breach', `${p}F1`)).toHaveLength(1);
    expect(happened('event-failed', `${p}C1`)).toHaveLength(1);
  });

  it('a webhook given up on is logged with why, naming the receiver by host only', async () => {
    const hook = await receiver(1_000);
    const created = await fetch(`${engine.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `${hook.url}?token=hush`,
        secret: 'a-long-shared-secret',
        kinds: ['breach'],
      }),
    });
    expect(created.status).toBe(201);
    const c = `${p}W`;
    await engine.client('ingest').postEvents([
      {
        id: `${c}-1`,
        type: 'complaint.received',
        subjectId: c,
        occurredAt: at('2026-11-20T09:00'),
        data: { departmentId: D },
      },
    ]);
    const [dead] = await eventually(
      async () => happened('webhook-dead', c),
      (lines) => lines.length > 0,
    );
    expect(dead).toMatchObject({
      level: 30,
      signal: 'breach',
      subjectKind: 'complaint',
      attempts: 2,
      reason: 'HTTP 500',
      host: new URL(hook.url).host,
    });
    expect(JSON.stringify(dead)).not.toContain('hush');
    hook.server.close();
  });

  it('a 4xx is logged with its reason and the name of the key, never the key', async () => {
    const manager = engine.keys.manager;
    const refused = await fetch(`${engine.url}/v1/admin/timers/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(refused.status).toBe(403);
    const bad = await engine.post([{ id: '', type: 'complaint.received' }]);
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${engine.url}/v1/ledger`, {
      headers: { authorization: 'Bearer not-a-key-anyone-has' },
    });
    expect(unknown.status).toBe(401);

    const lines = await eventually(
      async () => logs.lines.filter((l) => typeof l.status === 'number' && l.problem),
      (found) => found.length >= 3,
    );
    expect(lines.find((l) => l.status === 403)).toMatchObject({
      level: 30,
      problem: '/problems/forbidden',
      keyName: 'manager',
      detail: expect.stringContaining('A manager key may not do this'),
    });
    const invalid = lines.find((l) => l.status === 400)!;
    expect(invalid).toMatchObject({ keyName: 'ingest', problem: '/problems/invalid-request' });
    expect((invalid.errors as unknown[]).length).toBeGreaterThan(0);
    expect(lines.find((l) => l.status === 401)).toMatchObject({
      keyName: null,
      detail: 'The API key is not known or was revoked.',
    });
    // No line anywhere holds a key, nor the Authorization header.
    const all = logs.raw.join('');
    for (const key of [...Object.values(engine.keys), 'not-a-key-anyone-has']) expect(all).not.toContain(key);
  });
});
