// The raw limits of the machine and services a benchmark runs on, measured in the same run, so
// each figure can be given beside what Redis and Postgres allow here (these VMs vary 2-5x).
import { loadConfig } from '@engine/config';
import { connectionOptions, defaultJobOptions } from '@engine/queue';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';

export interface RawLimits {
  /** BullMQ jobs/s through one worker process doing nothing, with the engine's job options. */
  bullmqNoopJobsPerSecond: number;
  /** Postgres single-row INSERT transactions committed per second, from 8 connections. */
  postgresCommitsPerSecond: number;
  /** Rows per second of 1,000-row INSERT statements, one transaction each. */
  postgresBatchedRowsPerSecond: number;
}

/** BullMQ's own ceiling: jobs added in bulk, then drained by a no-op worker (concurrency as the engine's). */
export async function bullmqNoopRate(redisUrl: string, prefix: string, jobs = 20_000, concurrency = 8) {
  const queue = new Queue('noop', {
    connection: connectionOptions(redisUrl, 'producer'),
    prefix,
    defaultJobOptions,
  });
  for (let i = 0; i < jobs; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, jobs - i) }, (_, n) => ({
        name: 'noop',
        data: { n: i + n },
        opts: { jobId: `noop-${i + n}` },
      })),
    );
  }
  let done = 0;
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async () => undefined, {
      connection: connectionOptions(redisUrl, 'worker'),
      prefix,
      concurrency,
    });
    worker.on('completed', () => {
      done += 1;
      if (done === jobs) void worker.close().then(resolve);
    });
  });
  await finished;
  const rate = jobs / ((performance.now() - started) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function timed(
  databaseUrl: string,
  seconds: number,
  connections: number,
  work: (c: pg.Client) => Promise<number>,
) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    clients.map(async (client) => {
      let n = 0;
      while (performance.now() < until) n += await work(client);
      return n;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return counts.reduce((a, b) => a + b, 0) / elapsed;
}

/** Postgres's ceilings on this machine: single-row commits/s (8 connections) and batched insert rows/s. */
export async function postgresRates(databaseUrl: string, seconds = 5) {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS bench_limits (id bigserial PRIMARY KEY, v text NOT NULL)');
  const commits = await timed(databaseUrl, seconds, 8, async (client) => {
    await client.query('INSERT INTO bench_limits (v) VALUES ($1)', ['x']);
    return 1;
  });
  const rows = Array.from({ length: 1_000 }, (_, n) => `row ${n}`);
  const batched = await timed(databaseUrl, seconds, 2, async (client) => {
    await client.query('INSERT INTO bench_limits (v) SELECT unnest($1::text[])', [rows]);
    return rows.length;
  });
  await setup.query('DROP TABLE bench_limits');
  await setup.end();
  return { commits, batched };
}

export async function measureRawLimits(
  redisUrl: string,
  prefix: string,
  databaseUrl: string,
): Promise<RawLimits> {
  // At the engine's own worker concurrency and at the classifier's (its batch size): the higher is the limit.
  const { WORKER_CONCURRENCY, CLASSIFIER_BATCH_SIZE } = loadConfig();
  const bullmqNoopJobsPerSecond = Math.max(
    await bullmqNoopRate(redisUrl, `${prefix}-limits`, 20_000, WORKER_CONCURRENCY),
    await bullmqNoopRate(redisUrl, `${prefix}-limits`, 20_000, CLASSIFIER_BATCH_SIZE),
  );
  const { commits, batched } = await postgresRates(databaseUrl);
  return {
    bullmqNoopJobsPerSecond,
    postgresCommitsPerSecond: commits,
    postgresBatchedRowsPerSecond: batched,
  };
}

export const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

export function describeLimits(limits: RawLimits): string {
  return [
    `| BullMQ no-op jobs (one worker, the engine's job options; the better of its worker and its classifier concurrency) | ${perSecond(limits.bullmqNoopJobsPerSecond)} |`,
    `| Postgres single-row commits (8 connections) | ${perSecond(limits.postgresCommitsPerSecond)} |`,
    `| Postgres rows in 1,000-row inserts (2 connections) | ${perSecond(limits.postgresBatchedRowsPerSecond)} |`,
  ].join('\n');
}
