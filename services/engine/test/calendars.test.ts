import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { putPolicyVersion } from '@engine/db';
import { fuling2012Policy } from '@engine/domain';
import { checkCalendarCoverage } from '@engine/use-cases';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, net, receiver, startTestEngine, type TestEngine, uid } from './support.ts';

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field in assertions
type Json = any;

const at = (local: string) => `${local}:00+08:00`;
const ev = (id: string, type: string, subjectId: string, local: string, data: object = {}) => ({
  id,
  type,
  subjectId,
  occurredAt: at(local),
  data,
});

/** RULES.md 2.2: an over-level complaint (the ministry, control level 1), answered within the hour, resolved 5/5 20:00. */
function overLevelComplaint(p: string) {
  return [
    ev(`${p}-1`, 'complaint.received', `${p}C`, '2023-04-26T10:00', {
      departmentId: 'D-NORTH',
      channel: 'hotline',
      overLevel: {
        body: 'miit_appeal',
        controlLevel: 1,
        priorComplaintToDepartment: true,
        interceptionAttempted: false,
      },
    }),
    ev(`${p}-2`, 'complaint.first_replied', `${p}C`, '2023-04-26T10:30'),
    ev(`${p}-3`, 'complaint.resolved', `${p}C`, '2023-05-05T20:00'),
  ];
}

/** The official 2023 arrangement, as an admin stores it (cross-checked against chinese-days in calendar-ics.test.ts). */
const official2023 = {
  source: '国务院办公厅关于2023年部分节假日安排的通知 (国办发明电〔2022〕16号)',
  holidays: [
    { from: '2023-01-01', to: '2023-01-02' },
    { from: '2023-01-21', to: '2023-01-27' },
    '2023-04-05',
    { from: '2023-04-29', to: '2023-05-03' },
    { from: '2023-06-22', to: '2023-06-24' },
    { from: '2023-09-29', to: '2023-10-06' },
  ],
  workdays: [
    '2023-01-28',
    '2023-01-29',
    '2023-04-23',
    '2023-05-06',
    '2023-06-25',
    '2023-10-07',
    '2023-10-08',
  ],
};

