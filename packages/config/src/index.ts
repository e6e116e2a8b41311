import { userInfo } from 'node:os';
import { z } from 'zod';

/**
 * A Postgres URL without a user name connects as the OS user, as psql does. node-postgres takes it
 * from PGUSER or USER only, and refuses to connect when neither is set (a service, a bare `env -i`).
 */
function withDefaultUser(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.username || process.env.PGUSER || process.env.USER) return databaseUrl;
  url.username = userInfo().username;
  return url.toString();
}

/** The engine's settings, read once from the environment and validated; local defaults need no setup. */
const configSchema = z.object({
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/engine').transform(withDefaultUser),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Prefixes every BullMQ key, so engines (and test runs) sharing one Redis never collide. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('engine'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log lines as JSON (for machines), pretty (pino-pretty, for people), or auto: pretty when stdout is a terminal. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** The policy family complaints are judged by (a pack family, e.g. fuling or gas-utility). */
  POLICY_FAMILY: z.string().default('fuling'),
  /** A request must arrive whole within this (headers and body): a client that trickles one in is cut off with a 408. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Largest request body; a batch of 1,000 events with long summaries fits. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  /**
   * Group commit of POST /v1/events: transactions an API process has committing at once. Posts
   * arriving meanwhile wait and are written together in the next one (each still answered only
   * after its commit); 1 gives the largest groups, more overlaps commits at the cost of connections.
   */
  INGEST_COMMITS_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(4),
  /** Jobs each worker process runs at once, per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(8),
  /** The classifier evaluates up to this many subjects per transaction (the jobs it runs at once, together). */
  CLASSIFIER_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(400),
  /** How long the first subject of a batch waits for others before its batch goes anyway. */
  CLASSIFIER_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(1_000).default(5),
  /**
   * Classifier batches running at once (each a transaction); subjects arriving meanwhile wait and
   * go together in the next, so a backlog makes batches larger rather than more numerous.
   */
  CLASSIFIER_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
  /** How long a job stays locked to a worker; a dead worker's jobs run again after it. */
  JOB_LOCK_MS: z.coerce.number().int().positive().default(3_000),
  /** How often the sla-timer's sweep looks in Postgres for work a lost job left undone. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * Redis holds timers only for clocks whose next check is this near (decimals allowed); the SLA
   * timer loads the rest from Postgres's next_check_at index as they come near, every fifth of it.
   */
  TIMER_HORIZON_MINUTES: z.coerce.number().positive().max(1_440).default(5),
  /** Webhook deliveries: attempts before the dead-letter record, and the first retry's delay (doubling after). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().positive().default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().positive().default(1_000),
  /**
   * Webhooks to loopback and private addresses (127.0.0.0/8, 10/8, 172.16/12, 192.168/16, CGNAT,
   * ::1, fc00::/7): refused unless true (a receiver on the engine's own network, tests). Link-local
   * and cloud metadata addresses are refused whatever this says.
   */
  WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  /** The console's and links' absolute base (webhook payloads, messages); empty: http://127.0.0.1:PORT. */
  PUBLIC_URL: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  /** How long a console sign-in lasts before the person signs in again (a working day and a half). */
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Which parts the engine process runs: all, or a comma list of api, classifier, penalty-calculator, sla-timer, notifier. */
  ENGINE_ROLES: z.string().default('all'),
  /** The start command's process model: one supervised process per role (uses every core), or one for all. */
  ENGINE_PROCESSES: z.enum(['per-role', 'single']).default('per-role'),
});

export type Config = z.infer<typeof configSchema>;

/** The absolute base of the engine's pages: PUBLIC_URL, or the local address when none is set. */
export function publicUrl(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL || `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
}

/** The timer horizon in milliseconds (TIMER_HORIZON_MINUTES). */
export function timerHorizonMs(config: Pick<Config, 'TIMER_HORIZON_MINUTES'>): number {
  return Math.round(config.TIMER_HORIZON_MINUTES * 60_000);
}

/**
 * How often the SLA timer loads clocks coming within the horizon: a fifth of it, so a clock is in
 * Redis at least four fifths of the horizon before it is due.
 */
export function timerLoadIntervalMs(config: Pick<Config, 'TIMER_HORIZON_MINUTES'>): number {
  return Math.max(100, Math.round(timerHorizonMs(config) / 5));
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  return result.data;
}
