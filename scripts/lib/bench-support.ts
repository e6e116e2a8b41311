// What the benchmarks share: a scratch database of their own, waiting for the API, and a process's memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createDb,
  type Db,
  dropDatabase,
  ensureDatabase,
  migrateToLatest,
  seedBuiltinPolicies,
} from '@engine/db';
import { roleNodeFlags } from '../../services/engine/src/engine-roles.ts';

export { freePort } from '../../test/free-port.ts';

/** A migrated database named for this benchmark run, with the built-in packs; `drop` removes it. */
export async function scratchDatabase(
  name: string,
  pool = 2,
): Promise<{ db: Db; databaseUrl: string; drop: () => Promise<void> }> {
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/engine_bench_${name}_${process.pid}`;
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: pool });
  await migrateToLatest(db);
  await seedBuiltinPolicies(db, new Date());
  return {
    db,
    databaseUrl,
    drop: async () => {
      await db.destroy();
      await dropDatabase(databaseUrl);
    },
  };
}

/** An engine process running the given role(s) (comma list, as ENGINE_ROLES) on the benchmark's database and queue prefix. */
export function spawnEngine(options: {
  role: string;
  databaseUrl: string;
  queuePrefix: string;
  port: number;
}): ChildProcess {
  // With the heap settings the start command's supervisor gives each role's process.
  return spawn(process.execPath, [...roleNodeFlags, 'services/engine/src/roles.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      QUEUE_PREFIX: options.queuePrefix,
      PORT: String(options.port),
      LOG_LEVEL: 'warn',
      ENGINE_ROLES: options.role,
    },
    // Its log lines (warnings and worse) to our stderr, so stdout keeps only the figures.
    stdio: ['ignore', process.stderr, 'inherit'],
  });
}

/** Waits until the API on the port answers /healthz (30 s at most). */
export async function waitForApi(port: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API on port ${port} did not start`);
}

/** A process's resident memory, in MiB (Linux). */
export function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}
