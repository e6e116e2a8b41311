import type { EngineClient } from '@engine/client';
import { EngineError } from '@engine/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type LedgerRow, startTestEngine, type TestEngine, uid } from './support.ts';

// RULES.md 8 and API.md POST /v1/periods/{period}/close, through the typed client.
let engine: TestEngine;
let finance: EngineClient;
let ingest: EngineClient;
const p = uid('P');
const D = `${p}-D`;
const D2 = `${p}-D2`;
const at = (local: string) => `${local}:00+08:00`;
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
const rowsOf = (rows: readonly LedgerRow[], subject: string) => rows.filter((r) => r.subject_id === subject);

beforeAll(async () => {
  engine = await startTestEngine();
  finance = engine.client('finance');
  ingest = engine.client('ingest');
  await ingest.postEvents([
    // Urban fault: 48 hours, due 2026-10-22 10:00, never restored in October.
    {
      id: `${p}-f1`,
      type: 'fault.reported',
      subjectId: `${p}F1`,
      occurredAt: at('2026-10-20T10:00'),
      data: { departmentId: D, kind: 'urban' },
    },
    // Two churn callbacks due in October: one done on time, one not done at all: a 50% rate.
    {
      id: `${p}-k1`,
      type: 'callback.opened',
      subjectId: `${p}K1`,
      occurredAt: at('2026-10-20T09:00'),
      data: { kind: 'churn', departmentId: D },
    },
    {
      id: `${p}-k1d`,
      type: 'callback.completed',
      subjectId: `${p}K1`,
      occurredAt: at('2026-10-20T15:00'),
      data: {},
    },
    {
      id: `${p}-k2`,
      type: 'callback.opened',
      subjectId: `${p}K2`,
      occurredAt: at('2026-10-21T09:00'),
      data: { kind: 'churn', departmentId: D },
    },
    // Another department's two churn callbacks due in October: one done, the other done only after the close.
    {
      id: `${p}-k3`,
      type: 'callback.opened',
      subjectId: `${p}K3`,
      occurredAt: at('2026-10-20T09:00'),
      data: { kind: 'churn', departmentId: D2 },
    },
    {
      id: `${p}-k3d`,
      type: 'callback.completed',
      subjectId: `${p}K3`,
      occurredAt: at('2026-10-20T15:00'),
      data: {},
    },
    {
      id: `${p}-k4`,
      type: 'callback.opened',
      subjectId: `${p}K4`,
      occurredAt: at('2026-10-21T09:00'),
      data: { kind: 'churn', departmentId: D2 },
    },
    // A class-4 complaint of October, ruled after the close.
    {
      id: `${p}-c1`,
      type: 'complaint.received',
      subjectId: `${p}C1`,
      occurredAt: at('2026-10-12T09:00'),
      data: { departmentId: D },
    },
    {
      id: `${p}-c1r`,
      type: 'complaint.first_replied',
      subjectId: `${p}C1`,
      occurredAt: at('2026-10-12T10:00'),
      data: {},
    },
    {
      id: `${p}-c1s`,
      type: 'complaint.resolved',
      subjectId: `${p}C1`,
      occurredAt: at('2026-10-13T10:00'),
      data: {},
    },
  ]);
  await eventually(
    () => engine.ledger(p),
    (rows) =>
      rows.some((r) => r.rule === 'fault.warning') && rows.some((r) => r.rule === 'complaint.ordinary'),
  );
});
afterAll(async () => {
  await engine.stop();
});

