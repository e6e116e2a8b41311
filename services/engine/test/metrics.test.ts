import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

// Issue 14 item 4: /metrics says what the queues hold and what the engine decided, read from Redis
// and Postgres by the API process; a queue view for admins; a dashboard and alert rules that use them.
let engine: TestEngine;
const p = uid('M');
const D = `${p}-D`;
const at = (local: string) => `${local}:00+08:00`;
const root = new URL('../../../', import.meta.url).pathname;

async function scrape(): Promise<string> {
  const response = await fetch(`${engine.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series of the exposition (labels as written by prom-client, in its order). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** promtool (the Prometheus project's checker, Debian package prometheus): its exit code and what it said. */
function promtool(args: string[], input?: string): { status: number | null; said: string } {
  const run = spawnSync(process.env.PROMTOOL ?? 'promtool', args, { input, encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `promtool is needed (scripts/test.sh unpacks it into .tools/prometheus; or set PROMTOOL=path): ${run.error}`,
    );
  return { status: run.status, said: `${run.stdout}${run.stderr}`.trim() };
}

beforeAll(async () => {
  engine = await startTestEngine();
  await engine.client('ingest').postEvents([
    // Urban fault: 48 hours, due 2026-10-22 10:00, never restored: a breach and its warning-stage fine.
    {
      id: `${p}-f1`,
      type: 'fault.reported',
      subjectId: `${p}F1`,
      occurredAt: at('2026-10-20T10:00'),
      data: { departmentId: D, kind: 'urban' },
    },
    // Dated before the complaint's dispatch: failed.
    {
      id: `${p}-c1r`,
      type: 'complaint.first_replied',
      subjectId: `${p}C1`,
      occurredAt: at('2026-11-24T01:00'),
      data: {},
    },
    {
      id: `${p}-c1`,
      type: 'complaint.received',
      subjectId: `${p}C1`,
      occurredAt: at('2026-11-24T01:30'),
      data: { departmentId: D },
    },
    // A complaint never received: its event waits.
    {
      id: `${p}-c2s`,
      type: 'complaint.resolved',
      subjectId: `${p}C2`,
      occurredAt: at('2026-11-24T01:00'),
      data: {},
    },
  ]);
  await eventually(
    () => engine.ledger(`${p}F1`),
    (rows) => rows.length > 0,
  );
  // A job that fails its only attempt (no such delivery), as a worker records it in Redis.
  await engine.runtime.producer.queues.notifications.add(
    'deliver',
    { deliveryId: 'no-such-delivery' as unknown as number },
    { attempts: 1 },
  );
});
afterAll(async () => {
  await engine.stop();
});

describe('GET /metrics', () => {
  it('gives queue depths, failed jobs, waiting and failed events, breaches and fines with their values', async () => {
    const text = await eventually(
      scrape,
      (t) =>
        value(t, 'engine_queue_jobs_failed_total{queue="notifications"}') === 1 &&
        value(t, 'engine_queue_jobs_completed_total{queue="events"}')! > 0,
    );
    const ledger = await engine.ledger('');
    const fines = ledger.filter((r) => r.reversal_of === null);
    expect(fines.length).toBeGreaterThan(0);
    expect(value(text, 'engine_ledger_entries_total{kind="fine"}')).toBe(fines.length);
    expect(value(text, 'engine_ledger_entries_total{kind="reversal"}')).toBe(0);
    expect(value(text, 'engine_ledger_net_fen{period="2026-10"}')).toBe(
      ledger.filter((r) => r.period === '2026-10').reduce((sum, r) => sum + r.amount_fen, 0),
    );
    expect(value(text, 'engine_breaches_total{subject_kind="fault"}')).toBe(1);
    expect(value(text, 'engine_breaches_total{subject_kind="complaint"}')).toBe(0);
    expect(value(text, 'engine_events{status="failed"}')).toBe(1);
    expect(value(text, 'engine_events{status="waiting"}')).toBe(1);
    expect(value(text, 'engine_webhook_deliveries{status="dead"}')).toBe(0);
    // Every queue and state is a series, read from Redis whichever process runs the workers.
    expect(value(text, 'engine_redis_up')).toBe(1);
    for (const queue of ['events', 'subjects', 'deadlines', 'penalties', 'timers', 'notifications']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(value(text, `engine_queue_jobs{queue="${queue}",state="${state}"}`)).toBeTypeOf('number');
    }
    // The complaint's deadlines lie beyond the timer horizon (TIMER_HORIZON_MINUTES, 5): they wait in
    // Postgres as running clocks, and no timer of theirs is in Redis yet.
    expect(value(text, 'engine_backlog{what="clocks_running"}')).toBeGreaterThan(0);
    expect(value(text, 'engine_queue_jobs{queue="timers",state="delayed"}')).toBe(0);
    // No key material: /metrics is unauthenticated.
    for (const key of Object.values(engine.keys)) expect(text).not.toContain(key);
  });

  it("passes promtool check metrics (the engine's own series, and the whole exposition)", async () => {
    const text = await scrape();
    const own = text
      .split('\n')
      .filter((l) => /^(# (HELP|TYPE) )?engine_/.test(l))
      .join('\n');
    expect(own).toContain('# TYPE engine_breaches_total counter');
    expect(promtool(['check', 'metrics'], `${own}\n`)).toEqual({ status: 0, said: '' });
    // The rest is prom-client's default process metrics: only its nodejs_*_total gauges are flagged.
    const whole = promtool(['check', 'metrics'], text);
    expect(whole.said.split('\n').filter((l) => !/^nodejs_\w+_total non-counter metrics/.test(l))).toEqual(
      [],
    );
  });

  it('the alert rules pass promtool check rules; the rules and the dashboard use only series /metrics gives', async () => {
    const rules = promtool(['check', 'rules', `${root}infra/prometheus/engine-alerts.yaml`]);
    expect(rules.status).toBe(0);
    expect(rules.said).toContain('SUCCESS: 11 rules found');
    const text = await scrape();
    const served = new Set(
      text.split('\n').flatMap((l) => (l.startsWith('# TYPE ') ? [l.split(' ')[2]!] : [])),
    );
    const dashboard = JSON.parse(readFileSync(`${root}infra/grafana/engine-dashboard.json`, 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const exprs = [
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr)),
      readFileSync(`${root}infra/prometheus/engine-alerts.yaml`, 'utf8'),
    ];
    const used = new Set(exprs.flatMap((e) => e.match(/\b(engine|http)_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(8);
    const family = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    expect([...used].filter((name) => !served.has(name) && !served.has(family(name)))).toEqual([]);
  });
});

describe('GET /admin/queues (Bull Board)', () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${engine.url}${path}`, { headers, redirect: 'manual' });

  it('refuses a caller without a key (401) and a key that is not an admin (403), as problems', async () => {
    const none = await get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    for (const role of ['manager', 'finance', 'ingest'] as const) {
      const refused = await get('/admin/queues', { authorization: `Bearer ${engine.keys[role]}` });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { type: string }).type).toBe('/problems/forbidden');
    }
    // Its API and assets too, not only the page.
    expect((await get('/admin/queues/api/queues')).status).toBe(401);
  });

  it('shows an admin the page and every queue, by bearer key or by console session cookie', async () => {
    const page = await get('/admin/queues', { authorization: `Bearer ${engine.keys.admin}` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('引擎队列');

    const signIn = await fetch(`${engine.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: engine.keys.admin }),
    });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const queues = await get('/admin/queues/api/queues', { cookie });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(
      ['deadlines', 'events', 'notifications', 'penalties', 'subjects', 'timers'].sort(),
    );
    // A manager's session is no admin's.
    const manager = await fetch(`${engine.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: engine.keys.manager }),
    });
    const managerCookie = manager.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get('/admin/queues', { cookie: managerCookie })).status).toBe(403);
  });

  it("answers an admin's bad input (NUL, a lone surrogate) and a missing queue as problems, never a 500", async () => {
    const admin = { authorization: `Bearer ${engine.keys.admin}` };
    for (const [path, status] of [
      ['/admin/queues/api/queues?activeQueue=%00', 400],
      ['/admin/queues/api/queues?activeQueue=%ED%A0%80', 400],
      ['/admin/queues/api/queues/events/%00', 400],
      ['/admin/queues/queue/%00', 400],
      ['/admin/queues/api/queues/no-such-queue/no-such-job', 404],
    ] as const) {
      const answer = await get(path, admin);
      expect(answer.status, path).toBe(status);
      expect(answer.headers.get('content-type'), path).toContain('application/problem+json');
      const problem = (await answer.json()) as { status: number; detail: string };
      expect(problem.status, path).toBe(status);
      expect(problem.detail.length, path).toBeGreaterThan(0);
    }
  });

  it('is not part of the OpenAPI document', async () => {
    const document = (await (await get('/docs/json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
  });
});
