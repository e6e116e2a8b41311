import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, ensureDatabase } from '@engine/db';
import { replay, subjectsOfPeriod } from '@engine/use-cases';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

// The operator's command line as an operator runs it: a process of its own (services/engine/src/cli.ts,
// what scripts/engine.sh and the container image run), on a database of its own.
// Each command is a Node process of its own, a few seconds each on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });
const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = randomBytes(4).toString('hex');
const databaseUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `${url.pathname}_cli_${run}`;
  return url.toString();
})();
const settings = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: inject('redisUrl'),
  QUEUE_PREFIX: `${inject('queuePrefix')}-cli${run}`,
  LOG_LEVEL: 'silent',
};

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['services/engine/src/cli.ts', ...args],
      { cwd: root, env: { ...process.env, ...settings, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A clean error: one line (or one per listed item), never a stack trace. */
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

afterAll(async () => {
  await dropDatabase(databaseUrl);
});

describe('help', () => {
  it('--help and -h list every command and exit 0', async () => {
    const [long, short] = await Promise.all([cli(['--help']), cli(['-h'])]);
    for (const ran of [long, short]) {
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('Usage: engine.sh');
      for (const command of ['keys', 'migrate', 'setup', 'doctor', 'timers', 'periods', 'replay', 'calendar'])
        expect(ran.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(short.stdout).toBe(long.stdout);
  });

  it('each command explains itself with --help', async () => {
    const keys = await cli(['keys', '--help']);
    expect(keys.code).toBe(0);
    expect(keys.stdout).toMatch(/list \[options\]/);
    expect(keys.stdout).toMatch(/create \[options\]/);
    expect(keys.stdout).toMatch(/revoke <id-or-name>/);
    const [close, replayPeriod, create] = await Promise.all([
      cli(['periods', 'close', '--help']),
      cli(['replay', 'period', '-h']),
      cli(['keys', 'create', '--help']),
    ]);
    expect(close).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: engine.sh periods close'),
    });
    expect(replayPeriod.stdout).toContain('ledger summary');
    expect(create.stdout).toContain('--role <role>');
    expect(create.stdout.replace(/\s+/g, ' ')).toContain(
      '(choices: "ingest", "manager", "finance", "admin")',
    );
  });

  it('an unknown command or option is a usage error, exit code 2', async () => {
    const [unknown, option] = await Promise.all([cli(['frobnicate']), cli(['doctor', '--loud'])]);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown command 'frobnicate'"),
    });
    expect(option).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--loud'") });
  });
});

describe('keys', () => {
  it('create prints the key alone on stdout, and warns of a department nobody defined', async () => {
    const made = await cli([
      'keys',
      'create',
      '--role',
      'manager',
      '--name',
      'north desk',
      '--departments',
      'D-NORTH',
    ]);
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toMatch(/^cse_[0-9a-f]{8}_[\w-]+$/);
    expect(made.stderr).toContain('warning: department D-NORTH is not defined');
    expect(made.stderr).toMatch(/created manager key "north desk" \(id [0-9a-f-]{36}\)/);
  });

  it('refuses an empty or repeated --departments, a department named twice, an unknown role', async () => {
    const runs = await Promise.all([
      cli(['keys', 'create', '--role', 'manager', '--departments', '']),
      cli(['keys', 'create', '--role', 'manager', '--departments', 'A', '--departments', 'B']),
      cli(['keys', 'create', '--role', 'finance', '--departments', 'A,B,A']),
      cli(['keys', 'create', '--role', 'boss']),
      cli(['keys', 'create']),
    ]);
    for (const ran of runs) {
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe('');
      noStack(ran.stderr);
    }
    expect(runs.map((r) => r.stderr.split('\n')[0])).toEqual([
      '--departments is empty: name at least one department, or leave it out for all',
      "error: option '--departments <list>' argument 'B' is invalid. give --departments once, as a comma list",
      '--departments names A twice',
      "error: option '--role <role>' argument 'boss' is invalid. Allowed choices are ingest, manager, finance, admin.",
      "error: required option '--role <role>' not specified",
    ]);
  });

  it('list shows id, role, name and prefix; revoke by name, refused when several share it, then by id', async () => {
    const first = await cli(['keys', 'create', '--role', 'finance', '--name', 'finance desk']);
    const second = await cli(['keys', 'create', '--role', 'finance', '--name', 'finance desk']);
    const prefixOf = (key: string) => key.trim().split('_')[1];
    const list = await cli(['keys', 'list']);
    expect(list.code).toBe(0);
    const desks = list.stdout.split('\n').filter((line) => line.includes('finance desk'));
    expect(desks).toHaveLength(2);
    expect(list.stdout).not.toContain(first.stdout.trim());
    expect(list.stdout).toContain(`cse_${prefixOf(first.stdout)}_…`);
    expect(list.stdout).toContain(`cse_${prefixOf(second.stdout)}_…`);

    const ambiguous = await cli(['keys', 'revoke', 'finance desk']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('2 active keys are named "finance desk"; nothing was revoked');
    expect(ambiguous.stderr.split('\n').filter((line) => line.includes('finance desk  ('))).toHaveLength(2);

    const [secondId] = desks.find((line) => line.includes(prefixOf(second.stdout)!))!.split(/\s+/);
    const byId = await cli(['keys', 'revoke', secondId!]);
    expect(byId).toMatchObject({ code: 0, stdout: `revoked finance key "finance desk" (${secondId})\n` });
    const byName = await cli(['keys', 'revoke', 'finance desk']);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(/^revoked finance key "finance desk" \(/);

    const active = await cli(['keys', 'list']);
    expect(active.stdout).not.toContain('finance desk');
    const all = await cli(['keys', 'list', '--all']);
    expect(all.stdout.split('\n').filter((line) => /finance desk .*revoked/.test(line))).toHaveLength(2);
  });

  it('revoke of a name or id no key has is a clean error: one line, exit code 2', async () => {
    for (const what of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const ran = await cli(['keys', 'revoke', what]);
      expect(ran).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `no active key has the id or name "${what}" (engine.sh keys list shows them)\n`,
      });
    }
  });

  it('setup writes a first key per role to files, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-keys-'));
    const first = await cli(['setup', '--keys-dir', dir]);
    expect(first.code).toBe(0);
    // The earlier tests made manager and finance keys: only admin and ingest get a first one.
    expect(first.stdout).toContain(`admin: first key written to ${dir}/admin.key`);
    expect(first.stdout).toContain(`ingest: first key written to ${dir}/ingest.key`);
    expect(first.stdout).toMatch(/manager: 1 active key\(s\) already, none created/);
    expect(first.stdout).not.toMatch(/cse_/);
    const again = await cli(['setup', '--keys-dir', dir]);
    expect(again.stdout).toContain(`admin: key kept in ${dir}/admin.key`);
    expect((await stat(join(dir, 'admin.key'))).mode & 0o777).toBe(0o600);
    await rm(dir, { recursive: true });
  });
});

