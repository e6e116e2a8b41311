// How soon the jobs of a SIGKILLed classifier run again (issue 14 item 5): the engine as the start
// command runs it (the supervisor, one process per role), COMPLAINTS backdated complaints posted;
// once some are applied the classifier process is killed with SIGKILL, with the jobs it held
// active noted. Prints the time from the kill to the supervisor's new classifier, to the first
// progress after it, and to the last of the killed process's jobs completed (its lock expired, the
// stalled check gave it back, the new process ran it). ROUNDS kills, one after another.
// Run: ./scripts/bench.sh recovery
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createApiKey } from '@engine/db';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import { scratchDatabase, waitForApi } from './lib/bench-support.ts';

const COMPLAINTS = Number(process.env.COMPLAINTS ?? 6_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PORT = 3995;
const prefix = `engine-bench-recovery-${process.pid}`;
const HOUR = 3_600_000;

const { db, databaseUrl, drop } = await scratchDatabase('recovery', 2);
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
const { key } = await createApiKey(db, { name: 'bench', role: 'ingest' });
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
await waitForApi(PORT);

/** The supervisor's child running the classifier role, by the ENGINE_ROLES it was started with. */
function classifierPid(): number | undefined {
  const children = execFileSync('pgrep', ['-P', String(engine.pid)])
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  return children.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes('ENGINE_ROLES=classifier');
    } catch {
      return false;
    }
  });
}
const applied = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE status = 'applied'`.execute(db))
      .rows[0]!.n,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queues = ['events', 'subjects', 'deadlines'].map(
  (name) => new Queue(name, { connection: { host: '127.0.0.1', port: 6379 }, prefix }),
);

console.log(
  '| round | active jobs killed | new classifier up | first progress after | last killed job done |',
);
console.log('|---|---|---|---|---|');
for (let round = 1; round <= ROUNDS; round++) {
  const dispatched = Date.now() - 30 * 24 * HOUR;
  const events = Array.from({ length: COMPLAINTS }, (_, n) => ({
    id: `r${round}-${n}`,
    type: 'complaint.received',
    subjectId: `R${round}C${n}`,
    occurredAt: new Date(dispatched).toISOString(),
    data: { departmentId: 'D1', channel: 'hotline' },
  }));
  const before = await applied();
  for (let i = 0; i < events.length; i += 1_000) {
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 1_000) }),
    });
    if (response.status !== 202) throw new Error(`post failed: ${response.status}`);
  }
  while ((await applied()) - before < COMPLAINTS / 10) await sleep(20);
  const victim = classifierPid();
  if (victim === undefined) throw new Error('no classifier process');
  const active = (await Promise.all(queues.map((q) => q.getActive()))).flat();
  process.kill(victim, 'SIGKILL');
  const killedAt = Date.now();
  const atKill = await applied();

  let upAt: number | undefined;
  let progressAt: number | undefined;
  let doneAt: number | undefined;
  while (doneAt === undefined || progressAt === undefined) {
    const pid = classifierPid();
    if (upAt === undefined && pid !== undefined && pid !== victim) upAt = Date.now();
    if (progressAt === undefined && (await applied()) > atKill) progressAt = Date.now();
    if (doneAt === undefined) {
      const jobs = await Promise.all(
        active.map((job) => queues.find((q) => q.name === job.queueName)!.getJob(job.id!)),
      );
      // A job gone from Redis was completed and removed (or replaced by a later one of its subject).
      if (jobs.every((job) => job === undefined || job.finishedOn !== undefined)) doneAt = Date.now();
    }
    if (Date.now() - killedAt > 120_000) throw new Error('the killed jobs did not run again within 120 s');
    await sleep(20);
  }
  const s = (at: number | undefined) => (at === undefined ? '-' : `${((at - killedAt) / 1000).toFixed(1)} s`);
  console.log(`| ${round} | ${active.length} | ${s(upAt)} | ${s(progressAt)} | ${s(doneAt)} |`);
  while ((await applied()) - before < COMPLAINTS) await sleep(100);
}

await Promise.all(queues.map((q) => q.close()));
engine.kill('SIGTERM');
await new Promise((r) => engine.once('exit', r));
await drop();
