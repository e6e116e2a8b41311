// End-to-end throughput as the README's start command runs the engine (the supervisor, one process
// per role, default settings) on a scratch database, beside the raw limits of the same run:
//  1. fresh: FRESH backdated complaints, posted in batches of 1,000, until every one is applied
//     (classified, clocks stored, its four fines in the ledger);
//  2. updates: the same complaints' replies and resolutions (two events each), until applied and
//     every ledger is in step with its subject;
//  3. backfill (BACKFILL complaints, four events each, when BACKFILL > 0): a year's history posted
//     as fast as the API takes it, until all of it is applied.
// Prints subjects applied per second and the ratio to BullMQ's no-op rate.
// Run: ./scripts/bench.sh throughput   (FRESH=20000 BACKFILL=250000 for the issue's backfill;
// KEEP_DATABASE=1 keeps the scratch database)
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createApiKey } from '@engine/db';
import { Producer } from '@engine/queue';
import { sql } from 'kysely';
import { freePort, rssMiB, scratchDatabase, waitForApi } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const FRESH = Number(process.env.FRESH ?? 20_000);
const BACKFILL = Number(process.env.BACKFILL ?? 0);
// A free port: other runs (of this or another benchmark) may hold a fixed one.
const PORT = await freePort();
const prefix = `engine-bench-throughput-${process.pid}`;
const HOUR = 3_600_000;

const { db, databaseUrl, drop } = await scratchDatabase('throughput', 4);
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; PostgreSQL, Redis and this driver on one machine\n`,
);
const limits = await measureRawLimits('redis://127.0.0.1:6379', prefix, databaseUrl);
console.log(`| raw limit | measured |\n|---|---|\n${describeLimits(limits)}\n`);

const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });
// The start command's engine: services/engine/src/main.ts, every role, its defaults.
const engine: ChildProcess = spawn(process.execPath, ['services/engine/src/main.ts'], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', process.stderr, 'inherit'],
});
// If this script fails, its engine goes with it (the supervisor stops its processes).
process.once('exit', () => engine.kill('SIGTERM'));
await waitForApi(PORT);

// Each role process's RSS every 200 ms while the runs go on: the issue's "stays under" is the peak.
// A role process is named by the ENGINE_ROLES the supervisor started it with.
const roleOf = (pid: number) =>
  readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((v) => v.startsWith('ENGINE_ROLES='))
    ?.slice('ENGINE_ROLES='.length) ?? String(pid);
const rolePids = () =>
  readFileSync(`/proc/${engine.pid}/task/${engine.pid}/children`, 'utf8')
    .trim()
    .split(' ')
    .filter((p) => p !== '')
    .map(Number);
const peakRss = new Map<string, number>();
const sampler = setInterval(() => {
  for (const pid of rolePids()) {
    try {
      const role = roleOf(pid);
      peakRss.set(role, Math.max(peakRss.get(role) ?? 0, rssMiB(pid)));
    } catch {} // a process that just exited (the supervisor starts it again)
  }
}, 200);

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
// Polls every 200 ms, or every hundredth of the time waited so far if longer: a poll reads the
// pipeline's own Postgres (a count of status 'pending' reads every event: 300 ms at a million), so
// a long run is measured to within 1% without its polls competing with the pipeline. The checks
// go from cheapest (partial indexes) to dearest, and stop at the first that is not done.
async function waitFor(check: () => Promise<boolean>) {
  const since = Date.now();
  while (!(await check())) await new Promise((r) => setTimeout(r, Math.max(200, (Date.now() - since) / 100)));
}
const unattempted = () =>
  count(sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE attempted_at IS NULL`);
const ledgersBehind = () =>
  count(sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE ledger_version < state_version`);
const pending = () =>
  count(sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE status = 'pending'`);
const allApplied = async () =>
  (await unattempted()) === 0 && (await ledgersBehind()) === 0 && (await pending()) === 0;
const rate = (subjects: number, ms: number) => subjects / (ms / 1000);
const line = (what: string, subjects: number, ms: number) => {
  const perSecond = rate(subjects, ms);
  console.log(
    `| ${what} | ${subjects.toLocaleString('en-US')} subjects in ${(ms / 1000).toFixed(1)} s | ${Math.round(perSecond).toLocaleString('en-US')} subjects/s | ${((perSecond / limits.bullmqNoopJobsPerSecond) * 100).toFixed(0)}% of BullMQ no-op |`,
  );
};
console.log('| run | work | subjects applied | vs raw limit |\n|---|---|---|---|');

