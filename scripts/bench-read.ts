// The read side at the size of a real month: 1,000,000 ledger entries and 100,000 complaints with
// running clocks, seeded straight into a scratch database (dropped afterwards). Measures through
// real HTTP on loopback (autocannon) the ledger page, ledger summary, clocks list and SLA summary,
// and the CSV export of the whole month (seconds, and the API process's peak memory while it streams).
// The SLA summary reads the day counts the triggers keep (migration 0023): measured as the seed left
// them (three statements' changes appended) and folded, as the sweep leaves them every few seconds.
// Printed beside the run's raw limits. Run: ./scripts/bench.sh read
import { cpus, loadavg, totalmem } from 'node:os';
import { loadConfig } from '@engine/config';
import { createApiKey, mergeSlaDayCounts } from '@engine/db';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { unlinkKeysWithPrefix } from '../test/redis-keys.ts';
import { rssMiB, scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const queuePrefix = `engine-bench-read-${process.pid}`;
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = 3998;
const { db, databaseUrl, drop } = await scratchDatabase('read');
const limits = await measureRawLimits(
  loadConfig().REDIS_URL,
  `engine-bench-read-limits-${process.pid}`,
  databaseUrl,
);

let started = Date.now();
// November 2026, Asia/Shanghai. 40 departments; each complaint has a first-response clock (90% met,
// 10% breached) and a resolution clock still running (deadlines over the coming days; a fifth at risk).
await sql`
  INSERT INTO subjects (kind, id, department_id, hall_id, status, policy_version, opened_at, state,
                        assessment, upgraded, state_version, ledger_version)
  SELECT 'complaint', 'C' || i, 'D' || (i % 40), 'H' || (i % 200), 'open', 'fuling-2012',
         timestamptz '2026-11-01 00:00+08' + (i * interval '25 seconds'), '{}'::jsonb,
         CASE WHEN i % 50 = 0 THEN 'over_level' ELSE 'ordinary' END, i % 20 = 0, 1, 1
  FROM generate_series(1, ${COMPLAINTS}) AS i
`.execute(db);
await sql`
  INSERT INTO clocks (subject_kind, subject_id, name, department_id, started_at, deadline, stopped_at,
                      state, breached_at, at_risk_from)
  SELECT 'complaint', s.id, 'first_response', s.department_id, s.opened_at, s.opened_at + interval '4 hours',
         s.opened_at + CASE WHEN s.n % 10 = 0 THEN interval '5 hours' ELSE interval '2 hours' END,
         CASE WHEN s.n % 10 = 0 THEN 'breached' ELSE 'met' END,
         CASE WHEN s.n % 10 = 0 THEN s.opened_at + interval '4 hours' END,
         s.opened_at + interval '192 minutes'
  FROM (SELECT id, department_id, opened_at, substr(id, 2)::int AS n FROM subjects WHERE kind = 'complaint') s
`.execute(db);
await sql`
  INSERT INTO clocks (subject_kind, subject_id, name, department_id, started_at, deadline, state, at_risk_from)
  SELECT 'complaint', s.id, 'resolution', s.department_id, s.opened_at,
         now() + (s.n % 10000) * interval '1 minute',
         'running',
         CASE WHEN s.n % 5 = 0 THEN now() - interval '1 hour' ELSE now() + interval '1 day' END
  FROM (SELECT id, department_id, opened_at, substr(id, 2)::int AS n FROM subjects WHERE kind = 'complaint') s
`.execute(db);
console.error(
  `seeded ${COMPLAINTS.toLocaleString('en-US')} complaints and their clocks in ${Date.now() - started} ms`,
);

started = Date.now();
const rules = [
  'sla.first_response.late',
  'sla.resolution.late',
  'complaint.class4',
  'complaint.ordinary',
  'complaint.warning',
  'fault.repair.late',
  'callback.late',
  'window.finding',
];
const reversals = Math.floor(ENTRIES / 50);
await sql`
  INSERT INTO ledger_entries (entry_key, generation, period, origin_period, rule, policy_version,
    department_id, person_id, person_role, amount_fen, source, subject_id, cause_event_id, posted_at)
  SELECT 'bench:' || i, 0, '2026-11', '2026-11', (${rules}::text[])[1 + i % ${rules.length}], 'fuling-2012',
         'D' || (i % 40),
         CASE WHEN i % 25 = 0 THEN 'P' || (i % 3000) END,
         CASE WHEN i % 25 = 0 THEN 'staff' END,
         (1 + i % 5) * 5000, 'complaint', '投诉-' || i, 'ev-' || i,
         timestamptz '2026-11-01 00:00+08' + (i * interval '2 seconds')
  FROM generate_series(1, ${ENTRIES - reversals}) AS i
`.execute(db);
await sql`
  INSERT INTO ledger_entries (entry_key, generation, reversal_of, period, origin_period, rule, policy_version,
    department_id, person_id, person_role, amount_fen, source, subject_id, cause_event_id)
  SELECT entry_key, generation, id, period, origin_period, rule, policy_version, department_id, person_id,
         person_role, -amount_fen, source, subject_id, cause_event_id
  FROM ledger_entries WHERE id <= ${reversals}
`.execute(db);
await sql`ANALYZE`.execute(db);
console.error(`seeded ${ENTRIES.toLocaleString('en-US')} ledger entries in ${Date.now() - started} ms`);

const finance = (await createApiKey(db, { name: 'bench finance', role: 'finance' })).key;
const manager = (await createApiKey(db, { name: 'bench manager', role: 'manager' })).key;

const api = spawnEngine({
  role: 'api',
  databaseUrl,
  queuePrefix,
  port: PORT,
});
await waitForApi(PORT);
const apiRss = () => Math.round(rssMiB(api.pid!));

async function measure(title: string, path: string, key: string, connections = CONNECTIONS) {
  const check = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  if (!check.ok) throw new Error(`${path}: ${check.status} ${await check.text()}`);
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}${path}`,
    connections,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${key}` },
  });
  console.log(
    `| ${title} | \`${path}\` | ${connections} | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.non2xx + result.errors} |`,
  );
}

