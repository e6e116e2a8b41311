// Ingest throughput and latency through real HTTP on loopback: single events at several numbers of
// concurrent connections (group commit shares one commit among the posts that arrive together),
// then batches of 100. Printed beside the run's raw limits, measured first in the same run: single
// events/s as a share of Postgres's single-row commits/s. Runs the API as its own process (the
// API role of the start command, its settings from the environment) against a scratch database
// (dropped afterwards) and the local Redis (its own queue prefix, removed afterwards).
// "API CPU per post" is the API process's user + system CPU (from /proc, every thread) from the start
// of a load until the outbox relay has queued its last event, over the posts answered 202.
// Run: ./scripts/bench.sh ingest  (BENCH_SECONDS per load, BENCH_CONCURRENCY and BENCH_RATES comma lists,
// BENCH_BATCHES=0 to leave out the batches)
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { loadConfig } from '@engine/config';
import { createApiKey } from '@engine/db';
import autocannon from 'autocannon';
import { unlinkKeysWithPrefix } from '../test/redis-keys.ts';
import { scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,8,32,64').split(',').map(Number);
// Single events at fixed rates (64 connections): the API's CPU per post at the same offered load, whatever else the machine runs.
const RATES = (process.env.BENCH_RATES ?? '500').split(',').filter(Boolean).map(Number);
const BATCH_CONNECTIONS = 32;
const PORT = 3999;
const prefix = `engine-bench-${process.pid}`;
const config = loadConfig();

const { db, databaseUrl, drop } = await scratchDatabase('ingest');
const limits = await measureRawLimits(config.REDIS_URL, prefix, databaseUrl);
const commitRate = limits.postgresCommitsPerSecond;
const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });

const api = spawnEngine({ role: 'api', databaseUrl, queuePrefix: prefix, port: PORT });
await waitForApi(PORT);

let counter = 0;
const event = () => {
  counter += 1;
  return {
    id: `bench-${counter}`,
    type: 'complaint.received',
    subjectId: `C-${counter}`,
    occurredAt: '2026-11-23T09:00:00+08:00',
    data: {
      departmentId: `D${counter % 40}`,
      channel: 'hotline',
      customer: { id: `1380000${counter % 10_000}` },
    },
  };
};

/** The API process's group-commit counters (posts stored, commits that stored them), from /metrics. */
async function groupCounts(): Promise<{ posts: number; commits: number }> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { posts: counter('engine_ingest_posts_total'), commits: counter('engine_ingest_commits_total') };
}

/** CPU seconds the API process has used (user + system, every thread), from /proc (Linux; 100 ticks a second). */
function apiCpuSeconds(): number {
  const fields = readFileSync(`/proc/${api.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields 14 and 15 of proc(5) (utime, stime), counted here from field 3.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the outbox relay (in the API process) has queued every stored event, so its CPU counts. */
async function relayDrained(): Promise<void> {
  for (;;) {
    const { n } = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enqueued_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

async function run(title: string, connections: number, eventsPerRequest: number, rate?: number) {
  const before = await groupCounts();
  const load1 = loadavg()[0]!;
  const cpuBefore = apiCpuSeconds();
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: DURATION_S,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(
            eventsPerRequest === 1 ? event() : { events: Array.from({ length: eventsPerRequest }, event) },
          ),
        }),
      },
    ],
  });
  await relayDrained();
  const cpu = apiCpuSeconds() - cpuBefore;
  const after = await groupCounts();
  const posts = after.posts - before.posts;
  const commits = after.commits - before.commits;
  const eventsPerSecond = result.requests.average * eventsPerRequest;
  const ratio = eventsPerRequest === 1 ? percent(eventsPerSecond / commitRate) : '';
  console.log(
    `| ${title} | ${connections} | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${Math.round(eventsPerSecond).toLocaleString('en-US')} | ${ratio} | ${commits > 0 ? (posts / commits).toFixed(1) : '-'} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.non2xx + result.errors} | ${posts > 0 ? ((cpu * 1000) / posts).toFixed(3) : '-'} ms | ${load1.toFixed(2)} |`,
  );
}

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; ${new Date().toISOString().slice(0, 16)}Z; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )} at the start; ${DURATION_S} s per load; INGEST_COMMITS_IN_FLIGHT ${config.INGEST_COMMITS_IN_FLIGHT}; API, Postgres, Redis and the load generator on one machine\n`,
);
console.log('| raw limit (this run) | measured |\n|---|---|');
console.log(describeLimits(limits));
console.log(
  '\n| load | connections | requests/s | events/s | of the commit rate | posts per commit | p50 | p99 | errors | API CPU per post | load average (1 min) at its start |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const connections of CONCURRENCY) await run('single events', connections, 1);
for (const rate of RATES) await run(`single events, ${rate.toLocaleString('en-US')}/s offered`, 64, 1, rate);
if (process.env.BENCH_BATCHES !== '0') await run('batches of 100', BATCH_CONNECTIONS, 100);

const stored = await db
  .selectFrom('events')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
console.log(
  `\n${Number(stored.n).toLocaleString('en-US')} events stored, each committed before its 202; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the end.`,
);
api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
// Every key of its queues (obliterate leaves each queue's meta behind), and the scratch database.
await unlinkKeysWithPrefix(config.REDIS_URL, prefix, { queueOnly: true });
await drop();
