import { replay, subjectsOfPeriod } from '@engine/use-cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

// RULES.md 9: a second pack runs beside the default, each department judged by its own family.
let engine: TestEngine;
const p = uid('MP');
const TEL = `${p}-TEL`;
const GAS = `${p}-GAS`;
const at = (local: string) => `${local}:00+08:00`;

async function call(role: 'admin' | 'ingest' | 'finance', method: string, path: string, body?: unknown) {
  const response = await fetch(`${engine.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${engine.keys[role]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  engine = await startTestEngine();
  expect((await call('admin', 'PUT', `/v1/departments/${TEL}`, { name: '城区客服部' })).status).toBe(201);
});
afterAll(() => engine.stop());

describe('one engine, many packs', () => {
  it('a department is assigned a family; an unknown family is refused with the known ones', async () => {
    const assigned = await call('admin', 'PUT', `/v1/departments/${GAS}`, {
      name: '燃气抢修中心',
      policyFamily: 'gas-utility',
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ policyFamily: 'gas-utility', judgedBy: 'gas-utility' });
    const wrong = await call('admin', 'PUT', `/v1/departments/${GAS}`, { name: 'x', policyFamily: 'water' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { path: 'policyFamily', message: 'no policy family water is stored (known: fuling, gas-utility)' },
    ]);
    const policies = await call('finance', 'GET', '/v1/policies');
    expect(policies.body.families).toEqual([
      { family: 'fuling', isDefault: true, departments: [] },
      { family: 'gas-utility', isDefault: false, departments: [GAS] },
    ]);
  });

  it("judges each department's faults by its own pack, side by side, and accepts only that pack's codes", async () => {
    // Gas: an emergency crew on site within 30 minutes (RULES.md 9); 60 minutes is late: 300 yuan.
    const gas = await call('ingest', 'POST', '/v1/events', {
      events: [
        {
          id: `${p}-g1`,
          type: 'fault.reported',
          subjectId: `${p}G`,
          occurredAt: at('2026-11-20T09:00'),
          data: { departmentId: GAS, kind: 'emergency' },
        },
        {
          id: `${p}-g2`,
          type: 'fault.restored',
          subjectId: `${p}G`,
          occurredAt: at('2026-11-20T10:00'),
          data: {},
        },
      ],
    });
    expect(gas.status).toBe(202);
    // Telecom: an urban fault restored after 50 hours (48 allowed): 50 yuan, and upgraded (fault.warning 50).
    const tel = await call('ingest', 'POST', '/v1/events', {
      events: [
        {
          id: `${p}-t1`,
          type: 'fault.reported',
          subjectId: `${p}T`,
          occurredAt: at('2026-11-10T08:00'),
          data: { departmentId: TEL, kind: 'urban' },
        },
        {
          id: `${p}-t2`,
          type: 'fault.restored',
          subjectId: `${p}T`,
          occurredAt: at('2026-11-12T10:00'),
          data: {},
        },
      ],
    });
    expect(tel.status).toBe(202);
    const rows = await eventually(
      () => engine.ledger(p),
      (all) =>
        all.some((r) => r.subject_id === `${p}G`) && all.filter((r) => r.subject_id === `${p}T`).length >= 2,
    );
    const fines = await engine.runtime.db
      .selectFrom('ledger_entries')
      .select(['subject_id', 'rule', 'amount_fen', 'policy_version'])
      .where('subject_id', 'in', [`${p}G`, `${p}T`])
      .orderBy('subject_id')
      .orderBy('rule')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(fines).toEqual([
      {
        subject_id: `${p}G`,
        rule: 'fault.repair.late',
        amount_fen: 30_000,
        policy_version: 'gas-utility-2020',
      },
      { subject_id: `${p}T`, rule: 'fault.repair.late', amount_fen: 5_000, policy_version: 'fuling-2012' },
      { subject_id: `${p}T`, rule: 'fault.warning', amount_fen: 5_000, policy_version: 'fuling-2012' },
    ]);

    // The gas pack's own exemption cause is accepted for the gas fault...
    const gasCause = await call('ingest', 'POST', '/v1/events', {
      id: `${p}-g3`,
      type: 'fault.exemption_approved',
      subjectId: `${p}G`,
      occurredAt: at('2026-11-20T11:00'),
      data: {
        from: at('2026-11-20T09:10'),
        to: at('2026-11-20T09:40'),
        cause: 'road_blocked',
        approvedBy: 'OPS-1',
      },
    });
    expect(gasCause.status).toBe(202);
    // ...and refused for the telecom fault, naming the causes its pack allows; likewise a gas kind.
    const telCause = await call('ingest', 'POST', '/v1/events', {
      id: `${p}-t3`,
      type: 'fault.exemption_approved',
      subjectId: `${p}T`,
      occurredAt: at('2026-11-12T11:00'),
      data: {
        from: at('2026-11-11T00:00'),
        to: at('2026-11-11T06:00'),
        cause: 'road_blocked',
        approvedBy: 'OPS-1',
      },
    });
    expect(telCause.status).toBe(400);
    expect(telCause.body.errors).toEqual([
      {
        path: 'data.cause',
        message:
          'road_blocked is not one of the exemption causes of policy fuling-2012 (known: user, equipment, cable_cut, cable_theft, network, force_majeure)',
      },
    ]);
    const telKind = await call('ingest', 'POST', '/v1/events', {
      id: `${p}-t4`,
      type: 'fault.reported',
      subjectId: `${p}T2`,
      occurredAt: at('2026-11-20T09:00'),
      data: { departmentId: TEL, kind: 'emergency' },
    });
    expect(telKind.status).toBe(400);
    expect(telKind.body.errors[0].message).toMatch(
      /emergency is not one of the fault kinds of policy fuling-2012 \(known: rural, urban\)/,
    );

    // With the 30 minutes exempted, the gas crew was on time after all: the 300 yuan is reversed.
    await eventually(
      () => engine.ledger(`${p}G`),
      (all) => all.reduce((sum, r) => sum + r.amount_fen, 0) === 0 && all.length === 2,
    );
  });

  it("a complaint's class criteria are its pack's: the gas pack's accepted for gas, refused for telecom", async () => {
    const complaint = (dept: string, subject: string) => ({
      id: `${subject}-r`,
      type: 'complaint.received',
      subjectId: subject,
      occurredAt: at('2026-11-21T09:00'),
      data: { departmentId: dept },
    });
    const ruling = (subject: string) => ({
      id: `${subject}-e`,
      type: 'complaint.responsibility_set',
      subjectId: subject,
      occurredAt: at('2026-11-21T10:00'),
      data: { responsibility: 'enterprise', criteria: ['safety_incident'] },
    });
    expect((await call('ingest', 'POST', '/v1/events', { events: [complaint(GAS, `${p}GC`)] })).status).toBe(
      202,
    );
    expect((await call('ingest', 'POST', '/v1/events', { events: [complaint(TEL, `${p}TC`)] })).status).toBe(
      202,
    );
    await eventually(
      async () =>
        (await call('finance', 'GET', `/v1/complaints/${p}TC`)).status === 200 &&
        (await call('finance', 'GET', `/v1/complaints/${p}GC`)).status === 200,
      (ready) => ready,
    );
    expect((await call('ingest', 'POST', '/v1/events', ruling(`${p}GC`))).status).toBe(202);
    const tel = await call('ingest', 'POST', '/v1/events', ruling(`${p}TC`));
    expect(tel.status).toBe(400);
    expect(tel.body.errors[0]).toMatchObject({ path: 'data.criteria[0]' });
    expect(tel.body.errors[0].message).toMatch(
      /safety_incident is not one of the criteria of policy fuling-2012 \(known: /,
    );
  });

  it("quotas are those of the department's pack", async () => {
    const gasQuota = await call('finance', 'PUT', `/v1/quotas/${GAS}/2026-11`, { class4: 3 });
    expect(gasQuota.status).toBe(400);
    expect(gasQuota.body.errors).toEqual([
      { path: 'class4', message: "not a quota of the department's policy (its quotas: none)" },
    ]);
    expect((await call('finance', 'PUT', `/v1/quotas/${TEL}/2026-11`, { class4: 3 })).status).toBe(200);
    expect((await call('finance', 'GET', `/v1/quotas/${GAS}/2026-11`)).body.items).toEqual([]);
  });

  it('a what-if of one family re-judges only the departments that family judges', async () => {
    const targets = (await subjectsOfPeriod(engine.runtime.db, '2026-11', 'Asia/Shanghai')).filter(
      (t) => t.kind === 'fault' && t.id.startsWith(p),
    );
    expect(targets.map((t) => t.id).sort()).toEqual([`${p}G`, `${p}T`]);
    const gas = await replay(engine.runtime.db, engine.runtime.policies.all(), targets, {
      policyVersion: 'gas-utility-2020',
      now: engine.now(),
    });
    expect(gas.subjects).toBe(1);
    const tel = await replay(engine.runtime.db, engine.runtime.policies.all(), targets, {
      policyVersion: 'fuling-2012',
      now: engine.now(),
    });
    expect(tel).toMatchObject({ subjects: 1, differences: [], liveFen: 10_000, replayFen: 10_000 });
  });
});
