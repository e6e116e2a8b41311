import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { EngineClient } from '@engine/client';
import { createEngineClient, EngineError } from '@engine/client';
import { createApiKey } from '@engine/db';
import { replay, subjectsOfPeriod } from '@engine/use-cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

const run = promisify(execFile);

// API.md: reference data (departments, halls, quotas, policies) and the month summaries, through the client.
let engine: TestEngine;
let admin: EngineClient;
let finance: EngineClient;
const p = uid('R');
const [DA, DB] = [`${p}-DA`, `${p}-DB`];
const at = (local: string) => `${local}:00+08:00`;
const ev = (id: string, type: string, subjectId: string, local: string, data: object = {}) =>
  ({ id: `${p}-${id}`, type, subjectId: `${p}${subjectId}`, occurredAt: at(local), data }) as never;

beforeAll(async () => {
  engine = await startTestEngine();
  admin = engine.client('admin');
  finance = engine.client('finance');
});
afterAll(async () => {
  await engine.stop();
});

describe('departments and halls', () => {
  it('are created then updated (201, 200); a hall of an unknown department is refused by field', async () => {
    expect(await admin.putDepartment(DA, { name: 'North', managerId: 'M-OLD' })).toMatchObject({
      id: DA,
      managerId: 'M-OLD',
    });
    const { response } = await admin.raw.PUT('/v1/departments/{id}', {
      params: { path: { id: DA } },
      body: { name: 'North', managerId: `${p}-M1` },
    });
    expect(response.status).toBe(200);
    await admin.putDepartment(DB, { name: 'South' });
    expect(
      await admin.putHall(`${p}-H1`, { departmentId: DA, name: 'Hall 1', headId: `${p}-HH1` }),
    ).toMatchObject({
      departmentId: DA,
      headId: `${p}-HH1`,
    });
    const refused = await admin.putHall(`${p}-H9`, { departmentId: `${p}-NONE`, name: 'x' }).catch((e) => e);
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused.status).toBe(400);
    expect(refused.problem.errors).toEqual([
      { path: 'departmentId', message: expect.stringContaining('no department') },
    ]);
    const bad = await admin.putDepartment(DB, { name: '' }).catch((e) => e);
    expect(bad.problem.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    await expect(finance.putDepartment(DB, { name: 'x' })).rejects.toMatchObject({ status: 403 });
  });

  it('name the people the ministry personal fines go to', async () => {
    await engine.client('ingest').postEvents([
      ev('o1', 'complaint.received', 'O1', '2026-11-16T09:00', {
        departmentId: DA,
        hallId: `${p}-H1`,
        overLevel: {
          body: 'miit_appeal',
          controlLevel: 1,
          priorComplaintToDepartment: true,
          interceptionAttempted: false,
        },
      }),
      ev('o2', 'complaint.first_replied', 'O1', '2026-11-16T10:00'),
    ]);
    await eventually(
      () => engine.ledger(`${p}O1`),
      (rows) => rows.filter((r) => r.person_id !== null).length === 2,
    );
    const people = await finance.ledgerSummary({ period: '2026-11', groupBy: 'person' });
    expect(people.items.filter((i) => i.departmentId === DA)).toEqual([
      {
        departmentId: DA,
        departmentName: 'North',
        personId: `${p}-HH1`,
        // Nobody named them (PUT /v1/people/{id}): the console shows the id.
        personName: null,
        personRole: 'hall_head',
        totalFen: 5_000,
        entries: 1,
        reversals: 0,
      },
      {
        departmentId: DA,
        departmentName: 'North',
        personId: `${p}-M1`,
        personName: null,
        personRole: 'manager',
        totalFen: 10_000,
        entries: 1,
        reversals: 0,
      },
    ]);
  });
});

