import { type ChildProcess, spawn } from 'node:child_process';
import { dropDatabase } from '@engine/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { engineRoles } from '../src/engine-roles.ts';
import { eventually } from './support.ts';

// The start command's first run on a machine: its database does not exist yet, and every role
// process would create and migrate it at once. The supervisor prepares it first, so none of them
// fails (each did, now and then, with a duplicate-name error and a stack trace on the terminal).
const databaseUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${url.pathname.slice(1)}_first_start`;
  return url.toString();
})();
let supervisor: ChildProcess | undefined;

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await new Promise((r) => supervisor!.once('exit', r));
  }
  await dropDatabase(databaseUrl);
});

describe('the start command on a machine without its database', () => {
  it('creates and migrates it once: every process starts, none exits, nothing is printed on stderr', async () => {
    await dropDatabase(databaseUrl);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['services/engine/src/main.ts'], {
      cwd: new URL('../../../', import.meta.url).pathname,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `${inject('queuePrefix')}_first_start`,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor = child;
    const lines: { msg: string; process?: string }[] = [];
    let stderr = '';
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const ready = () =>
      fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
        (r) => r.status,
        () => 0,
      );
    await eventually(ready, (status) => status === 200, 60_000);
    // Every role has started (and logged it) by the time the API is ready; give the last a moment.
    await eventually(
      async () => lines.filter((l) => l.msg === 'process started').length,
      (n) => n === engineRoles.length,
      10_000,
    );
    expect(lines.filter((l) => l.msg.includes('exited unexpectedly'))).toEqual([]);
    expect(stderr).toBe('');
  }, 90_000);
});
