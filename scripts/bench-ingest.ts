// Ingest throughput and latency through real HTTP on loopback: single posts and batches of 100.
// Runs the API as its own process against a scratch database (dropped afterwards) and the local
// Redis (its own queue prefix, removed afterwards). Run: ./scripts/bench.sh ingest
import { cpus, totalmem } from 'node:os';
import { createApiKey } from '@engine/db';
import { createQueue } from '@engine/queue';
import autocannon from 'autocannon';
import { scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = 3999;
const prefix = `engine-bench-${process.pid}`;

const { db, databaseUrl, drop } = await scratchDatabase('ingest');
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

async function run(title: string, eventsPerRequest: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
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
  const requestsPerSecond = result.requests.average;
  console.log(
    `| ${title} | ${Math.round(requestsPerSecond).toLocaleString('en-US')} | ${Math.round(requestsPerSecond * eventsPerRequest).toLocaleString('en-US')} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.non2xx + result.errors} |`,
  );
}

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; ${CONNECTIONS} connections, ${DURATION_S} s each; API, Postgres, Redis and the load generator on one machine\n`,
);
console.log('| load | requests/s | events/s | p50 | p99 | errors |');
console.log('|---|---|---|---|---|---|');
await run('single events', 1);
await run('batches of 100', 100);

const stored = await db
  .selectFrom('events')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
console.log(`\n${Number(stored.n).toLocaleString('en-US')} events stored, each durable before its 202.`);
api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
const queue = createQueue('events', 'redis://127.0.0.1:6379', prefix);
await queue.obliterate({ force: true });
await queue.close();
await drop();