async function api(
  engine: TestEngine,
  role: 'admin' | 'manager',
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${engine.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${engine.keys[role]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const resolutionClock = async (engine: TestEngine, complaintId: string) => {
  const view = await api(engine, 'manager', 'GET', `/v1/complaints/${complaintId}`);
  return (view.body.clocks as Json[] | undefined)?.find((c) => c.name === 'resolution');
};

describe('calendars as data, and no stop at a year without official data (pack default: provisional)', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(() => engine.stop());

  it('a 2023 over-level complaint breaches provisionally; storing the official 2023 arrangement meets it and reverses the fine', async () => {
    const hook = await receiver();
    const subscribed = await fetch(`${engine.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: hook.url, secret: 'a-long-shared-secret', kinds: ['breach'] }),
    });
    expect(subscribed.status).toBe(201);
    const p = uid('CAL');
    expect((await engine.post({ events: overLevelComplaint(p) })).status).toBe(202);
    await eventually(
      () => engine.ledger(p),
      (rows) => net(rows, p)['C sla.resolution.late'] === 100,
    );
    const provisional = await resolutionClock(engine, `${p}C`);
    expect(provisional).toMatchObject({
      deadline: '2023-05-05T10:00:00+08:00',
      state: 'breached',
      provisional: true,
      provisionalYears: [2023],
    });
    // The duty manager's tool hears the breach was counted on a provisional year.
    const delivered = await eventually(
      async () => hook.received.map((r) => JSON.parse(r.body)).find((b) => b.key === 'breach:resolution'),
      (body) => body !== undefined,
    );
    expect(delivered).toMatchObject({ subjectId: `${p}C`, provisional: true, provisionalYears: [2023] });
    hook.server.close();
    const listed = await api(engine, 'manager', 'GET', '/v1/calendars');
    const year2023 = listed.body.items[0].years.find((y: { year: number }) => y.year === 2023);
    expect(year2023).toMatchObject({ status: 'provisional', subjectsCounting: 1 });
    expect(year2023.holidays).toContainEqual({ from: '2023-05-01', to: '2023-05-02' });

    const stored = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/2023', official2023);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      year: 2023,
      status: 'official',
      revision: 1,
      storedBy: 'admin',
      reevaluating: 1,
    });

    const startedAt = Date.now();
    const met = await eventually(
      () => resolutionClock(engine, `${p}C`),
      (clock) => clock?.state === 'met',
      10_000,
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(met).toMatchObject({
      deadline: '2023-05-06T10:00:00+08:00',
      stoppedAt: '2023-05-05T20:00:00+08:00',
    });
    expect(met).not.toHaveProperty('provisional');
    expect(met).not.toHaveProperty('provisionalYears');
    const rows = await eventually(
      () => engine.ledger(p),
      (rows) => net(rows, p)['C sla.resolution.late'] === undefined,
    );
    const late = rows.filter((r) => r.rule === 'sla.resolution.late');
    expect(late.map((r) => r.amount_fen)).toEqual([10_000, -10_000]);
    expect(late[1]!.reversal_of).toBe(late[0]!.id);
  });

  it('shows each year with its status, source and who stored it; a replaced year stays readable as history', async () => {
    const again = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/2023', {
      ...official2023,
      source: 'the same notice, stored again',
    });
    expect(again.body.revision).toBe(2);
    // A retry of the same arrangement changes nothing.
    const retried = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/2023', {
      ...official2023,
      source: 'the same notice, stored again',
    });
    expect(retried.body).toMatchObject({ revision: 2, reevaluating: 0 });
    const calendar = await api(engine, 'manager', 'GET', '/v1/calendars/cn-mainland');
    expect(calendar.status).toBe(200);
    const years = calendar.body.years as Json[];
    expect(years.map((y) => `${y.year} ${y.status}`)).toEqual(
      expect.arrayContaining([
        '2023 official',
        '2024 official',
        '2025 official',
        '2026 official',
        '2027 provisional',
      ]),
    );
    expect(years.find((y) => y.year === 2024)).toMatchObject({ storedBy: 'shipped file', revision: 1 });
    expect(years.find((y) => y.year === 2023)).toMatchObject({
      revision: 2,
      source: 'the same notice, stored again',
    });
    expect(years.find((y) => y.year === 2027)).toMatchObject({
      workdays: [],
      holidays: expect.arrayContaining(['2027-01-01', { from: '2027-05-01', to: '2027-05-02' }]),
    });
    expect(calendar.body.history).toEqual([
      expect.objectContaining({ year: 2023, revision: 1, storedBy: 'admin', source: official2023.source }),
    ]);
    expect(calendar.body.officialDaysLeft).toBeGreaterThanOrEqual(0);
    expect((await api(engine, 'manager', 'GET', '/v1/calendars/atlantis')).status).toBe(404);
  });

  it('refuses a bad year whole, naming every problem, and stores nothing of it', async () => {
    const bad = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/2027', {
      source: 'guess',
      holidays: ['2026-12-31', { from: '2027-02-11', to: '2027-02-05' }, '2027-05-01'],
      workdays: ['2027-04-26', '2027-05-01'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'holidays[0]', message: '2026-12-31 is not a date of 2027' },
      { path: 'holidays[1]', message: 'the range 2027-02-11/2027-02-05 ends before it starts' },
      {
        path: 'workdays[0]',
        message: '2027-04-26 is not a weekend day, so it cannot be a make-up working day',
      },
      {
        path: 'workdays[1]',
        message: '2027-05-01 is also listed as a holiday; a day is either off or working',
      },
    ]);
    const badYear = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/27', official2023);
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.year']);
    const zeroYear = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/0027', official2023);
    expect(zeroYear.body.errors).toEqual([
      { path: 'params.year', message: '27 is not a year a calendar keeps (1901-2099)' },
    ]);
    const shape = await api(engine, 'admin', 'PUT', '/v1/calendars/cn-mainland/years/2027', {
      holidays: 'x',
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { path: string }) => e.path)).toEqual(['holidays', 'source']);
    expect(
      (await api(engine, 'manager', 'PUT', '/v1/calendars/cn-mainland/years/2027', official2023)).status,
    ).toBe(403);
    const calendar = await api(engine, 'manager', 'GET', '/v1/calendars/cn-mainland');
    expect(calendar.body.years.find((y: { year: number }) => y.year === 2027).status).toBe('provisional');
  });

  it('/metrics tells the days of official data left, as the calendar list does', async () => {
    const text = await (await fetch(`${engine.url}/metrics`)).text();
    const seconds = /engine_calendar_official_data_left_seconds\{calendar="cn-mainland"\} (\d+)/.exec(
      text,
    )?.[1];
    const days = Number(seconds) / 86_400;
    const listed = await api(engine, 'manager', 'GET', '/v1/calendars');
    expect(days).toBe(listed.body.items[0].officialDaysLeft);
  });

  it('warns under 60 days, and signals calendar.expiring to webhooks once a day under 45', async () => {
    const logged: { level: number; msg: string; daysLeft?: number }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const { db, producer } = engine.runtime;
    // The running sla-timer checks too, at today's real date: look only at the days checked here.
    const signalsOn = (...days: string[]) =>
      db
        .selectFrom('signals')
        .selectAll()
        .where('kind', '=', 'calendar.expiring')
        .where(
          'key',
          'in',
          days.map((day) => `expiring:${day}`),
        )
        .orderBy('id')
        .execute();

    // 1 November 2026: 61 days of official data left (2026 is the last official year here).
    await checkCalendarCoverage(db, producer, log, new Date('2026-11-01T09:00:00+08:00'));
    expect(logged).toEqual([]);
    expect(await signalsOn('2026-11-01')).toEqual([]);
    // 20 December 2026: 12 days left, under both thresholds; checked twice that day.
    await checkCalendarCoverage(db, producer, log, new Date('2026-12-20T09:00:00+08:00'));
    await checkCalendarCoverage(db, producer, log, new Date('2026-12-20T15:00:00+08:00'));
    expect(logged.map((l) => [l.level, l.daysLeft])).toEqual([
      [40, 12],
      [40, 12],
    ]);
    expect(logged[0]!.msg).toMatch(/deadlines in 2027 are counted provisionally/);
    const recorded = await signalsOn('2026-12-20');
    expect(recorded.map((s) => [s.subject_id, s.key])).toEqual([['cn-mainland', 'expiring:2026-12-20']]);
    expect(recorded[0]!.detail).toMatchObject({ daysLeft: 12, nextYear: 2027 });
    await checkCalendarCoverage(db, producer, log, new Date('2026-12-21T09:00:00+08:00'));
    expect((await signalsOn('2026-12-20', '2026-12-21')).map((s) => s.key)).toEqual([
      'expiring:2026-12-20',
      'expiring:2026-12-21',
    ]);
  });
});

describe('a pack that refuses to count a year without official data (calendar.missingYear: refuse)', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
    // Judges complaints dispatched from 2023 on; the engine has no 2023 data yet.
    await putPolicyVersion(engine.runtime.db, {
      ...fuling2012Policy.pack,
      version: 'fuling-2023-refuse',
      effectiveFrom: '2023-01-01',
      calendar: { id: 'cn-mainland', missingYear: 'refuse' },
    });
    await engine.runtime.policies.reload();
  });
  afterAll(() => engine.stop());

  it('fails the complaint loudly, then applies it once the year is imported from an .ics feed with the CLI', async () => {
    const p = uid('REF');
    expect((await engine.post({ events: overLevelComplaint(p) })).status).toBe(202);
    const failed = await eventually(
      () => api(engine, 'admin', 'GET', `/v1/events/${p}-1`),
      (r) => r.body.status === 'failed',
    );
    expect(failed.body.error).toMatch(/no holiday data for 2023/);
    expect(await engine.ledger(p)).toEqual([]);

    const feed = fileURLToPath(
      new URL('../../../node_modules/chinese-days/dist/years/2023.ics', import.meta.url),
    );
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const { config } = engine.runtime;
    const env = {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      LOG_LEVEL: 'silent',
    };
    const run = promisify(execFile);
    const imported = await run(process.execPath, [cli, 'calendar', 'import', feed], { env });
    expect(imported.stdout).toMatch(
      /^stored 2023 in cn-mainland \(revision 1\): 26 days off, 7 make-up working days; 中国节假日 \(2023\.ics\)$/m,
    );
    expect(imported.stdout).toMatch(/^1 subject that counted on it is being evaluated again$/m);

    const applied = await eventually(
      () => api(engine, 'admin', 'GET', `/v1/events/${p}-1`),
      (r) => r.body.status === 'applied',
      10_000,
    );
    expect(applied.body.status).toBe('applied');
    expect(await resolutionClock(engine, `${p}C`)).toMatchObject({
      deadline: '2023-05-06T10:00:00+08:00',
      state: 'met',
    });
    const shown = await run(process.execPath, [cli, 'calendar', 'show'], { env });
    expect(shown.stdout).toMatch(
      /2023 {2}official {5}26 days off, 7 make-up days; revision 1, stored by engine\.sh/,
    );

    // A mistake is one clear line and exit code 2, not a stack trace.
    const missing = await run(process.execPath, [cli, 'calendar', 'import', '/nonexistent.ics'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(missing).toMatchObject({ code: 2, stderr: 'cannot read /nonexistent.ics: no such file\n' });
  });
});
