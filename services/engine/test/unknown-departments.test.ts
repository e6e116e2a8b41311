import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

// API.md: an event naming a department nobody defined is never dropped, but it is made visible.
let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(() => engine.stop());

const get = async (role: 'finance' | 'manager' | 'admin', path: string) => {
  const response = await fetch(`${engine.url}${path}`, {
    headers: { authorization: `Bearer ${engine.keys[role]}` },
  });
  return { status: response.status, text: await response.text() };
};

describe('a department nobody defined', () => {
  it('is judged and fined, and every view, the ledger and the unknown list say it is unknown', async () => {
    const p = uid('U');
    const nowhere = `D-NOWHERE-${p}`;
    // An ordinary complaint never answered: its 4-hour first response breached (RULES.md 3).
    const posted = await engine.post({
      id: `${p}-1`,
      type: 'complaint.received',
      subjectId: `${p}C`,
      occurredAt: '2026-11-02T09:00:00+08:00',
      data: { departmentId: nowhere, channel: 'hotline' },
    });
    expect(posted.status).toBe(202);
    await eventually(
      () => engine.ledger(p),
      (rows) => rows.some((r) => r.rule === 'sla.first_response.late'),
    );

    const view = JSON.parse((await get('manager', `/v1/complaints/${p}C`)).text);
    expect(view).toMatchObject({ departmentId: nowhere, departmentName: null });
    const ledger = JSON.parse((await get('finance', `/v1/ledger?subjectId=${p}C`)).text);
    expect(ledger.items.length).toBeGreaterThan(0);
    for (const entry of ledger.items)
      expect(entry).toMatchObject({ departmentId: nowhere, departmentName: null });
    const csv = (await get('finance', `/v1/ledger?subjectId=${p}C&format=csv`)).text;
    expect(csv.split('\n')[0]).toContain('departmentId,departmentName');
    expect(csv).toContain(`${nowhere},(unknown department)`);

    const unknown = JSON.parse((await get('finance', '/v1/departments?unknown=true')).text);
    const mine = unknown.items.find((d: { id: string }) => d.id === nowhere);
    expect(mine).toMatchObject({
      name: null,
      known: false,
      subjects: 1,
      firstSeenAt: '2026-11-02T09:00:00+08:00',
    });
    expect(mine.chargedFen).toBe(
      ledger.items.reduce((sum: number, e: { amountFen: number }) => sum + e.amountFen, 0),
    );

    const metrics = (await fetch(`${engine.url}/metrics`).then((r) => r.text())).match(
      /engine_backlog\{what="subjects_unknown_department"\} (\d+)/,
    );
    expect(Number(metrics?.[1])).toBeGreaterThanOrEqual(1);

    // Named by an admin: no longer unknown, and the ledger shows the name.
    const named = await fetch(`${engine.url}/v1/departments/${nowhere}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '城北营业部' }),
    });
    expect(named.status).toBeLessThan(300);
    const after = JSON.parse((await get('finance', '/v1/departments?unknown=true')).text);
    expect(after.items.map((d: { id: string }) => d.id)).not.toContain(nowhere);
    const renamed = JSON.parse((await get('finance', `/v1/ledger?subjectId=${p}C`)).text);
    expect(renamed.items[0]).toMatchObject({ departmentName: '城北营业部' });
  });
});
