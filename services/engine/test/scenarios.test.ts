import { putPolicyVersion } from '@engine/db';
import { fuling2012Policy } from '@engine/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, lines, net, startTestEngine, type TestEngine, uid } from './support.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
  await engine.runtime.db
    .insertInto('departments')
    .values([{ id: 'D-NORTH', name: 'North', manager_id: 'M-7' }])
    .execute();
  await engine.runtime.db
    .insertInto('halls')
    .values([{ id: 'H-1', department_id: 'D-NORTH', name: 'Hall 1', head_id: null }])
    .execute();
});
afterAll(async () => {
  await engine.stop();
});

const at = (local: string) => `${local}:00+08:00`;
const ev = (id: string, type: string, subjectId: string, local: string, data: object = {}) => ({
  id,
  type,
  subjectId,
  occurredAt: at(local),
  data,
});
const miit = (prior: boolean, intercepted: boolean, controlLevel = 1) => ({
  body: 'miit_appeal',
  controlLevel,
  priorComplaintToDepartment: prior,
  interceptionAttempted: intercepted,
});

async function postAll(events: object[]) {
  const response = await engine.post({ events });
  expect(response.status, await response.clone().text()).toBe(202);
}

/** Waits until the subject's events are applied and its ledger has settled on `expected`. */
async function ledgerOf(prefix: string, expected: Record<string, number>) {
  const rows = await eventually(
    () => engine.ledger(prefix),
    (rows) => JSON.stringify(net(rows, prefix)) === JSON.stringify(expected),
  );
  return rows;
}

