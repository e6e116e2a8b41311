import { type ChildProcess, spawn } from 'node:child_process';
import { createEngineClient } from '@engine/client';
import { createApiKey, createDb, type Db, ensureDatabase, migrateToLatest } from '@engine/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivatePostgres } from '../../../packages/db/test/postgres-server.ts';
import { PrivateRedis } from '../../../packages/queue/test/redis-server.ts';
import { eventually, uid } from './support.ts';

// Issue 12 item 0 and issue 14 item 5: the engine as the start command runs it (the supervisor and
// one process per role) rides out dropped connections and restarts of Postgres and Redis under
// load, loses and doubles nothing, says it is not ready meanwhile, and restarts a process that dies.
const postgres = new PrivatePostgres();
const redis = new PrivateRedis();
let db: Db;
let supervisor: ChildProcess;
let base: string;
const logLines: { msg: string; process?: string; childPid?: number }[] = [];

const api = (key: string) => createEngineClient({ baseUrl: base, apiKey: key, retries: 8, backoffMs: 100 });
const readiness = async () =>
  fetch(`${base}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
    (r) => r.status,
    () => 0,
  );
const childPid = (role: string) =>
  logLines.filter((l) => l.msg === 'process started' && l.process === role).at(-1)?.childPid;

beforeAll(async () => {
  await postgres.init();
  await redis.start();
  const databaseUrl = postgres.url('engine');
  await ensureDatabase(databaseUrl);
  db = createDb(databaseUrl, { max: 2, onIdleError: () => undefined });
  await migrateToLatest(db);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  base = `http://127.0.0.1:${port}`;
  supervisor = spawn(process.execPath, ['services/engine/src/main.ts'], {
    cwd: new URL('../../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'resilience',
      PORT: String(port),
      LOG_LEVEL: 'info',
      SWEEP_INTERVAL_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  supervisor.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) {
      if (line.includes('"component":"supervisor"')) logLines.push(JSON.parse(line));
    }
  });
  await eventually(readiness, (status) => status === 200, 60_000);
}, 90_000);

afterAll(async () => {
  if (supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await new Promise((r) => supervisor.once('exit', r));
  }
  await db?.destroy();
  await redis.stop();
  await postgres.destroy();
});

/** Complaints posted one by one, backdated an hour, until stopped: the ids the engine acknowledged. */
function postUntilStopped(key: string, prefix: string) {
  const acknowledged: string[] = [];
  let stopped = false;
  const client = api(key);
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const id = `${prefix}-${n}`;
      const result = await client
        .postEvents({
          id,
          type: 'complaint.received',
          subjectId: `C-${id}`,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          data: { departmentId: 'D-RESILIENT' },
        })
        .catch(() => null);
      // Accepted, or a duplicate when a retried post had been stored before its answer was lost.
      if (result) acknowledged.push(id);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

describe('the engine rides out its dependencies (issue 12 item 0, issue 14 item 5)', () => {
  it('terminated connections and restarts of Postgres and Redis under load: every acknowledged event applied once, not ready meanwhile, no process exited', async () => {
    const { key } = await createApiKey(db, { name: 'resilience ingest', role: 'ingest' });
    const p = uid('R');
    const load = postUntilStopped(key, p);
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= 20,
    );

    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = 'engine' AND pid <> pg_backend_pid()`.execute(db);
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= 40,
    );

    await postgres.stop();
    expect(await readiness()).toBe(503);
    await new Promise((r) => setTimeout(r, 2_000));
    await postgres.start();
    await eventually(readiness, (status) => status === 200, 30_000);
    const beforeRedis = load.acknowledged.length;

    await redis.stop();
    expect(await readiness()).toBe(503);
    await new Promise((r) => setTimeout(r, 2_000));
    await redis.start();
    await eventually(readiness, (status) => status === 200, 30_000);
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= beforeRedis + 20,
    );
    await load.stop();

    const ids = load.acknowledged;
    const applied = await eventually(
      async () =>
        (
          await db
            .selectFrom('events')
            .select('id')
            .where('id', 'like', `${p}-%`)
            .where('status', '=', 'applied')
            .execute()
        ).length,
      (n) => n === ids.length,
      90_000,
    );
    expect(applied).toBe(ids.length);
    // RULES.md 2.2: each an ordinary complaint, 100 yuan, posted once.
    const fines = await eventually(
      () =>
        db
          .selectFrom('ledger_entries')
          .select(['subject_id', 'rule', 'amount_fen'])
          .where('subject_id', 'like', `C-${p}-%`)
          .execute(),
      (rows) => rows.length >= ids.length,
      60_000,
    );
    expect(fines).toHaveLength(ids.length);
    expect(new Set(fines.map((f) => f.subject_id)).size).toBe(ids.length);
    expect(fines.every((f) => f.rule === 'complaint.ordinary' && f.amount_fen === 10_000)).toBe(true);
    // Rode it out: the supervisor never had to start a process again.
    expect(logLines.filter((l) => l.msg.includes('exited unexpectedly'))).toEqual([]);
  }, 240_000);

  it('a role process that dies anyway is started again by the supervisor, and the engine goes on', async () => {
    const classifier = childPid('classifier')!;
    process.kill(classifier, 'SIGKILL');
    await eventually(
      async () => childPid('classifier'),
      (pid) => pid !== undefined && pid !== classifier,
      30_000,
    );
    expect(logLines.some((l) => l.msg.includes('classifier exited unexpectedly'))).toBe(true);
    const { key } = await createApiKey(db, { name: 'after the crash', role: 'ingest' });
    const id = uid('after-crash');
    await api(key).postEvents({
      id,
      type: 'complaint.received',
      subjectId: `C-${id}`,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      data: { departmentId: 'D-RESILIENT' },
    });
    await eventually(
      () => db.selectFrom('events').select('status').where('id', '=', id).executeTakeFirst(),
      (row) => row?.status === 'applied',
      30_000,
    );
  }, 60_000);

  it('SIGTERM to the supervisor stops every process', async () => {
    const pids = ['api', 'classifier', 'penalty-calculator', 'sla-timer', 'notifier'].map(childPid);
    expect(pids.every((pid) => pid !== undefined)).toBe(true);
    supervisor.kill('SIGTERM');
    await new Promise((r) => supervisor.once('exit', r));
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid!, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
