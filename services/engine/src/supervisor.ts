import { type ChildProcess, fork } from 'node:child_process';
import type { Logger } from 'pino';

/** One supervised process: a name for the logs, and the roles it runs (ENGINE_ROLES). */
export interface ProcessSpec {
  name: string;
  roles: string;
}

export interface SupervisorOptions {
  /** The script each process runs (roles.ts). */
  script: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** The first restart's delay; it doubles with each quick crash, up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** A process that ran this long before it died is restarted at the first delay again. */
  healthyAfterMs?: number;
  /** How long a stop waits for a process to finish its work before it is killed. */
  stopTimeoutMs?: number;
  /** Node and V8 flags for each process, after the supervisor's own (last one wins). */
  nodeFlags?: readonly string[];
}

/**
 * Keeps one child process per spec running, as systemd or a container runtime would: a process
 * that exits without being asked (a crash, an out-of-memory kill) is started again after a delay
 * that grows while it keeps crashing. A stop sends SIGTERM to each and waits for it to finish.
 */
export class Supervisor {
  readonly #options: Required<SupervisorOptions>;
  readonly #children = new Map<string, ChildProcess>();
  readonly #restarts = new Map<string, NodeJS.Timeout>();
  #stopping = false;

  constructor(options: SupervisorOptions) {
    this.#options = {
      restartDelayMs: 250,
      maxRestartDelayMs: 30_000,
      healthyAfterMs: 60_000,
      stopTimeoutMs: 30_000,
      nodeFlags: [],
      ...options,
    };
  }

  start(specs: readonly ProcessSpec[]): void {
    for (const spec of specs) this.#run(spec, 0);
  }

  /** The pid of each running process, by name. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.#children].map(([name, child]) => [name, child.pid]));
  }

  #run(spec: ProcessSpec, crashes: number): void {
    const { script, env, log } = this.#options;
    const startedAt = Date.now();
    const child = fork(script, [], {
      env: { ...env, ENGINE_ROLES: spec.roles },
      execArgv: [...process.execArgv, ...this.#options.nodeFlags],
      stdio: 'inherit',
    });
    this.#children.set(spec.name, child);
    log.info({ process: spec.name, childPid: child.pid }, 'process started');
    child.once('exit', (code, signal) => {
      this.#children.delete(spec.name);
      if (this.#stopping) return;
      const quick = Date.now() - startedAt < this.#options.healthyAfterMs;
      const next = quick ? crashes + 1 : 1;
      const delay = Math.min(this.#options.maxRestartDelayMs, this.#options.restartDelayMs * 2 ** (next - 1));
      log.error(
        { process: spec.name, childPid: child.pid, code, signal, restartInMs: delay },
        `process ${spec.name} exited unexpectedly; starting it again`,
      );
      this.#restarts.set(
        spec.name,
        setTimeout(() => {
          this.#restarts.delete(spec.name);
          if (!this.#stopping) this.#run(spec, next);
        }, delay),
      );
    });
  }

  /** Stops every process (SIGTERM, then SIGKILL after the timeout); restarts planned are dropped. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#restarts.values()) clearTimeout(timer);
    this.#restarts.clear();
    await Promise.all(
      [...this.#children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), this.#options.stopTimeoutMs);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