// 1. Fresh backdated complaints: dispatched a month ago, each breaches both clocks at once.
const dispatched = Date.now() - 30 * 24 * HOUR;
const complaint = (id: string, n: number) => ({
  id: `${id}-r`,
  type: 'complaint.received',
  subjectId: id,
  occurredAt: new Date(dispatched + n).toISOString(),
  data: { departmentId: `D${n % 40}`, channel: 'hotline' },
});
let started = Date.now();
await post(Array.from({ length: FRESH }, (_, n) => complaint(`T${n}`, n)));
await waitFor(allApplied);
line('fresh backdated complaints', FRESH, Date.now() - started);

// 2. Updates of the same complaints: replied and resolved (late), two events each.
started = Date.now();
await post(
  Array.from({ length: FRESH }, (_, n) => [
    {
      id: `T${n}-f`,
      type: 'complaint.first_replied',
      subjectId: `T${n}`,
      occurredAt: new Date(dispatched + n + 5 * HOUR).toISOString(),
      data: {},
    },
    {
      id: `T${n}-s`,
      type: 'complaint.resolved',
      subjectId: `T${n}`,
      occurredAt: new Date(dispatched + n + 11 * 24 * HOUR).toISOString(),
      data: {},
    },
  ]).flat(),
);
await waitFor(allApplied);
line('updates of those complaints (2 events each)', FRESH, Date.now() - started);

// 3. Backfill: four events per complaint, a year back, posted as fast as the API takes them.
if (BACKFILL > 0) {
  const yearAgo = Date.now() - 365 * 24 * HOUR;
  started = Date.now();
  for (let from = 0; from < BACKFILL; from += 5_000) {
    await post(
      Array.from({ length: Math.min(5_000, BACKFILL - from) }, (_, i) => {
        const n = from + i;
        const at = yearAgo + Math.floor((n / BACKFILL) * 330 * 24 * HOUR);
        const id = `B${n}`;
        return [
          { ...complaint(id, n), occurredAt: new Date(at).toISOString() },
          {
            id: `${id}-f`,
            type: 'complaint.first_replied',
            subjectId: id,
            occurredAt: new Date(at + 2 * HOUR).toISOString(),
            data: {},
          },
          {
            id: `${id}-e`,
            type: 'complaint.responsibility_set',
            subjectId: id,
            occurredAt: new Date(at + 3 * HOUR).toISOString(),
            data: { responsibility: 'non_enterprise' },
          },
          {
            id: `${id}-s`,
            type: 'complaint.resolved',
            subjectId: id,
            occurredAt: new Date(at + 30 * HOUR).toISOString(),
            data: {},
          },
        ];
      }).flat(),
    );
  }
  const posted = Date.now() - started;
  await waitFor(allApplied);
  line(
    `backfill: ${(BACKFILL * 4).toLocaleString('en-US')} events (posting took ${(posted / 1000).toFixed(0)} s)`,
    BACKFILL,
    Date.now() - started,
  );
}

clearInterval(sampler);
const pids = rolePids();
console.log(
  `\nprocess RSS after the runs: ${pids.map((pid) => `${roleOf(pid)} ${rssMiB(pid).toFixed(0)} MiB`).join(', ')}`,
);
console.log(
  `peak RSS during the runs (sampled every 200 ms): ${[...peakRss].map(([role, mib]) => `${role} ${mib.toFixed(0)} MiB`).join(', ')}`,
);
// CPU time (user + system) each process used since it started: unlike a rate, it does not change
// with the load others put on the machine, so settings can be compared by it across runs.
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
};
console.log(
  `CPU time of each process: ${pids.map((pid) => `${roleOf(pid)} ${cpuSeconds(pid).toFixed(1)} s`).join(', ')}`,
);

engine.kill('SIGTERM');
await new Promise((r) => engine.once('exit', r));
const producer = new Producer('redis://127.0.0.1:6379', prefix);
await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true })));
await producer.close();
// KEEP_DATABASE=1 leaves the scratch database behind, to look into (EXPLAIN, pg_stat_statements).
if (process.env.KEEP_DATABASE === '1') {
  await db.destroy();
  console.log(`\ndatabase kept: ${databaseUrl}`);
} else await drop();
