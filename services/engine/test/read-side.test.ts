import { createApiKey, revokeApiKey } from '@engine/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

let engine: TestEngine;
let managerA: string;
let financeA: string;
const p = uid('V');
const [A, B] = [`${p}-DA`, `${p}-DB`];

const get = (path: string, key: string, headers: Record<string, string> = {}) =>
  fetch(`${engine.url}${path}`, { headers: { authorization: `Bearer ${key}`, ...headers } });

beforeAll(async () => {
  engine = await startTestEngine();
  managerA = (
    await createApiKey(engine.runtime.db, { name: 'manager of A', role: 'manager', departments: [A] })
  ).key;
  financeA = (
    await createApiKey(engine.runtime.db, { name: 'finance of A', role: 'finance', departments: [A] })
  ).key;
  const at = (local: string) => `${local}:00+08:00`;
  const response = await engine.post({
    events: [
      {
        id: `${p}-1`,
        type: 'complaint.received',
        subjectId: `${p}CA`,
        occurredAt: at('2026-11-02T09:00'),
        data: { departmentId: A },
      },
      {
        id: `${p}-2`,
        type: 'complaint.first_replied',
        subjectId: `${p}CA`,
        occurredAt: at('2026-11-02T15:00'),
        data: {},
      },
      {
        id: `${p}-3`,
        type: 'complaint.received',
        subjectId: `${p}CB`,
        occurredAt: at('2026-11-03T09:00'),
        data: { departmentId: B },
      },
      {
        id: `${p}-4`,
        type: 'fault.reported',
        subjectId: `${p}FA`,
        occurredAt: at('2026-11-10T08:00'),
        data: { departmentId: A, kind: 'urban' },
      },
      // first response due 4 hours after dispatch; 3.5 hours have passed: at risk
      {
        id: `${p}-5`,
        type: 'complaint.received',
        subjectId: `${p}CR`,
        occurredAt: new Date(engine.now().getTime() - 3.5 * 3_600_000).toISOString(),
        data: { departmentId: A },
      },
    ],
  });
  expect(response.status).toBe(202);
  await eventually(
    () => engine.ledger(p),
    (rows) => rows.length >= 6,
  );
  // A ruling that makes a correction pair on CA.
  await engine.post({
    id: `${p}-6`,
    type: 'complaint.responsibility_set',
    subjectId: `${p}CA`,
    occurredAt: at('2026-11-05T10:00'),
    data: { responsibility: 'enterprise' },
  });
  await eventually(
    () => engine.ledger(`${p}CA`),
    (rows) => rows.some((r) => r.rule === 'complaint.class4'),
  );
});
afterAll(async () => {
  await engine.stop();
});

describe('GET /v1/complaints/{id} and friends', () => {
  it('shows a breached complaint with its clocks, fines (reversals included) and timeline, in +08:00', async () => {
    const response = await get(`/v1/complaints/${p}CA`, managerA);
    expect(response.status).toBe(200);
    const view = (await response.json()) as Record<string, unknown> & {
      clocks: { name: string; state: string; deadline: string }[];
      fines: { rule: string; amountFen: number; reversalOf?: string }[];
      events: unknown[];
    };
    expect(view).toMatchObject({
      id: `${p}CA`,
      departmentId: A,
      status: 'open',
      responsibility: 'enterprise',
      assessment: 'class4',
      slaType: 'escalation_warning',
      upgraded: true,
      policyVersion: 'fuling-2012',
    });
    expect(view.clocks.map((c) => [c.name, c.state])).toEqual([
      ['first_response', 'breached'],
      ['resolution', 'breached'],
      ['resolution_warning', 'breached'],
    ]);
    expect(view.clocks[0]!.deadline).toBe('2026-11-02T13:00:00+08:00');
    expect(view.fines.filter((f) => f.reversalOf).map((f) => [f.rule, f.amountFen])).toEqual([
      ['complaint.ordinary', -10_000],
    ]);
    expect(view.events).toHaveLength(3);
  });

  it('a fault has the same shape', async () => {
    const view = (await (await get(`/v1/faults/${p}FA`, managerA)).json()) as {
      kind: string;
      clocks: { name: string }[];
    };
    expect(view.kind).toBe('urban');
    expect(view.clocks.map((c) => c.name)).toEqual(['repair']);
  });

  it('scoping: a manager gets 404 for another department, finance sees all, ingest is refused', async () => {
    expect((await get(`/v1/complaints/${p}CB`, managerA)).status).toBe(404);
    expect((await get(`/v1/complaints/${p}missing`, managerA)).status).toBe(404);
    expect((await get(`/v1/complaints/${p}CB`, engine.keys.manager)).status).toBe(200);
    expect((await get(`/v1/complaints/${p}CB`, engine.keys.finance)).status).toBe(200);
    expect((await get(`/v1/complaints/${p}CB`, engine.keys.ingest)).status).toBe(403);
  });
});

