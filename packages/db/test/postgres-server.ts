import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../test/free-port.ts';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/** Runs a Postgres tool as the postgres user (Postgres refuses to run as root). */
async function asPostgres(tool: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  await run(
    root ? 'runuser' : `${BIN}/${tool}`,
    root ? ['-u', 'postgres', '--', `${BIN}/${tool}`, ...args] : args,
  );
}

/**
 * A Postgres server of the test's own (initdb in a temporary directory, its own port) that the test
 * may stop, start and cut connections of, as an operator's restart would, without touching the
 * shared server other tests use.
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'engine-pg-'));
  port = 0;

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    if (process.getuid?.() === 0)
      chownSync(this.dir, Number((await run('id', ['-u', 'postgres'])).stdout), 0);
    this.port = await freePort();
    await asPostgres('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await this.start();
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await asPostgres('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** Stops it the way an operator's restart does (fast shutdown: sessions are cut, nothing is lost). */
  async stop(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