describe('closing a period', () => {
  it('refuses a month that has not ended, and one not yet begun, with the instant it ends', async () => {
    const current = await finance.closePeriod('2026-11').catch((e: EngineError) => e);
    expect(current).toBeInstanceOf(EngineError);
    expect((current as EngineError).status).toBe(409);
    expect((current as EngineError).problem.detail).toContain('2026-12-01T00:00:00+08:00');
    const future = await finance.closePeriod('2027-03').catch((e: EngineError) => e);
    expect((future as EngineError).status).toBe(409);
    const bad = await finance.closePeriod('2026-13').catch((e: EngineError) => e);
    expect((bad as EngineError).status).toBe(400);
    expect((bad as EngineError).problem.errors?.[0]?.path).toBe('params.period');
    expect((await finance.period('2026-11')).status).toBe('open');
    await expect(engine.client('manager').closePeriod('2026-10')).rejects.toMatchObject({ status: 403 });
  });

  it('prices the unfinished fault and the callback-rate shortfall into the month, then locks it', async () => {
    const closed = await finance.closePeriod('2026-10');
    expect(closed).toMatchObject({ period: '2026-10', status: 'closed', alreadyClosed: false });
    expect(closed.faultsAssessed).toBeGreaterThanOrEqual(1);

    const rows = await engine.ledger(p);
    const fault = rowsOf(rows, `${p}F1`);
    // RULES.md 4: not restored at the close: unfinished, 100 yuan, in October (never also the 50 for lateness).
    expect(
      fault.filter((r) => r.rule === 'fault.repair.unfinished').map((r) => [r.amount_fen, r.period]),
    ).toEqual([[10_000, '2026-10']]);
    expect(fault.filter((r) => r.rule === 'fault.repair.late')).toEqual([]);
    // RULES.md 6: 1 of 2 churn callbacks done = 50%, 50 points below 100% at 20 yuan each.
    const rate = (await engine.ledger('callback-rate:')).filter(
      (r) => r.rule === 'callback.rate_shortfall' && r.department_id === D,
    );
    // API.md: one entry per department, kind and month, and the close answer lists them.
    expect(rate.map((r) => [r.amount_fen, r.period, r.subject_id])).toEqual([
      [100_000, '2026-10', `callback-rate:${D}:churn:2026-10`],
    ]);
    expect(
      closed.entries
        .filter((e) => e.departmentId === D || e.departmentId === D2)
        .map((e) => [e.rule, e.subjectId, e.amountFen])
        .sort(),
    ).toEqual([
      ['callback.rate_shortfall', `callback-rate:${D2}:churn:2026-10`, 100_000],
      ['callback.rate_shortfall', `callback-rate:${D}:churn:2026-10`, 100_000],
      ['fault.repair.unfinished', `${p}F1`, 10_000],
    ]);
    expect((await finance.period('2026-10')).status).toBe('closed');
  });

  it('closing twice is a no-op', async () => {
    const before = (await engine.ledger('')).length;
    const again = await finance.closePeriod('2026-10');
    expect(again).toMatchObject({ alreadyClosed: true, entriesPosted: 0, status: 'closed' });
    expect((await engine.ledger('')).length).toBe(before);
  });

  it('posts later corrections into the next open month, naming their origin', async () => {
    const octoberBefore = await finance.ledgerSummary({ period: '2026-10', groupBy: 'rule' });
    await ingest.postEvents([
      // Late evidence: the fault was restored on 25 October, so it was late, not unfinished.
      {
        id: `${p}-f1r`,
        type: 'fault.restored',
        subjectId: `${p}F1`,
        occurredAt: at('2026-10-25T10:00'),
        data: {},
      },
      // The second callback was made after all (late, 20 yuan): the rate becomes 100%.
      {
        id: `${p}-k2d`,
        type: 'callback.completed',
        subjectId: `${p}K2`,
        occurredAt: at('2026-11-02T10:00'),
        data: {},
      },
      // The October complaint ruled enterprise-liable, class 4.
      {
        id: `${p}-c1e`,
        type: 'complaint.responsibility_set',
        subjectId: `${p}C1`,
        occurredAt: at('2026-11-03T10:00'),
        data: { responsibility: 'enterprise' },
      },
    ]);
    const rows = await eventually(
      () => engine.ledger(''),
      (all) =>
        all.some((r) => r.rule === 'callback.rate_shortfall' && r.amount_fen < 0) &&
        all.some((r) => r.rule === 'fault.repair.unfinished' && r.amount_fen < 0) &&
        all.some((r) => r.rule === 'complaint.class4'),
    );
    const entries = await collect(finance.ledger({ departmentId: D }));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const corrections = entries.filter((e) => byId.get(e.reversalOf ?? '')?.period === '2026-10');
    expect(corrections.length).toBeGreaterThanOrEqual(3);
    for (const c of corrections) {
      expect(c.period).toBe('2026-11');
      expect(c.originPeriod).toBe('2026-10');
    }
    const unfinished = rowsOf(rows, `${p}F1`).filter((r) => r.rule === 'fault.repair.unfinished');
    expect(unfinished.reduce((sum, r) => sum + r.amount_fen, 0)).toBe(0);
    const relate = entries.filter(
      (e) => e.rule === 'fault.repair.late' && e.period === '2026-11' && !e.reversalOf,
    );
    expect(relate.map((e) => [e.amountFen, e.originPeriod])).toEqual([[5_000, '2026-10']]);
    const class4 = entries.filter((e) => e.rule === 'complaint.class4' && !e.reversalOf);
    expect(class4.map((e) => [e.period, e.originPeriod])).toEqual([['2026-11', '2026-10']]);
    // The closed month's totals do not move.
    expect(await finance.ledgerSummary({ period: '2026-10', groupBy: 'rule' })).toEqual(octoberBefore);
  });

  it("RULES.md 6: a callback done after the close does not erase the closed month's rate shortfall", async () => {
    // Done now, weeks after October closed: it gets its own treatment, the October rate stands.
    await ingest.postEvents([
      {
        id: `${p}-k4d`,
        type: 'callback.completed',
        subjectId: `${p}K4`,
        occurredAt: engine.now().toISOString(),
        data: {},
      },
    ]);
    await eventually(
      () =>
        engine.runtime.db
          .selectFrom('subjects')
          .select(['state_version', 'ledger_version', 'completed_at as completed'])
          .where('kind', '=', 'callback')
          .where('id', '=', `${p}K4`)
          .executeTakeFirstOrThrow(),
      (row) => row.completed !== null && row.ledger_version === row.state_version,
    );
    const rate = (await engine.ledger('callback-rate:')).filter((r) => r.department_id === D2);
    expect(rate.map((r) => [r.amount_fen, r.period])).toEqual([[100_000, '2026-10']]);
  });

  it('the database itself refuses an entry posted into a closed month', async () => {
    const insert = sql`
      INSERT INTO ledger_entries (entry_key, generation, period, origin_period, rule, policy_version,
        department_id, amount_fen, source, subject_id)
      VALUES ('manual', 0, '2026-10', '2026-10', 'complaint.class4', 'fuling-2012', ${D}, 100, 'complaint', 'x')
    `.execute(engine.runtime.db);
    await expect(insert).rejects.toThrow(/period 2026-10 is closed/);
  });
});