describe('a hall moved to another department (RULES.md 1, campaign D12)', () => {
  it("judges its complaints again at once: the hall head's personal fine no longer names the moved hall's head", async () => {
    // A department of its own, so the month's summaries and replays below count only theirs.
    const [DC, DD] = [`${p}-DC`, `${p}-DD`];
    await admin.putDepartment(DC, { name: 'East' });
    await admin.putDepartment(DD, { name: 'West' });
    const hall = `${p}-H2`;
    await admin.putHall(hall, { departmentId: DC, name: 'Hall 2', headId: `${p}-HH2` });
    await engine.client('ingest').postEvents([
      ev('m1', 'complaint.received', 'M1', '2026-11-17T09:00', {
        departmentId: DC,
        hallId: hall,
        overLevel: {
          body: 'miit_appeal',
          controlLevel: 1,
          priorComplaintToDepartment: true,
          interceptionAttempted: false,
        },
      }),
    ]);
    await eventually(
      () => engine.ledger(`${p}M1`),
      (rows) => rows.some((r) => r.person_id === `${p}-HH2`),
    );
    await admin.putHall(hall, { departmentId: DD, name: 'Hall 2', headId: `${p}-HH2` });
    // No event of the complaint arrives: the move alone makes it due.
    const rows = await eventually(
      () => engine.ledger(`${p}M1`),
      (rows) => rows.some((r) => r.person_role === 'hall_head' && r.person_id === null),
    );
    const hallHead = rows.filter((r) => r.person_role === 'hall_head');
    expect(hallHead.map((r) => [r.amount_fen, r.person_id, r.department_id])).toEqual([
      [5_000, `${p}-HH2`, DC],
      [-5_000, `${p}-HH2`, DC],
      [5_000, null, DC],
    ]);
  });
});

describe("another department's hall is never named with a department's rows (issue 12 item 8, the campaign's re-run)", () => {
  it('a hall moved away, or defined under another department after a complaint named it, shows no name to that department', async () => {
    const [DE, DF] = [`${p}-DE`, `${p}-DF`];
    await admin.putDepartment(DE, { name: 'Eastern' });
    await admin.putDepartment(DF, { name: 'Western' });
    const [moved, later] = [`${p}-HMV`, `${p}-HLT`];
    await admin.putHall(moved, { departmentId: DE, name: 'Hall of the East' });
    await engine.client('ingest').postEvents([
      ev('n1', 'complaint.received', 'N1', '2026-11-18T09:00', { departmentId: DE, hallId: moved }),
      // Nobody has defined this hall yet: accepted, as RULES.md 1 allows.
      ev('n2', 'complaint.received', 'N2', '2026-11-18T09:30', { departmentId: DE, hallId: later }),
    ]);
    await eventually(
      () => engine.client('finance').complaint(`${p}N2`),
      (view) => view !== undefined,
    );
    const managerOfE = createEngineClient({
      baseUrl: engine.url,
      apiKey: (await createApiKey(engine.runtime.db, { name: 'e', role: 'manager', departments: [DE] })).key,
    });
    expect((await managerOfE.complaint(`${p}N1`))?.hallName).toBe('Hall of the East');

    await admin.putHall(moved, { departmentId: DF, name: 'Now a hall of the West' });
    await admin.putHall(later, { departmentId: DF, name: 'A hall of the West' });
    for (const viewer of [managerOfE, finance]) {
      for (const [subject, hall] of [
        [`${p}N1`, moved],
        [`${p}N2`, later],
      ] as const) {
        const view = await viewer.complaint(subject);
        expect(view).toMatchObject({ departmentId: DE, hallId: hall, hallName: null });
      }
    }
    const byHall = await managerOfE.slaSummary({ period: '2026-11', groupBy: 'hall' });
    const halls = byHall.items.filter((i) => i.hallId === moved || i.hallId === later);
    expect(halls.map((i) => [i.hallId, i.hallName]).sort()).toEqual(
      [
        [later, null],
        [moved, null],
      ].sort(),
    );
    const clocks = [];
    for await (const clock of managerOfE.clocks({ departmentId: DE })) clocks.push(clock);
    expect(clocks.map((c) => c.hallId)).toEqual(expect.arrayContaining([moved, later]));
    expect(clocks.every((c) => c.hallName === null || c.hallName === undefined)).toBe(true);
  });
});

describe('quotas', () => {
  it('a quota set by finance re-prices the month: the case beyond it is doubled', async () => {
    await engine.client('ingest').postEvents(
      ['Q1', 'Q2'].flatMap((q, i) => [
        ev(`${q}r`, 'complaint.received', q, `2026-11-0${i + 2}T09:00`, { departmentId: DA }),
        ev(`${q}f`, 'complaint.first_replied', q, `2026-11-0${i + 2}T10:00`),
        ev(`${q}e`, 'complaint.responsibility_set', q, `2026-11-0${i + 2}T11:00`, {
          responsibility: 'enterprise',
        }),
      ]),
    );
    await eventually(
      () => engine.ledger(`${p}Q`),
      (rows) => rows.filter((r) => r.rule === 'complaint.class4').length === 2,
    );
    expect((await finance.quotas(DA, '2026-11')).items).toContainEqual({
      assessment: 'class4',
      quota: null,
      source: 'policy',
    });
    const set = await finance.setQuotas(DA, '2026-11', { class4: 1 });
    expect(set.casesRepriced).toBe(2);
    expect(set.items).toContainEqual(
      expect.objectContaining({ assessment: 'class4', quota: 1, source: 'set' }),
    );
    const rows = await eventually(
      () => engine.ledger(`${p}Q2`),
      (all) => all.some((r) => r.rule === 'complaint.class4' && r.amount_fen === 20_000),
    );
    expect(rows.filter((r) => r.rule === 'complaint.class4').map((r) => r.amount_fen)).toEqual([
      10_000, -10_000, 20_000,
    ]);
    expect((await engine.ledger(`${p}Q1`)).filter((r) => r.rule === 'complaint.class4').length).toBe(1);

    const empty = await finance.raw.PUT('/v1/quotas/{departmentId}/{period}', {
      params: { path: { departmentId: DA, period: '2026-11' } },
      body: { class4: -1 } as never,
    });
    expect(empty.response.status).toBe(400);
  });
});

