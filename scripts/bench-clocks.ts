// Running clocks at scale with the timer horizon (issue 15 item 4): CLOCKS complaints with a
// running resolution clock seeded straight into a scratch database with generate_series, their next
// checks spread evenly over the next SPREAD_DAYS; the engine started as the start command does (a
// process per role) on a Redis of its own, so used_memory is this run's alone. Measured: Redis
// memory (and per clock, beside what a timer for every clock would cost), each process's RSS, a
// loader pass and a sweep at that size, and breach detection for LAG_SAMPLE complaints posted
// through the API whose first-response deadlines fall from half to one and a half horizons later
// (half scheduled when they are written, half loaded from Postgres as they come near).
// Run: ./scripts/bench.sh clocks   (CLOCKS=1000000 by default; TIMER_HORIZON_MINUTES as the engine's)
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { loadConfig, timerHorizonMs } from '@engine/config';
import { createApiKey, ensureEventPartitions } from '@engine/db';
import { Producer } from '@engine/queue';
import { rebuildTimers, sweep } from '@engine/use-cases';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { PrivateRedis } from '../packages/queue/test/redis-server.ts';
import { freePort, rssMiB, scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const CLOCKS = Number(process.env.CLOCKS ?? 1_000_000);
const LAG_SAMPLE = Number(process.env.LAG_SAMPLE ?? 2_000);
const SPREAD_DAYS = Number(process.env.SPREAD_DAYS ?? 7);
const config = loadConfig();
const HORIZON_MS = timerHorizonMs(config);
const HOUR = 3_600_000;
const prefix = `engine-bench-clocks-${process.pid}`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

const redisServer = new PrivateRedis();
await redisServer.start();
const redis = new Redis(redisServer.url);
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
const { db, databaseUrl, drop } = await scratchDatabase('clocks', 4);
const processes = new Map<string, ChildProcess>();
let sampler: NodeJS.Timeout | undefined;
// However the run ends, the engine's processes, this run's Redis and its database go with it.
const cleanUp = async () => {
  clearInterval(sampler);
  for (const child of processes.values()) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    [...processes.values()].map((child) =>
      child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null,
    ),
  );
  await redis.quit();
  await redisServer.stop();
  await drop();
};
try {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load}; ${n(CLOCKS)} running clocks, next checks over ${SPREAD_DAYS} days, TIMER_HORIZON_MINUTES ${config.TIMER_HORIZON_MINUTES}; processes api, classifier, penalty-calculator, sla-timer, notifier, PostgreSQL, Redis and this driver on one machine\n`,
  );
  const limits = await measureRawLimits(redisServer.url, `${prefix}-limits`, databaseUrl);
  console.log(`| raw limit | measured |\n|---|---|\n${describeLimits(limits)}\n`);
  await redis.flushall(); // the raw-limit queues' keys, in this run's own Redis

  // What a timer in Redis for every clock would cost (the engine before the horizon): 10,000 timers.
  const unbounded = new Producer(redisServer.url, `${prefix}-unbounded`);
  await unbounded.queues.timers.waitUntilReady();
  const emptyBytes = await usedMemory();
  const probe = Math.min(CLOCKS, 10_000);
  const probeNow = new Date();
  for (let i = 0; i < probe; i += 1_000) {
    await unbounded.scheduleTimers(
      Array.from({ length: Math.min(1_000, probe - i) }, (_, k) => ({
        kind: 'complaint',
        id: `U${i + k}`,
        at: new Date(probeNow.getTime() + HOUR + (i + k) * 1_000),
      })),
      probeNow,
    );
  }
  const perTimerBytes = ((await usedMemory()) - emptyBytes) / probe;
  await unbounded.queues.timers.obliterate({ force: true });
  await unbounded.close();

  // The seed: dispatched an hour ago and replied to, so the resolution clock runs (days ahead); the
  // stored next check is spread over SPREAD_DAYS (whenever one comes, the classifier evaluates the
  // complaint from its events and stores its real next check).
  let started = Date.now();
  await ensureEventPartitions(db);
  await sql`INSERT INTO departments (id, name, manager_id)
  SELECT 'D' || d, '部门' || d, 'M' || d FROM generate_series(0, 39) d`.execute(db);
  const seededAt = new Date();
  const opened = new Date(Math.floor(seededAt.getTime() / 1000) * 1000 - HOUR);
  // Chunks of 20,000, each followed by ANALYZE: the SLA counts' statement triggers join a chunk's
  // rows with clocks and subjects, and planned on stale statistics those joins go quadratic.
  const CHUNK = 20_000;
  for (let from = 1; from <= CLOCKS; from += CHUNK) {
    const to = Math.min(CLOCKS, from + CHUNK - 1);
    await db.transaction().execute(async (trx) => {
      await sql`
      INSERT INTO events (id, type, subject_kind, subject_id, occurred_at, data, body_hash, status, applied_at,
                          enqueued_at, attempted_at)
      SELECT 'B' || i || e.suffix, e.type, 'complaint', 'B' || i, e.occurred_at, e.data, '\\x00'::bytea, 'applied', now(),
             now(), now()
      FROM generate_series(${from}::int, ${to}::int) i
      CROSS JOIN LATERAL (VALUES
        ('-r', 'complaint.received', ${opened}::timestamptz,
         jsonb_build_object('departmentId', 'D' || (i % 40), 'channel', 'hotline')),
        ('-f', 'complaint.first_replied', ${opened}::timestamptz + interval '30 minutes', '{}'::jsonb)
      ) AS e (suffix, type, occurred_at, data)`.execute(trx);
      await sql`
      INSERT INTO subjects (kind, id, department_id, status, policy_version, opened_at, state, assessment,
                            upgraded, state_version, ledger_version, next_check_at)
      SELECT 'complaint', 'B' || i, 'D' || (i % 40), 'open', 'fuling-2012', ${opened}::timestamptz, '{}'::jsonb,
             'ordinary', false, 1, 1,
             ${seededAt}::timestamptz + (i * 1000::bigint * ${SPREAD_DAYS * 86_400} / ${CLOCKS}) * interval '1 millisecond'
      FROM generate_series(${from}::int, ${to}::int) i`.execute(trx);
      await sql`
      INSERT INTO clocks (subject_kind, subject_id, name, department_id, started_at, deadline, stopped_at, state, at_risk_from)
      SELECT 'complaint', 'B' || i, c.name, 'D' || (i % 40), ${opened}::timestamptz, c.deadline, c.stopped_at, c.state, c.deadline - interval '1 day'
      FROM generate_series(${from}::int, ${to}::int) i
      CROSS JOIN LATERAL (VALUES
        ('first_response', ${opened}::timestamptz + interval '4 hours', ${opened}::timestamptz + interval '30 minutes', 'met'),
        ('resolution', ${opened}::timestamptz + interval '3 days', null::timestamptz, 'running')
      ) AS c (name, deadline, stopped_at, state)`.execute(trx);
    });
    await sql`ANALYZE subjects, clocks, events`.execute(db);
  }
  await sql`ANALYZE`.execute(db);
  console.error(`seeded ${n(CLOCKS)} running clocks in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });
  const PORT = await freePort();
  const roles = ['api', 'classifier', 'penalty-calculator', 'sla-timer', 'notifier'];
  process.env.REDIS_URL = redisServer.url;
  started = Date.now();
  for (const role of roles)
    processes.set(role, spawnEngine({ role, databaseUrl, queuePrefix: prefix, port: PORT }));
  await waitForApi(PORT);
  const peakRss = new Map(roles.map((role) => [role, 0]));
  let peakRedis = 0;
  const sample = async () => {
    for (const [role, child] of processes)
      peakRss.set(role, Math.max(peakRss.get(role)!, rssMiB(child.pid!)));
    peakRedis = Math.max(peakRedis, await usedMemory());
  };
  sampler = setInterval(() => void sample().catch(() => undefined), 2_000);
  const timersIn = () => redis.zcard(`${prefix}:timers:delayed`);
  // The SLA timer's first load at its start; give the processes a few seconds to settle.
  await new Promise((r) => setTimeout(r, 10_000));
  const settledBytes = await usedMemory();
  const settledTimers = await timersIn();

  // A loader pass and a sweep at this size, as the SLA timer runs them (idempotent: nothing added twice).
  const producer = new Producer(redisServer.url, prefix, { timerHorizonMs: HORIZON_MS });
  const passes: number[] = [];
  let loaded = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    loaded = await rebuildTimers(db, producer, () => new Date());
    passes.push(performance.now() - t);
  }
  const plan = (
    await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS)
    SELECT kind, id, next_check_at, next_check_at::text AS check_key FROM subjects
    WHERE next_check_at IS NOT NULL AND next_check_at <= ${new Date(Date.now() + HORIZON_MS)}
    ORDER BY next_check_at, kind, id LIMIT 1000`.execute(db)
  ).rows.map((r) => r['QUERY PLAN']);
  const sweeps: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await sweep(db, producer, new Date());
    sweeps.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  // Breach detection: LAG_SAMPLE first-response deadlines from 0.5 to 1.5 horizons after now.
  const windowStart = Date.now() + HORIZON_MS / 2;
  const sampleEvents = Array.from({ length: LAG_SAMPLE }, (_, k) => {
    const deadline = windowStart + Math.floor((k / LAG_SAMPLE) * HORIZON_MS);
    return {
      id: `L${k}`,
      type: 'complaint.received',
      subjectId: `L${k}`,
      occurredAt: new Date(deadline - 4 * HOUR).toISOString(),
      data: { departmentId: `D${k % 40}`, channel: 'hotline' },
    };
  });
  const postedAt = Date.now();
  for (let i = 0; i < sampleEvents.length; i += 1_000) {
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: sampleEvents.slice(i, i + 1_000) }),
    });
    if (response.status !== 202) throw new Error(`post failed: ${response.status} ${await response.text()}`);
  }
  const breachCount = async () =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM signals
        WHERE key = 'breach:first_response' AND subject_id LIKE 'L%'`.execute(db)
      ).rows[0]!.n,
    );
  const until = windowStart + HORIZON_MS + 120_000;
  while ((await breachCount()) < LAG_SAMPLE) {
    if (Date.now() > until) throw new Error(`only ${await breachCount()} of ${LAG_SAMPLE} breaches recorded`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await sample();
  clearInterval(sampler);
  const endBytes = await usedMemory();
  const endTimers = await timersIn();

  const lagsOf = async (written: 'near' | 'far') =>
    (
      await sql<{ lag: number }>`
      SELECT extract(epoch FROM (recorded_at - at)) * 1000 AS lag FROM signals
      WHERE key = 'breach:first_response' AND subject_id LIKE 'L%'
        AND (at <= ${new Date(postedAt + HORIZON_MS)}) = ${written === 'near'}
      ORDER BY lag`.execute(db)
    ).rows.map((r) => Number(r.lag));
  const describeLags = (lags: number[]) => {
    const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))]!;
    return `${n(lags.length)}: p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms, max ${lags.at(-1)!.toFixed(0)} ms`;
  };
  const all = [...(await lagsOf('near')), ...(await lagsOf('far'))].sort((a, b) => a - b);

  console.log(`| ${n(CLOCKS)} running clocks | measured |\n|---|---|`);
  console.log(
    `| Redis used_memory, settled (${n(settledTimers)} delayed timers, the horizon's) | ${mib(settledBytes)} MiB; ${((settledBytes - emptyBytes) / CLOCKS).toFixed(1)} B per clock over the empty server's ${mib(emptyBytes)} MiB |`,
  );
  console.log(
    `| Redis used_memory, peak during the run / at its end (${n(endTimers)} delayed timers) | ${mib(peakRedis)} / ${mib(endBytes)} MiB |`,
  );
  console.log(
    `| a timer for every clock instead (measured on ${n(probe)}) | ${n(perTimerBytes)} B per timer: ${mib(perTimerBytes * CLOCKS)} MiB for ${n(CLOCKS)} |`,
  );
  for (const role of roles)
    console.log(`| ${role} process RSS, peak | ${peakRss.get(role)!.toFixed(0)} MiB |`);
  console.log(
    `| loader pass (clocks due within ${config.TIMER_HORIZON_MINUTES} min, pages of 1,000 by next_check_at) | ${n(loaded)} timers, median ${median(passes).toFixed(0)} ms of ${passes.map((p) => p.toFixed(0)).join(', ')} |`,
  );
  console.log(
    `| the loader's first page, planned | ${plan.find((line) => line.includes('Scan'))?.trim()}; ${plan.at(-1)!.trim()} |`,
  );
  console.log(
    `| a sweep at this size | median ${median(sweeps).toFixed(0)} ms of ${sweeps.map((p) => p.toFixed(0)).join(', ')} |`,
  );
  console.log(`| breach detection, deadline to breach recorded, all | ${describeLags(all)} |`);
  console.log(
    `| of them, scheduled when written (due within the horizon) | ${describeLags(await lagsOf('near'))} |`,
  );
  console.log(`| of them, loaded from Postgres as they came near | ${describeLags(await lagsOf('far'))} |`);
  console.error(`the run took ${((Date.now() - started) / 1000).toFixed(0)} s after the seed`);

  await producer.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
  // Queues of a failed run may still hold connections to the Redis just stopped.
  process.exit();
}