describe('a finance key limited to a department (API.md, Auth)', () => {
  it("reads only that department's views, ledger rows, CSV lines and summaries, sets only its quotas, and cannot close a month for all", async () => {
    expect((await get(`/v1/complaints/${p}CA`, financeA)).status).toBe(200);
    expect((await get(`/v1/complaints/${p}CB`, financeA)).status).toBe(404);
    const ledger = (await (await get('/v1/ledger?limit=1000', financeA)).json()) as {
      items: { departmentId: string }[];
    };
    expect(ledger.items.length).toBeGreaterThan(0);
    expect(new Set(ledger.items.map((e) => e.departmentId))).toEqual(new Set([A]));
    const csv = parse(Buffer.from(await (await get('/v1/ledger?format=csv', financeA)).arrayBuffer()), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(new Set(csv.map((r) => r.departmentId))).toEqual(new Set([A]));
    expect((await get(`/v1/ledger?departmentId=${B}`, financeA)).status).toBe(403);
    const summary = (await (
      await get('/v1/ledger/summary?period=2026-11&groupBy=department', financeA)
    ).json()) as {
      items: { departmentId: string }[];
    };
    expect(summary.items.map((g) => g.departmentId)).toEqual([A]);
    const put = (department: string) =>
      fetch(`${engine.url}/v1/quotas/${department}/2026-11`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${financeA}`, 'content-type': 'application/json' },
        body: JSON.stringify({ class4: 5 }),
      });
    expect((await put(B)).status).toBe(403);
    expect((await put(A)).status).toBe(200);
    const close = await fetch(`${engine.url}/v1/periods/2026-10/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${financeA}` },
    });
    expect(close.status).toBe(403);
    expect(((await close.json()) as { detail: string }).detail).toContain('every department');
  });
});

describe('a revoked key', () => {
  it('stops working within 1 s in a process that did not revoke it (the CLI revokes in Postgres)', async () => {
    const { key, apiKey } = await createApiKey(engine.runtime.db, { name: 'soon revoked', role: 'manager' });
    expect((await get(`/v1/complaints/${p}CA`, key)).status).toBe(200);
    await revokeApiKey(engine.runtime.db, apiKey.id);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 3_000) {
      status = (await get(`/v1/complaints/${p}CA`, key)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });
});

describe('GET /v1/clocks', () => {
  it("lists only the manager's departments, by deadline, with keyset pagination", async () => {
    const first = (await (await get(`/v1/clocks?state=breached&limit=2`, managerA)).json()) as {
      items: { subjectId: string; departmentId: string; deadline: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    expect(first.items.every((c) => c.departmentId === A)).toBe(true);
    const second = (await (
      await get(`/v1/clocks?state=breached&limit=2&cursor=${first.nextCursor}`, managerA)
    ).json()) as { items: { deadline: string }[] };
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items[0]!.deadline >= first.items[1]!.deadline).toBe(true);
    expect((await get(`/v1/clocks?departmentId=${B}`, managerA)).status).toBe(403);
  });

  it('at_risk: running and past the at-risk fraction', async () => {
    const list = (await (await get(`/v1/clocks?state=at_risk&departmentId=${A}`, managerA)).json()) as {
      items: { subjectId: string; name: string; atRisk: boolean; remainingSeconds: number }[];
    };
    expect(list.items.map((c) => [c.subjectId, c.name, c.atRisk])).toEqual([
      [`${p}CR`, 'first_response', true],
    ]);
    expect(list.items[0]!.remainingSeconds).toBeGreaterThan(20 * 60);
  });
});

describe('GET /v1/ledger', () => {
  it('JSON pages with filters; managers are refused', async () => {
    const page = (await (await get(`/v1/ledger?departmentId=${A}&limit=3`, engine.keys.finance)).json()) as {
      items: { departmentId: string; id: string }[];
      nextCursor: string;
    };
    expect(page.items).toHaveLength(3);
    expect(page.items.every((e) => e.departmentId === A)).toBe(true);
    const next = (await (
      await get(`/v1/ledger?departmentId=${A}&limit=3&cursor=${page.nextCursor}`, engine.keys.finance)
    ).json()) as { items: { id: string }[] };
    expect(Number(next.items[0]!.id)).toBeGreaterThan(Number(page.items[2]!.id));
    expect((await get('/v1/ledger', managerA)).status).toBe(403);
  });

  it('CSV: UTF-8 with BOM, one row per entry with reversals, yuan with two decimals, read back by a CSV parser', async () => {
    const response = await get(`/v1/ledger?subjectId=${p}CA`, engine.keys.finance, { accept: 'text/csv' });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { columns: true, bom: true }) as Record<string, string>[];
    const json = (await (
      await get(`/v1/ledger?subjectId=${p}CA&limit=1000`, engine.keys.finance)
    ).json()) as { items: { amountFen: number }[] };
    expect(rows).toHaveLength(json.items.length);
    expect(rows.map((r) => r.amountYuan)).toEqual(json.items.map((e) => (e.amountFen / 100).toFixed(2)));
    expect(rows.some((r) => r.reversalOf !== '' && r.amountYuan === '-100.00')).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the read paths', async () => {
    const doc = (await (await fetch(`${engine.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/complaints/{id}',
        '/v1/faults/{id}',
        '/v1/callbacks/{id}',
        '/v1/clocks',
        '/v1/ledger',
      ]),
    );
  });
});