describe('summaries', () => {
  it('the SLA summary counts the month per department, scoped for a manager', async () => {
    await engine.client('ingest').postEvents([
      ev('b1', 'complaint.received', 'B1', '2026-11-05T09:00', { departmentId: DB }),
      // first reply after 4 hours: first response breached
      ev('b2', 'complaint.first_replied', 'B1', '2026-11-05T14:00'),
    ]);
    await eventually(
      () => engine.ledger(`${p}B1`),
      (rows) => rows.length >= 2,
    );
    const all = await finance.slaSummary({ period: '2026-11', groupBy: 'department' });
    const a = all.items.find((i) => i.departmentId === DA)!;
    expect(a).toMatchObject({ complaintsReceived: 3, overLevel: 1, firstResponse: { met: 3, breached: 0 } });
    expect(a.firstResponse.onTimeRate).toBe(1);
    const b = all.items.find((i) => i.departmentId === DB)!;
    expect(b).toMatchObject({
      complaintsReceived: 1,
      firstResponse: { met: 0, breached: 1, running: 0, onTimeRate: 0 },
    });

    const managerOfB = (
      await createApiKey(engine.runtime.db, { name: 'b', role: 'manager', departments: [DB] })
    ).key;
    const manager = createEngineClient({ baseUrl: engine.url, apiKey: managerOfB });
    expect((await manager.slaSummary({ period: '2026-11' })).items.map((i) => i.departmentId)).toEqual([DB]);
    expect((await manager.ledgerSummary({ period: '2026-11' })).items.map((i) => i.departmentId)).toEqual([
      DB,
    ]);
    await expect(manager.quotas(DA, '2026-11')).rejects.toMatchObject({ status: 404 });
    const departments = await manager.raw.GET('/v1/departments');
    expect(departments.data?.items.map((d) => d.id)).toEqual([DB]);
    const halls = await manager.raw.GET('/v1/halls');
    expect(halls.data?.items).toEqual([]);
    const allHalls = await finance.raw.GET('/v1/halls');
    expect(allHalls.data?.items.map((h) => h.id)).toContain(`${p}-H1`);
    await expect(engine.client('ingest').slaSummary({ period: '2026-11' })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('the ledger summary adds up to the ledger, by department and by rule', async () => {
    const entries = [];
    for await (const e of finance.ledger({ period: '2026-11' })) entries.push(e);
    const total = entries.reduce((sum, e) => sum + e.amountFen, 0);
    const byDepartment = await finance.ledgerSummary({ period: '2026-11', groupBy: 'department' });
    const byRule = await finance.ledgerSummary({ period: '2026-11', groupBy: 'rule' });
    expect(byDepartment.totalFen).toBe(total);
    expect(byRule.totalFen).toBe(total);
    const class4 = byRule.items.find((i) => i.rule === 'complaint.class4')!;
    expect(class4).toMatchObject({ entries: 4, reversals: 1, totalFen: 30_000 });
  });
});

describe('policies', () => {
  it('lists the versions, shows a pack, and refuses to change one that judged subjects', async () => {
    const list = await finance.policies();
    const fuling = list.items.find((i) => i.version === 'fuling-2012')!;
    expect(fuling.firstUsedAt).not.toBeNull();
    const pack = (await finance.policy('fuling-2012'))!.pack as Record<string, unknown>;
    const changed = await admin.putPolicy('fuling-2012', { ...pack, repeatWindowDays: 7 }).catch((e) => e);
    expect(changed.status).toBe(409);
    expect(await finance.policy('no-such-version')).toBeUndefined();
  });

  it('validates an upload, naming every problem by path, and stores nothing of it', async () => {
    const pack = (await finance.policy('fuling-2012'))!.pack as Record<string, unknown>;
    const bad = await admin
      .putPolicy(`${p}-v1`, { ...pack, version: `${p}-v1`, timeZone: 'Mars/Base', calendar: 'none' })
      .catch((e) => e);
    expect(bad.status).toBe(400);
    expect(bad.problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['calendar', 'timeZone']);
    const mismatch = await admin.putPolicy(`${p}-v1`, { ...pack, version: 'other' }).catch((e) => e);
    expect(mismatch.problem.errors).toEqual([{ path: 'version', message: expect.any(String) }]);
    expect(await finance.policy(`${p}-v1`)).toBeUndefined();
  });

  it('stores a new version (201), replaces it while unused (200, next revision)', async () => {
    const pack = (await finance.policy('fuling-2012'))!.pack as Record<string, unknown>;
    const next = { ...pack, version: `${p}-v2`, effectiveFrom: '2099-01-01' };
    const created = await admin.raw.PUT('/v1/policies/{version}', {
      params: { path: { version: `${p}-v2` } },
      body: next,
    });
    expect(created.response.status).toBe(201);
    const replaced = await admin.putPolicy(`${p}-v2`, { ...next, repeatWindowDays: 15 });
    expect(replaced).toMatchObject({ revision: 2, firstUsedAt: null, effectiveFrom: '2099-01-01' });
    expect(((await finance.policy(`${p}-v2`))!.pack as { repeatWindowDays: number }).repeatWindowDays).toBe(
      15,
    );
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics with request latency and the backlog', async () => {
    const text = await (await fetch(`${engine.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(/engine_backlog\{what="clocks_running"\} \d+/);
  });
});

describe('replay', () => {
  const month = () => subjectsOfPeriod(engine.runtime.db, '2026-11', 'Asia/Shanghai', DA);

  it('under the versions the subjects were judged by, equals the live ledger', async () => {
    const targets = await month();
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const result = await replay(engine.runtime.db, engine.runtime.policies.all(), targets, {
      now: engine.now(),
    });
    expect(result.differences).toEqual([]);
    expect(result.replayFen).toBe(result.liveFen);
    expect(result.liveFen).toBeGreaterThan(0);
  });

  it('reports its progress after each batch, up to every subject', async () => {
    const targets = await month();
    const seen: [number, number][] = [];
    const result = await replay(engine.runtime.db, engine.runtime.policies.all(), targets, {
      now: engine.now(),
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen.at(-1)).toEqual([targets.length, targets.length]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
    expect(result.subjects).toBe(targets.length);
  });

  it('under another version, shows what would change and touches nothing', async () => {
    const pack = (await finance.policy('fuling-2012'))!.pack as {
      complaints: { classes: { id: string; fineFen: number }[] };
    };
    const dearer = {
      ...pack,
      version: `${p}-dear`,
      effectiveFrom: '2099-01-01',
      complaints: {
        ...pack.complaints,
        classes: pack.complaints.classes.map((c) => (c.id === 'class4' ? { ...c, fineFen: 15_000 } : c)),
      },
    };
    await admin.putPolicy(`${p}-dear`, dearer);
    const ledgerBefore = await engine.ledger('');
    const result = await replay(engine.runtime.db, engine.runtime.policies.all(), await month(), {
      policyVersion: `${p}-dear`,
      now: engine.now(),
    });
    // Q1 within the quota of 1 at 150 instead of 100; Q2 beyond it, doubled: 300 instead of 200.
    expect(
      result.differences.map((d) => [d.subjectId.slice(p.length), d.rule, d.liveFen, d.replayFen]).sort(),
    ).toEqual([
      ['Q1', 'complaint.class4', 10_000, 15_000],
      ['Q2', 'complaint.class4', 20_000, 30_000],
    ]);
    expect(result.replayFen - result.liveFen).toBe(15_000);
    expect(await engine.ledger('')).toEqual(ledgerBefore);
    expect((await finance.policy(`${p}-dear`))!.firstUsedAt).toBeNull();
  });

  it('is run by the operator CLI, which prints the difference in yuan', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'services/engine/src/cli.ts',
        'replay',
        'period',
        '2026-11',
        '--department',
        DA,
        '--policy',
        `${p}-dear`,
      ],
      { env: { ...process.env, DATABASE_URL: engine.databaseUrl, LOG_LEVEL: 'silent' } },
    );
    expect(stdout).toContain(`${p}Q2\tcomplaint.class4\t${DA}\t2026-11\t200.00\t300.00\t100.00`);
    expect(stdout).toMatch(/change 150\.00 yuan/);
  });
});
