// End-to-end pipeline benchmark: the engine as separate processes (api, classifier,
// penalty-calculator, sla-timer) on a scratch database and queue prefix.
//  1. throughput: backdated complaints posted in batches, until their ledger rows exist;
//  2. breach-detection lag with RUNNING (default 100,000) complaints holding running clocks:
//     LAG_SAMPLE of them have first-response deadlines inside a one-minute window, the rest later;
//     lag = when the breach was recorded minus the deadline;
//  3. memory of Redis and of each process at that size.
// Run: ./scripts/bench.sh pipeline   (RUNNING=20000 for a shorter run)
import type { ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { createApiKey } from '@engine/db';
import { Producer } from '@engine/queue';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { rssMiB, scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';

const THROUGHPUT = Number(process.env.THROUGHPUT ?? 20_000);
const RUNNING = Number(process.env.RUNNING ?? 100_000);
const LAG_SAMPLE = Number(process.env.LAG_SAMPLE ?? 3_000);
const PORT = 3998;
const prefix = `engine-bench-pipeline-${process.pid}`;
const HOUR = 3_600_000;

const { db, databaseUrl, drop } = await scratchDatabase('pipeline', 4);
const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });

const roles = ['api', 'classifier', 'penalty-calculator', 'sla-timer'];
const processes = new Map<string, ChildProcess>();
for (const role of roles) {
  processes.set(role, spawnEngine({ role, databaseUrl, queuePrefix: prefix, port: PORT }));
}
await waitForApi(PORT);

const complaint = (id: string, dispatchedAt: number, n: number) => ({
  id,
  type: 'complaint.received',
  subjectId: id,
  occurredAt: new Date(dispatchedAt).toISOString(),
  data: { departmentId: `D${n % 40}`, channel: 'hotline' },
});
async function post(events: object[]) {
  for (let i = 0; i < events.length; i += 1_000) {
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 1_000) }),
    });
    if (response.status !== 202) throw new Error(`post failed: ${response.status} ${await response.text()}`);
  }
}
const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(db)).rows[0]!.n);
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; processes: ${roles.join(', ')} (WORKER_CONCURRENCY 8), PostgreSQL, Redis and this driver on one machine\n`,
);

// 1. Throughput: each backdated complaint yields 4 ledger rows (ordinary, first response late, overdue warning, 3-working-day breach).
const started = Date.now();
await post(
  Array.from({ length: THROUGHPUT }, (_, n) => complaint(`T${n}`, Date.parse('2026-11-02T01:00:00Z') + n, n)),
);
const posted = Date.now();
await waitFor(
  'ledger rows',
  async () => (await count(sql<{ n: number }>`SELECT count(*) AS n FROM ledger_entries`)) >= THROUGHPUT * 4,
  30 * 60_000,
);
const seconds = (Date.now() - started) / 1000;
console.log(
  `| end-to-end throughput | ${THROUGHPUT.toLocaleString('en-US')} events posted in ${((posted - started) / 1000).toFixed(1)} s; all ${(THROUGHPUT * 4).toLocaleString('en-US')} ledger rows after ${seconds.toFixed(1)} s | ${Math.round(THROUGHPUT / seconds).toLocaleString('en-US')} events/s |`,
);

// 2. Breach lag with RUNNING complaints holding running clocks.
// The window opens once every running complaint can have been applied (at the rate just measured, with margin).
const windowStart = Date.now() + Math.ceil((RUNNING / (THROUGHPUT / seconds)) * 1.5 + 45) * 1_000;
const running = Array.from({ length: RUNNING }, (_, n) => {
  // LAG_SAMPLE first-response deadlines spread over one minute from windowStart; the rest an hour later.
  const deadline =
    n < LAG_SAMPLE ? windowStart + Math.floor((n / LAG_SAMPLE) * 60_000) : windowStart + HOUR + n;
  return complaint(`R${n}`, deadline - 4 * HOUR, n);
});
const loadStarted = Date.now();
await post(running);
await waitFor(
  'running clocks',
  async () =>
    (await count(
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM clocks WHERE state = 'running' AND name = 'first_response'`,
    )) >= RUNNING,
  Math.max(60_000, windowStart - Date.now() - 30_000),
);
console.log(
  `| ${RUNNING.toLocaleString('en-US')} complaints with running clocks | applied in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s | |`,
);
const redis = new Redis('redis://127.0.0.1:6379');
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]) / 2 ** 20;
const keysOfPrefix = async () => {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 10_000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
};
const timersWaiting = await redis.zcard(`${prefix}:timers:delayed`);
console.log(
  `| Redis at that size | used_memory ${(await usedMemory()).toFixed(0)} MiB (the whole server), ${timersWaiting.toLocaleString('en-US')} delayed timer jobs, ${(await keysOfPrefix()).toLocaleString('en-US')} keys of this run | |`,
);
for (const [role, child] of processes)
  console.log(`| ${role} process RSS | ${rssMiB(child.pid!).toFixed(0)} MiB | |`);

await waitFor(
  'the lag window',
  async () => Date.now() > windowStart + 60_000 + 15_000,
  windowStart - Date.now() + 120_000,
);
await waitFor(
  'sample breaches',
  async () =>
    (await count(
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM signals WHERE key = 'breach:first_response' AND subject_id LIKE 'R%'`,
    )) >= LAG_SAMPLE,
  120_000,
);
const lags = (
  await sql<{ lag: number }>`
    SELECT extract(epoch FROM (recorded_at - at)) * 1000 AS lag FROM signals
    WHERE key = 'breach:first_response' AND subject_id LIKE 'R%' ORDER BY lag`.execute(db)
).rows.map((r) => Number(r.lag));
const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))]!;
console.log(
  `| breach-detection lag (deadline to breach recorded), ${lags.length.toLocaleString('en-US')} breaches in one minute | p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms, max ${lags.at(-1)!.toFixed(0)} ms | |`,
);

for (const child of processes.values()) child.kill('SIGTERM');
await Promise.all([...processes.values()].map((child) => new Promise((r) => child.once('exit', r))));
const producer = new Producer('redis://127.0.0.1:6379', prefix);
await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true })));
await producer.close();
await redis.quit();
await drop();