describe('doctor', () => {
  it('prints a line per check, ok, warn or fail; exit code 1 only when one fails', async () => {
    const ran = await cli(['doctor']);
    const checks = ran.stdout.trim().split('\n');
    for (const line of checks) expect(line).toMatch(/^(ok|warn|fail)\s{2,}\S/);
    const names = checks.map((line) => line.slice(6).split(/\s{2,}/)[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'postgres',
        'redis',
        'redis eviction',
        'redis persistence',
        'migrations',
        'calendar cn-mainland',
        'events',
        'webhooks',
        'queue events',
        'queue timers',
        'queue notifications',
      ]),
    );
    expect(checks.find((line) => line.includes('migrations'))).toMatch(/^ok\s+migrations\s+current$/);
    expect(ran.code).toBe(checks.some((line) => line.startsWith('fail')) ? 1 : 0);

    // The containers' health check: the connections and Redis's settings only.
    const reachable = await cli(['doctor', '--reachable']);
    expect(
      reachable.stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(6).split(/\s{2,}/)[0]),
    ).toEqual(['postgres', 'redis', 'redis eviction', 'redis persistence']);
  });

  it('fails on a database not migrated, and on a Postgres it cannot reach', async () => {
    const fresh = new URL(databaseUrl);
    fresh.pathname = `${fresh.pathname}_empty`;
    await ensureDatabase(fresh.toString());
    try {
      const pending = await cli(['doctor'], { DATABASE_URL: fresh.toString() });
      expect(pending.code).toBe(1);
      expect(pending.stdout).toMatch(
        /^fail\s+migrations\s+\d+ not applied \(0001_initial, .*run engine\.sh migrate$/m,
      );
    } finally {
      await dropDatabase(fresh.toString());
    }
    const down = await cli(['doctor'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/engine' });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(
      /^fail\s+postgres\s+cannot reach postgres:\/\/postgres@127\.0\.0\.1:1\/engine: .*ECONNREFUSED/m,
    );
    expect(down.stdout).toMatch(/^ok\s+redis\s+reachable/m);
  });
});

describe('periods close', () => {
  it('closes an ended month once; a month not ended is refused, exit code 2', async () => {
    const closed = await cli(['periods', 'close', '2026-10']);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(
      /^closed 2026-10 at \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\): 0 faults priced as unfinished, \d+ entries posted\n$/,
    );
    const again = await cli(['periods', 'close', '2026-10']);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^2026-10 was already closed/) });
    const future = await cli(['periods', 'close', '2099-01']);
    expect(future).toMatchObject({
      code: 2,
      stderr: '2099-01 has not ended: it ends at 2099-02-01 00:00 (Asia/Shanghai)\n',
    });
    const typo = await cli(['periods', 'close', '2026-13']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('a month is YYYY-MM');
  });
});

