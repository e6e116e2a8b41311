import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../test/free-port.ts';

const infraConf = new URL('../../../infra/redis.conf', import.meta.url).pathname;

/** A Redis of the test's own, with the engine's settings (infra/redis.conf), that the test may stop and restart. */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'engine-redis-'));
  port = 0;
  #process: ChildProcess | null = null;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      [infraConf, '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.#process = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  }

  /** Stops Redis the way an operator would (SIGTERM: it writes its append-only file and exits). */
  async stop(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.#process = null;
  }
}