describe('end to end, through the HTTP API (RULES.md scenarios)', () => {
  it('an ordinary complaint missing 4 hours, then 10 days, then 3 working days more', async () => {
    const p = uid('S1');
    await postAll([
      ev(`${p}-1`, 'complaint.received', `${p}C`, '2026-11-02T09:00', {
        departmentId: 'D-NORTH',
        channel: 'hotline',
      }),
    ]);
    const rows = await ledgerOf(p, {
      'C complaint.ordinary': 100,
      'C complaint.warning': 50,
      'C sla.first_response.late': 50,
      'C sla.resolution.late': 100,
    });
    expect(rows.every((r) => r.reversal_of === null)).toBe(true);
    const status = await fetch(`${engine.url}/v1/events/${p}-1`, {
      headers: { authorization: `Bearer ${engine.keys.ingest}` },
    });
    expect(await status.json()).toEqual({ id: `${p}-1`, status: 'applied' });
  });

  it('over-level via the ministry: 100 after an unintercepted prior complaint, plus the personal fines', async () => {
    const p = uid('S2');
    await postAll([
      ev(`${p}-1`, 'complaint.received', `${p}A`, '2026-11-16T09:00', {
        departmentId: 'D-NORTH',
        hallId: 'H-1',
        overLevel: miit(true, false),
      }),
      ev(`${p}-2`, 'complaint.first_replied', `${p}A`, '2026-11-16T10:00'),
      ev(`${p}-3`, 'complaint.resolved', `${p}A`, '2026-11-17T10:00'),
      ev(`${p}-4`, 'complaint.received', `${p}B`, '2026-11-16T09:00', {
        departmentId: 'D-NORTH',
        hallId: 'H-1',
        overLevel: miit(false, false),
      }),
      ev(`${p}-5`, 'complaint.first_replied', `${p}B`, '2026-11-16T10:00'),
      ev(`${p}-6`, 'complaint.resolved', `${p}B`, '2026-11-17T10:00'),
      ev(`${p}-7`, 'complaint.received', `${p}C`, '2026-11-16T09:00', {
        departmentId: 'D-NORTH',
        hallId: 'H-1',
        overLevel: miit(true, true),
      }),
      ev(`${p}-8`, 'complaint.first_replied', `${p}C`, '2026-11-16T10:00'),
      ev(`${p}-9`, 'complaint.resolved', `${p}C`, '2026-11-17T10:00'),
    ]);
    const rows = await ledgerOf(p, {
      'A complaint.over_level': 100,
      'A complaint.over_level.miit_hall_head hall_head': 50,
      'A complaint.over_level.miit_manager manager': 100,
      'B complaint.over_level': 50,
      'B complaint.over_level.miit_hall_head hall_head': 50,
      'B complaint.over_level.miit_manager manager': 100,
      'C complaint.over_level': 50,
      'C complaint.over_level.miit_hall_head hall_head': 50,
      'C complaint.over_level.miit_manager manager': 100,
    });
    expect(lines(rows, p)).toContain('A complaint.over_level.miit_manager 100 manager:M-7');
    expect(lines(rows, p)).toContain('A complaint.over_level.miit_hall_head 50 hall_head:-');
  });

  it("a group customer's over-level complaint takes the strictest clocks and the multiplier", async () => {
    const p = uid('S3');
    await postAll([
      ev(`${p}-1`, 'complaint.received', `${p}G`, '2026-11-16T09:00', {
        departmentId: 'D-NORTH',
        customer: { id: 'ENT-1', group: { tier: 'A' } },
        overLevel: miit(false, true, 2),
      }),
      ev(`${p}-2`, 'complaint.first_replied', `${p}G`, '2026-11-16T09:40'),
    ]);
    await ledgerOf(p, {
      'G complaint.over_level': 100,
      'G complaint.over_level.miit_hall_head hall_head': 50,
      'G complaint.over_level.miit_manager manager': 100,
      'G sla.first_response.late': 50,
      'G sla.resolution.late': 100,
    });
    const clocks = await engine.runtime.db
      .selectFrom('clocks')
      .select(['name', 'deadline'])
      .where('subject_id', '=', `${p}G`)
      .orderBy('name')
      .execute();
    expect(clocks.map((c) => [c.name, c.deadline.toISOString()])).toEqual([
      ['first_response', '2026-11-16T01:30:00.000Z'],
      ['resolution', '2026-11-17T01:00:00.000Z'],
    ]);
  });

  it('a complaint ruled enterprise class 2, then class 4: every change is a reversal and a new entry', async () => {
    const p = uid('S4');
    const base = [
      ev(`${p}-1`, 'complaint.received', `${p}E`, '2026-11-16T09:00', { departmentId: 'D-NORTH' }),
      ev(`${p}-2`, 'complaint.first_replied', `${p}E`, '2026-11-16T10:00'),
      ev(`${p}-3`, 'complaint.resolved', `${p}E`, '2026-11-17T10:00'),
    ];
    await postAll(base);
    await ledgerOf(p, { 'E complaint.ordinary': 100 });
    await postAll([
      ev(`${p}-4`, 'complaint.responsibility_set', `${p}E`, '2026-11-18T10:00', {
        responsibility: 'enterprise',
        criteria: ['provincial_media'],
      }),
    ]);
    await ledgerOf(p, { 'E complaint.class2': 5000 });
    await postAll([
      ev(`${p}-5`, 'complaint.responsibility_set', `${p}E`, '2026-11-19T10:00', {
        responsibility: 'enterprise',
        criteria: [],
      }),
    ]);
    const rows = await ledgerOf(p, { 'E complaint.class4': 100 });
    expect(lines(rows, p)).toEqual([
      'E complaint.ordinary 100',
      'E complaint.ordinary -100',
      'E complaint.class2 5000',
      'E complaint.class2 -5000',
      'E complaint.class4 100',
    ]);
    expect(rows[1]!.reversal_of).toBe(rows[0]!.id);
    expect(rows[3]!.reversal_of).toBe(rows[2]!.id);
  });

  it('class 4 over quota (excessMode double): with a quota of 1, later cases cost 200', async () => {
    const p = uid('S5');
    const department = `D-${p}`;
    await engine.runtime.db
      .insertInto('quotas')
      .values({ department_id: department, period: '2026-10', assessment: 'class4', quota: 1 })
      .execute();
    const complaint = (n: number, day: string) => [
      ev(`${p}-${n}a`, 'complaint.received', `${p}K${n}`, `2026-10-${day}T09:00`, {
        departmentId: department,
      }),
      ev(`${p}-${n}b`, 'complaint.first_replied', `${p}K${n}`, `2026-10-${day}T10:00`),
      ev(`${p}-${n}c`, 'complaint.resolved', `${p}K${n}`, `2026-10-${day}T11:00`),
      ev(`${p}-${n}d`, 'complaint.responsibility_set', `${p}K${n}`, `2026-10-${day}T12:00`, {
        responsibility: 'enterprise',
      }),
    ];
    // Posted out of order: the third case first. Quota positions follow dispatch, not arrival.
    await postAll(complaint(3, '20'));
    await postAll([...complaint(2, '12'), ...complaint(1, '05')]);
    await ledgerOf(p, { 'K1 complaint.class4': 100, 'K2 complaint.class4': 200, 'K3 complaint.class4': 200 });
  });

  it('class 4 over quota (excessMode progressive, a pack in force in January 2025): 100, 200, 400, 800', async () => {
    // A pack version with progressive excess in force for January 2025 only; the default returns in February.
    const progressive = structuredClone(fuling2012Policy.pack);
    progressive.version = `fuling-2025-progressive-${uid('v')}`;
    progressive.effectiveFrom = '2025-01-01';
    progressive.complaints.quotas.class4 = {
      defaultQuota: null,
      withinQuota: 'charged',
      excessMode: 'progressive',
    };
    const back = {
      ...structuredClone(fuling2012Policy.pack),
      version: `fuling-2025-02-${uid('v')}`,
      effectiveFrom: '2025-02-01',
    };
    for (const pack of [progressive, back])
      expect(await putPolicyVersion(engine.runtime.db, pack)).toBe('created');
    await engine.runtime.policies.reload();
    const p = uid('S9');
    const department = `D-${p}`;
    await engine.runtime.db
      .insertInto('quotas')
      .values({ department_id: department, period: '2025-01', assessment: 'class4', quota: 1 })
      .execute();
    const events = [1, 2, 3, 4].flatMap((n) => [
      ev(`${p}-${n}a`, 'complaint.received', `${p}K${n}`, `2025-01-0${n + 5}T09:00`, {
        departmentId: department,
      }),
      ev(`${p}-${n}b`, 'complaint.first_replied', `${p}K${n}`, `2025-01-0${n + 5}T10:00`),
      ev(`${p}-${n}c`, 'complaint.resolved', `${p}K${n}`, `2025-01-0${n + 5}T11:00`),
      ev(`${p}-${n}d`, 'complaint.responsibility_set', `${p}K${n}`, `2025-01-0${n + 5}T12:00`, {
        responsibility: 'enterprise',
      }),
    ]);
    await postAll(events.reverse());
    const rows = await ledgerOf(p, {
      'K1 complaint.class4': 100,
      'K2 complaint.class4': 200,
      'K3 complaint.class4': 400,
      'K4 complaint.class4': 800,
    });
    const versions = await engine.runtime.db
      .selectFrom('ledger_entries')
      .select('policy_version')
      .distinct()
      .where('subject_id', 'like', `${p}%`)
      .execute();
    expect(versions).toEqual([{ policy_version: progressive.version }]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it('a fault restored late, then an approved exemption: its fines are reversed', async () => {
    const p = uid('S6');
    await postAll([
      ev(`${p}-1`, 'fault.reported', `${p}F`, '2026-11-10T08:00', { departmentId: 'D-NORTH', kind: 'urban' }),
      ev(`${p}-2`, 'fault.restored', `${p}F`, '2026-11-12T11:00'),
    ]);
    await ledgerOf(p, { 'F fault.repair.late': 50, 'F fault.warning': 50 });
    // API.md: the fault view shows its upgrade (RULES.md 2.3: overdue), as the complaint view does.
    const view = await (
      await fetch(`${engine.url}/v1/faults/${p}F`, {
        headers: { authorization: `Bearer ${engine.keys.manager}` },
      })
    ).json();
    expect(view).toMatchObject({
      upgraded: true,
      upgrade: { reason: 'overdue', at: '2026-11-12T08:00:00+08:00' },
    });
    await postAll([
      ev(`${p}-3`, 'fault.exemption_approved', `${p}F`, '2026-11-13T10:00', {
        from: at('2026-11-11T00:00'),
        to: at('2026-11-11T06:00'),
        cause: 'cable_cut',
        approvedBy: 'OPS-1',
      }),
    ]);
    const rows = await ledgerOf(p, {});
    expect(rows.map((r) => r.amount_fen)).toEqual([5000, 5000, -5000, -5000]);
  });

  it('two dispatches of one complaint at one instant: one department for the view and the fines, whatever the arrival order', async () => {
    const p = uid('TIE');
    const received = (n: string, subject: string, departmentId: string) =>
      ev(`${p}-${n}`, 'complaint.received', `${p}${subject}`, '2026-11-15T10:00', {
        departmentId,
        channel: 'hotline',
      });
    // Reading 19: at one instant, by event id: "-a" (D-EAST) opens both, arrived first or last.
    await postAll([received('b1', 'X', 'D-WEST'), received('a1', 'X', 'D-EAST')]);
    await postAll([received('a2', 'Y', 'D-EAST')]);
    await eventually(
      () => engine.ledger(`${p}Y`),
      (rows) => rows.some((r) => r.rule === 'complaint.ordinary'),
    );
    await postAll([received('b2', 'Y', 'D-WEST')]);
    // Z: D-WEST's dispatch applied alone first, then D-EAST's: the subject moves, b3 is no longer applied.
    await postAll([received('b3', 'Z', 'D-WEST')]);
    await eventually(
      () => engine.ledger(`${p}Z`),
      (rows) => rows.some((r) => r.rule === 'complaint.ordinary'),
    );
    await postAll([received('a3', 'Z', 'D-EAST')]);
    for (const [subject, n] of [
      ['X', 1],
      ['Y', 2],
      ['Z', 3],
    ] as const) {
      const view = await eventually(
        async () =>
          (await fetch(`${engine.url}/v1/complaints/${p}${subject}`, {
            headers: { authorization: `Bearer ${engine.keys.manager}` },
          }).then((r) => r.json())) as { departmentId: string; events: { id: string; status: string }[] },
        (v) => v.events?.length === 2 && v.events.every((e) => e.status !== 'pending'),
      );
      expect([subject, view.departmentId]).toEqual([subject, 'D-EAST']);
      expect(Object.fromEntries(view.events.map((e) => [e.id.slice(p.length), e.status]))).toEqual({
        [`-a${n}`]: 'applied',
        [`-b${n}`]: 'failed',
      });
      // What stands after reversals is charged to D-EAST alone.
      const standing = await eventually(
        () => engine.ledger(`${p}${subject}`),
        (rows) => {
          const reversed = new Set(rows.map((r) => r.reversal_of));
          return rows
            .filter((r) => r.reversal_of === null && !reversed.has(r.id))
            .every((r) => r.department_id === 'D-EAST');
        },
      );
      expect(standing.some((r) => r.department_id === 'D-EAST')).toBe(true);
    }
  });

  it('a repeat that arrives before its original is upgraded once the original arrives', async () => {
    const p = uid('S10');
    await postAll([
      ev(`${p}-2`, 'complaint.received', `${p}R`, '2026-11-20T09:00', {
        departmentId: 'D-NORTH',
        repeatOf: `${p}O`,
      }),
      ev(`${p}-3`, 'complaint.first_replied', `${p}R`, '2026-11-20T09:30'),
    ]);
    await ledgerOf(p, { 'R complaint.ordinary': 100 });
    await postAll([
      ev(`${p}-1`, 'complaint.received', `${p}O`, '2026-11-10T09:00', { departmentId: 'D-NORTH' }),
      ev(`${p}-4`, 'complaint.first_replied', `${p}O`, '2026-11-10T09:30'),
      ev(`${p}-5`, 'complaint.resolved', `${p}O`, '2026-11-11T09:30'),
    ]);
    await ledgerOf(p, {
      'O complaint.ordinary': 100,
      'R complaint.ordinary': 100,
      'R complaint.warning': 50,
    });
  });

  it('a complaint dispatched a few seconds ahead of the engine clock is applied when that moment comes', async () => {
    const p = uid('S11');
    const response = await engine.post({
      id: `${p}-1`,
      type: 'complaint.received',
      subjectId: `${p}F`,
      occurredAt: new Date(engine.now().getTime() + 2_000).toISOString(),
      data: { departmentId: 'D-NORTH' },
    });
    expect(response.status).toBe(202);
    await ledgerOf(p, { 'F complaint.ordinary': 100 });
  });

  it('callbacks: late costs 20, on time nothing', async () => {
    const p = uid('S7');
    await postAll([
      ev(`${p}-1`, 'callback.opened', `${p}L`, '2026-11-10T09:00', {
        kind: 'complaint',
        departmentId: 'D-NORTH',
      }),
      ev(`${p}-2`, 'callback.completed', `${p}L`, '2026-11-13T09:00'),
      ev(`${p}-3`, 'callback.opened', `${p}T`, '2026-11-10T09:00', {
        kind: 'complaint',
        departmentId: 'D-NORTH',
      }),
      ev(`${p}-4`, 'callback.completed', `${p}T`, '2026-11-12T23:00'),
    ]);
    await ledgerOf(p, { 'L callback.late': 20 });
    const applied = await eventually(
      () =>
        engine.runtime.db.selectFrom('events').select('status').where('id', '=', `${p}-4`).executeTakeFirst(),
      (row) => row?.status === 'applied',
    );
    expect(applied?.status).toBe('applied');
  });

  it("a person's sixth window finding of the year: 50 x 2^(n-1) each, and one suspension signal (RULES.md 7)", async () => {
    const p = uid('S8');
    const person = `P-${p}`;
    // Posted newest first: ranks follow the recording instant, not the arrival.
    const findings = [7, 6, 5, 4, 3, 2, 1].map((n) =>
      ev(`${p}-${n}`, 'finding.recorded', `${p}W${n}`, `2026-0${n}-10T10:00`, {
        rule: 'window.finding',
        departmentId: 'D-NORTH',
        hallId: 'H-1',
        personId: person,
      }),
    );
    await postAll(findings);
    await ledgerOf(p, {
      'W1 window.finding staff': 50,
      'W2 window.finding staff': 100,
      'W3 window.finding staff': 200,
      'W4 window.finding staff': 400,
      'W5 window.finding staff': 800,
      'W6 window.finding staff': 1600,
      'W7 window.finding staff': 3200,
    });
    // An eighth, later in the year: the person is suspended already, no second signal.
    await postAll([
      ev(`${p}-8`, 'finding.recorded', `${p}W8`, '2026-08-10T10:00', {
        rule: 'window.finding',
        departmentId: 'D-NORTH',
        personId: person,
      }),
    ]);
    await ledgerOf(p, {
      'W1 window.finding staff': 50,
      'W2 window.finding staff': 100,
      'W3 window.finding staff': 200,
      'W4 window.finding staff': 400,
      'W5 window.finding staff': 800,
      'W6 window.finding staff': 1600,
      'W7 window.finding staff': 3200,
      'W8 window.finding staff': 6400,
    });
    // Findings are ranked as they are stored, so which one first crossed the limit may vary: one signal all the same.
    const suspensions = await engine.runtime.db
      .selectFrom('signals')
      .select(['subject_kind', 'subject_id', 'key'])
      .where('kind', '=', 'suspension')
      .where((eb) => eb.or([eb('subject_id', 'like', `${p}%`), eb('subject_id', '=', person)]))
      .execute();
    expect(suspensions).toEqual([
      {
        subject_kind: 'person',
        subject_id: person,
        key: `suspension:${person}:2026`,
      },
    ]);

    // API.md: the person's year, and one finding, as a manager sees them.
    const get = async (path: string) =>
      (
        await fetch(`${engine.url}${path}`, { headers: { authorization: `Bearer ${engine.keys.manager}` } })
      ).json();
    const year = (await get(`/v1/people/${person}?year=2026`)) as {
      findings: { id: string; rankInYear: number; fineFen: number }[];
    };
    expect(year).toMatchObject({
      personId: person,
      year: 2026,
      suspended: true,
      suspendedSince: '2026-06-10T10:00:00+08:00',
      totalFen: 1_275_000,
    });
    expect(
      year.findings.map((f: { id: string; rankInYear: number; fineFen: number }) => [
        f.id,
        f.rankInYear,
        f.fineFen,
      ]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`${p}W${n}`, n, 5_000 * 2 ** (n - 1)]));
    expect(await get(`/v1/people/${person}?year=2025`)).toMatchObject({ status: 404 });
    const finding = (await get(`/v1/findings/${p}W6`)) as { fines: { amountFen: number }[] };
    expect(finding).toMatchObject({
      id: `${p}W6`,
      rule: 'window.finding',
      personId: person,
      rankInYear: 6,
      suspends: true,
      recordedAt: '2026-06-10T10:00:00+08:00',
    });
    // Re-priced as earlier findings arrived (reversals included): 1,600 yuan net.
    expect(finding.fines.reduce((sum, e) => sum + e.amountFen, 0)).toBe(160_000);
  });
});