describe('replay period and the ledger summary', () => {
  let engine: TestEngine;
  const p = uid('RP');
  const D = `${p}-D`;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  interface Reconciled {
    subjects: number;
    liveFen: number;
    reconciliation: { postedFen: number; periodEndFen: number; fromEarlierFen: number; toLaterFen: number };
  }
  const replayNovember = (...args: string[]) =>
    cli(['replay', 'period', '2026-11', ...args], {
      DATABASE_URL: engine.databaseUrl,
      QUEUE_PREFIX: engine.runtime.config.QUEUE_PREFIX,
    });
  afterAll(async () => {
    await engine.stop();
  });

  it('mean the same month: the fines of its facts, and the summary reconciled from them', async () => {
    // Dispatched on 31 October, never answered: its ordinary fine is October's, its first response
    // and resolution deadlines, missed, November's (RULES.md 8). A November complaint beside it.
    const complaint = (id: string, at: string) => ({
      id: `${p}-${id}`,
      type: 'complaint.received',
      subjectId: `${p}${id}`,
      occurredAt: at,
      data: { departmentId: D, channel: 'hotline' },
    });
    const sent = await engine.post({
      events: [complaint('OCT', '2026-10-31T22:00:00+08:00'), complaint('NOV', '2026-11-10T09:00:00+08:00')],
    });
    expect(sent.status).toBe(202);
    const rows = await eventually(
      () => engine.ledger(p),
      (rows) =>
        ['OCT sla.first_response.late', 'OCT sla.resolution.late', 'NOV sla.first_response.late'].every(
          (line) => rows.some((r) => `${r.subject_id.slice(p.length)} ${r.rule}` === line),
        ),
      60_000, // deadlines, each a timer: on a loaded machine more than the default
    );
    const october = rows.filter((r) => r.subject_id === `${p}OCT`);
    expect(
      october
        .filter((r) => r.period === '2026-11')
        .map((r) => r.rule)
        .sort(),
    ).toEqual(expect.arrayContaining(['sla.first_response.late', 'sla.resolution.late']));
    const finance = engine.client('finance');
    const summaryFen = (await finance.ledgerSummary({ period: '2026-11', groupBy: 'department' })).items.find(
      (i) => i.departmentId === D,
    )!.totalFen;

    // The old way (the subjects opened in the month, all their fines) missed October's complaint's
    // November fines and counted the November complaint's fines of any month.
    const opened = await replay(
      engine.runtime.db,
      engine.runtime.policies.all(),
      await subjectsOfPeriod(engine.runtime.db, '2026-11', 'Asia/Shanghai', D),
      { now: engine.now() },
    );
    expect(opened.liveFen).not.toBe(summaryFen);

    const ran = await replayNovember('--department', D, '--json');
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as Reconciled;
    const november = rows.filter((r) => r.period === '2026-11').reduce((sum, r) => sum + r.amount_fen, 0);
    expect(result.subjects).toBe(2);
    expect(result.liveFen).toBe(november);
    expect(result.reconciliation).toEqual({
      postedFen: summaryFen,
      periodEndFen: 0,
      fromEarlierFen: 0,
      toLaterFen: 0,
    });
    const { liveFen, reconciliation: r } = result;
    expect(liveFen + r.periodEndFen + r.fromEarlierFen - r.toLaterFen).toBe(summaryFen);

    const text = await replayNovember('--department', D);
    const yuan = (summaryFen / 100).toFixed(2);
    expect(text.stdout).toContain(`ledger summary of 2026-11 (entries posted into 2026-11): ${yuan} yuan`);
    expect(text.stdout).toContain(`= fines of 2026-11's facts, as replayed above (live): ${yuan}`);
  });

  it('a correction of a closed month is in the summary of the month it was posted into, and said so', async () => {
    expect((await engine.client('finance').closePeriod('2026-10')).status).toBe('closed');
    await engine.client('ingest').postEvents([
      {
        id: `${p}-OCT-x`,
        type: 'complaint.cancelled',
        subjectId: `${p}OCT`,
        occurredAt: '2026-11-20T10:00:00+08:00',
        data: { reason: 'entered in error' },
      },
    ]);
    const rows = await eventually(
      () => engine.ledger(`${p}OCT`),
      (rows) => rows.length > 0 && rows.reduce((sum, r) => sum + r.amount_fen, 0) === 0,
    );
    // October's fine, reversed in November: October is closed.
    const octoberFen = rows
      .filter((r) => r.reversal_of === null && r.period === '2026-10')
      .reduce((sum, r) => sum + r.amount_fen, 0);
    expect(octoberFen).toBeGreaterThan(0);
    const summaryFen = (
      await engine.client('finance').ledgerSummary({ period: '2026-11', groupBy: 'department' })
    ).items.find((i) => i.departmentId === D)!.totalFen;
    const ran = await replayNovember('--department', D, '--json');
    const { liveFen, reconciliation: r } = JSON.parse(ran.stdout) as Reconciled;
    expect(r).toEqual({ postedFen: summaryFen, periodEndFen: 0, fromEarlierFen: -octoberFen, toLaterFen: 0 });
    expect(liveFen + r.periodEndFen + r.fromEarlierFen - r.toLaterFen).toBe(summaryFen);
    const text = await replayNovember('--department', D);
    expect(text.stdout).toContain(
      `+ corrections of earlier, closed months posted into 2026-11: ${(-octoberFen / 100).toFixed(2)}`,
    );
  });
});