const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load}; ${ENTRIES.toLocaleString('en-US')} ledger entries in the month, ${COMPLAINTS.toLocaleString('en-US')} complaints (${COMPLAINTS.toLocaleString('en-US')} running clocks); ${CONNECTIONS} connections, ${DURATION_S} s each; API, Postgres and the load generator on one machine\n`,
);
console.log(`| raw limit | measured |\n|---|---|\n${describeLimits(limits)}\n`);
console.log('| read | request | connections | requests/s | p50 | p99 | errors |');
console.log('|---|---|---|---|---|---|---|');
const slaSummary = '/v1/sla/summary?period=2026-11&groupBy=department';
await measure('SLA summary by department, day counts as seeded (unfolded)', slaSummary, manager);
const folded = Date.now();
const days = await mergeSlaDayCounts(db);
console.error(`folded the day counts of ${days} days in ${Date.now() - folded} ms`);
// The fold rewrote every day row (merged): what autovacuum does within its minute, done now, so the
// summaries below read the counts as a running engine keeps them, not a planner's stale estimate.
await sql`VACUUM ANALYZE sla_day_counts`.execute(db);
await measure('ledger page (100)', '/v1/ledger?period=2026-11&limit=100', finance);
await measure('ledger page, one department', '/v1/ledger?period=2026-11&departmentId=D7&limit=100', finance);
await measure('ledger page, one person', '/v1/ledger?period=2026-11&personId=P100&limit=100', finance);
await measure(
  'ledger summary by department',
  '/v1/ledger/summary?period=2026-11&groupBy=department',
  finance,
);
await measure('ledger summary by rule', '/v1/ledger/summary?period=2026-11&groupBy=rule', finance);
await measure('ledger summary by person', '/v1/ledger/summary?period=2026-11&groupBy=person', finance);
await measure('clocks at risk', '/v1/clocks?state=at_risk&limit=100', manager);
await measure('clocks of a department', '/v1/clocks?departmentId=D3&state=running&limit=100', manager);
await measure('SLA summary by department', slaSummary, manager);
await measure('SLA summary by hall', '/v1/sla/summary?period=2026-11&groupBy=hall', manager);
await measure('SLA summary of an ISO week', '/v1/sla/summary?period=2026-W47&groupBy=department', manager);
await measure('SLA summary of a day', '/v1/sla/summary?period=2026-11-17&groupBy=hall', manager);
await measure('SLA trend, 12 months', '/v1/sla/trend?to=2026-11', manager);
// A finance desk or a dashboard alone: the latency of one request at a time.
await measure('ledger summary by rule', '/v1/ledger/summary?period=2026-11&groupBy=rule', finance, 1);
await measure('SLA summary by department', slaSummary, manager, 1);

// The month's CSV, streamed to nowhere; the API's resident memory sampled while it streams.
const before = apiRss();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, apiRss());
}, 50);
started = Date.now();
const response = await fetch(`http://127.0.0.1:${PORT}/v1/ledger?period=2026-11&format=csv`, {
  headers: { authorization: `Bearer ${finance}` },
});
let bytes = 0;
let rows = 0;
for await (const chunk of response.body!) {
  bytes += chunk.length;
  for (const byte of chunk) if (byte === 10) rows += 1;
}
const seconds = (Date.now() - started) / 1000;
clearInterval(sampler);
console.log(
  `\nCSV export of the month: ${(rows - 1).toLocaleString('en-US')} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${Math.round((rows - 1) / seconds).toLocaleString('en-US')} rows/s); API resident memory ${before} MiB before, ${peak} MiB at most while streaming.`,
);

api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
// The API's queues' keys (each queue writes its meta on connecting), and the scratch database.
await unlinkKeysWithPrefix(loadConfig().REDIS_URL, queuePrefix, { queueOnly: true });
await drop();
