// The quota cascade (issue 12 item 14): N over-level complaints of one department and one month,
// posted in shuffled order (each lands before some already applied), so every case enters the
// department's over-level quota and may move the later ones. Meanwhile SENTINELS complaints of
// other departments have first-response deadlines that fall while the cascade runs.
// Prints: evaluations per event, the most any one complaint was evaluated, the time to settle, the
// evaluation queue's peak, and the breach lag of the sentinels (deadlines must not wait behind re-pricing).
// Run: ./scripts/bench.sh cascade   (N=200 for a shorter run)
import type { ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { createApiKey } from '@engine/db';
import { Producer } from '@engine/queue';
import { sql } from 'kysely';
import { scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';

const N = Number(process.env.N ?? 1_000);
const SENTINELS = Number(process.env.SENTINELS ?? 100);
const PORT = 3997;
const prefix = `engine-bench-cascade-${process.pid}`;
const HOUR = 3_600_000;

const { db, databaseUrl, drop } = await scratchDatabase('cascade', 4);
const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });
const roles = ['api', 'classifier', 'penalty-calculator', 'sla-timer'];
const processes = new Map<string, ChildProcess>();
for (const role of roles)
  processes.set(role, spawnEngine({ role, databaseUrl, queuePrefix: prefix, port: PORT }));
await waitForApi(PORT);
const producer = new Producer('redis://127.0.0.1:6379', prefix);

async function post(events: object[]) {
  for (let i = 0; i < events.length; i += 100) {
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 100) }),
    });
    if (response.status !== 202) throw new Error(`post failed: ${response.status} ${await response.text()}`);
  }
}
const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0]!;

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; processes: ${roles.join(', ')}; PostgreSQL, Redis and this driver on one machine\n`,
);

// Dispatched over November 2026 in a shuffled order (a deterministic permutation).
const month = Date.parse('2026-11-01T00:00:00+08:00');
const order = Array.from({ length: N }, (_, n) => (n * 7_919) % N);
const overLevel = order.map((slot) => ({
  id: `OL${slot}`,
  type: 'complaint.received',
  subjectId: `OL${slot}`,
  occurredAt: new Date(month + slot * Math.floor((29 * 24 * HOUR) / N)).toISOString(),
  data: {
    departmentId: 'D-CASCADE',
    channel: 'hotline',
    overLevel: {
      body: 'miit_appeal',
      controlLevel: 1,
      priorComplaintToDepartment: true,
      interceptionAttempted: false,
    },
  },
}));
// Sentinels: first-response deadlines (4 h) from 20 s to 50 s after the cascade starts.
const started = Date.now();
const sentinels = Array.from({ length: SENTINELS }, (_, n) => ({
  id: `S${n}`,
  type: 'complaint.received',
  subjectId: `S${n}`,
  occurredAt: new Date(started + 20_000 + Math.floor((n / SENTINELS) * 30_000) - 4 * HOUR).toISOString(),
  data: { departmentId: `D-SENTINEL-${n % 5}`, channel: 'hotline' },
}));
await post(sentinels);
let peak = 0;
const sampler = setInterval(async () => {
  const counts = await producer.queues.subjects.getJobCounts('waiting', 'prioritized', 'delayed');
  peak = Math.max(peak, (counts.waiting ?? 0) + (counts.prioritized ?? 0));
}, 250);
await post(overLevel);
const posted = Date.now();

// Settled: every complaint applied, and no evaluation stored for 5 s.
let last = -1;
let stableSince = Date.now();
for (;;) {
  const { evaluations, applied } = await one(sql<{ evaluations: number; applied: number }>`
    SELECT coalesce(sum(state_version), 0)::int AS evaluations, count(*)::int AS applied
    FROM subjects WHERE id LIKE 'OL%' AND state IS NOT NULL`);
  if (evaluations !== last) {
    last = evaluations;
    stableSince = Date.now();
  } else if (applied === N && Date.now() - stableSince > 5_000) break;
  await new Promise((r) => setTimeout(r, 250));
}
const settled = stableSince;
clearInterval(sampler);
const { most } = await one(
  sql<{ most: number }>`SELECT max(state_version)::int AS most FROM subjects WHERE id LIKE 'OL%'`,
);
console.log(
  `| ${N.toLocaleString('en-US')} over-level complaints of one department-month, shuffled | ${last.toLocaleString('en-US')} evaluations (${(last / N).toFixed(2)} per event, at most ${most} for one complaint); settled ${((settled - started) / 1000).toFixed(1)} s after the first post (${((posted - started) / 1000).toFixed(1)} s posting); evaluation queue peak ${peak.toLocaleString('en-US')} |`,
);

// Every sentinel has breached by now (its deadline was at most 50 s in): the lag behind each deadline.
while (Date.now() < started + 50_000 + 5_000) await new Promise((r) => setTimeout(r, 500));
const lags = (
  await sql<{ lag: number }>`
    SELECT extract(epoch FROM (recorded_at - at)) * 1000 AS lag FROM signals
    WHERE key = 'breach:first_response' AND subject_id LIKE 'S%' ORDER BY lag`.execute(db)
).rows.map((r) => Number(r.lag));
const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? Number.NaN;
console.log(
  `| breach lag of ${lags.length} of ${SENTINELS} deadlines falling during the cascade | p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms, max ${(lags.at(-1) ?? Number.NaN).toFixed(0)} ms |`,
);

for (const child of processes.values()) child.kill('SIGTERM');
await Promise.all([...processes.values()].map((child) => new Promise((r) => child.once('exit', r))));
await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true })));
await producer.close();
await drop();
