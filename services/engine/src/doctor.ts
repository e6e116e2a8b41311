import type { Config } from '@engine/config';
import {
  createDb,
  type Db,
  loadStoredCalendars,
  migrationStatus,
  pipelineBacklog,
  serverVersion,
} from '@engine/db';
import { parseInstant } from '@engine/domain';
import { Producer, queueNames } from '@engine/queue';
import { WARN_DAYS } from '@engine/use-cases';
import { oneLine, redactUrl } from './command-error.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  status: CheckStatus;
  name: string;
  detail: string;
}

/** Each step of the doctor gives up after this: a server that never answers is a failed check, not a hung command. */
const STEP_TIMEOUT_MS = 5_000;
/** Events queued longer than this and not yet applied mean the classifier is behind, or not running. */
const STALE_EVENT_SECONDS = 60;
/** Dead webhook deliveries this recent are reported. */
const DEAD_WEBHOOK_DAYS = 7;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${STEP_TIMEOUT_MS / 1000} s`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `engine.sh doctor`: what an operator checks before and after a deploy, read-only (it never
 * migrates or creates anything): Postgres and Redis reachable, Redis set up as BullMQ needs it
 * (noeviction, append-only), migrations current, the calendars' official data, the queues'
 * backlog and their workers, events not applied, dead webhooks.
 */
export async function runDoctor(
  config: Config,
  now: Date,
  /** Only whether Postgres and Redis answer, and Redis's settings: a container's health check, every few seconds. */
  options: { reachableOnly?: boolean } = {},
): Promise<Check[]> {
  const checks: Check[] = [];
  const db = createDb(config.DATABASE_URL, { max: 2, onIdleError: () => undefined });
  const producer = new Producer(config.REDIS_URL, config.QUEUE_PREFIX);
  try {
    const postgresUp = await checkPostgres(db, config, checks);
    const redisUp = await checkRedis(producer, config, checks);
    if (postgresUp && !options.reachableOnly) await checkDatabase(db, now, checks);
    if (redisUp && !options.reachableOnly) await checkQueues(producer, checks);
  } finally {
    // Bounded: a server that stopped answering must not keep the command waiting.
    await withTimeout(Promise.all([db.destroy(), producer.close()]), 'closing connections').catch(
      () => undefined,
    );
  }
  return checks;
}

async function checkPostgres(db: Db, config: Config, checks: Check[]): Promise<boolean> {
  const where = redactUrl(config.DATABASE_URL);
  try {
    const version = await withTimeout(serverVersion(db), 'PostgreSQL');
    checks.push({ status: 'ok', name: 'postgres', detail: `reachable at ${where} (PostgreSQL ${version})` });
    return true;
  } catch (error) {
    const missing = (error as { code?: string }).code === '3D000';
    checks.push({
      status: 'fail',
      name: 'postgres',
      detail: missing
        ? `${where}: the database does not exist (engine.sh migrate creates it)`
        : `cannot reach ${where}: ${oneLine(error)}`,
    });
    return false;
  }
}

async function checkRedis(producer: Producer, config: Config, checks: Check[]): Promise<boolean> {
  const where = redactUrl(config.REDIS_URL);
  let info: Record<string, string>;
  try {
    const client = await withTimeout(producer.queues.events.client, 'Redis');
    const text = await withTimeout(client.info(), 'Redis INFO');
    info = Object.fromEntries(
      text
        .split(/\r?\n/)
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
    );
  } catch (error) {
    checks.push({ status: 'fail', name: 'redis', detail: `cannot reach ${where}: ${oneLine(error)}` });
    return false;
  }
  checks.push({ status: 'ok', name: 'redis', detail: `reachable at ${where} (Redis ${info.redis_version})` });
  const policy = info.maxmemory_policy;
  checks.push(
    policy === 'noeviction'
      ? { status: 'ok', name: 'redis eviction', detail: 'maxmemory-policy noeviction' }
      : {
          status: 'fail',
          name: 'redis eviction',
          detail: `maxmemory-policy is ${policy}: Redis may drop queued jobs under memory pressure; set noeviction (infra/redis.conf)`,
        },
  );
  checks.push(
    info.aof_enabled === '1'
      ? { status: 'ok', name: 'redis persistence', detail: 'append-only file on' }
      : {
          status: 'warn',
          name: 'redis persistence',
          detail:
            'append-only file off: a Redis restart loses the queued jobs and timers (Postgres keeps the events; the sweep redoes what is due, later); set appendonly yes (infra/redis.conf)',
        },
  );
  return true;
}

async function checkDatabase(db: Db, now: Date, checks: Check[]): Promise<void> {
  const { pending, unknown } = await migrationStatus(db);
  if (pending.length > 0) {
    checks.push({
      status: 'fail',
      name: 'migrations',
      detail: `${pending.length} not applied (${pending.join(', ')}): run engine.sh migrate`,
    });
    return; // the other checks read tables those migrations make
  }
  checks.push(
    unknown.length > 0
      ? {
          status: 'warn',
          name: 'migrations',
          detail: `the database has migrations this engine does not know (${unknown.join(', ')}): a newer engine ran on it`,
        }
      : { status: 'ok', name: 'migrations', detail: 'current' },
  );

  const at = parseInstant(now.toISOString());
  const calendars = [...(await loadStoredCalendars(db)).values()];
  if (calendars.length === 0) {
    checks.push({
      status: 'warn',
      name: 'calendars',
      detail: 'none stored yet: the engine stores the shipped ones when it first starts',
    });
  }
  for (const calendar of calendars) {
    const daysLeft = calendar.officialDaysLeft(at);
    checks.push({
      status: daysLeft < WARN_DAYS ? 'warn' : 'ok',
      name: `calendar ${calendar.id}`,
      detail:
        daysLeft < WARN_DAYS
          ? `official holiday data for ${daysLeft} more days: store the next year's notice (engine.sh calendar import)`
          : `official holiday data for ${daysLeft} more days`,
    });
  }

  const { unqueued, stale, waiting, dead } = await pipelineBacklog(db, {
    staleSeconds: STALE_EVENT_SECONDS,
    deadDays: DEAD_WEBHOOK_DAYS,
  });
  checks.push({
    status: stale > 0 ? 'warn' : 'ok',
    name: 'events',
    detail: `${count(unqueued)} not yet queued, ${count(stale)} queued over ${STALE_EVENT_SECONDS} s and not applied${stale > 0 ? ' (is the classifier running?)' : ''}, ${count(waiting)} waiting for their subject's opening event`,
  });
  checks.push(
    dead > 0
      ? {
          status: 'warn',
          name: 'webhooks',
          detail: `${count(dead)} deliveries dead in the last ${DEAD_WEBHOOK_DAYS} days (GET /v1/webhooks shows their last errors)`,
        }
      : {
          status: 'ok',
          name: 'webhooks',
          detail: `no dead deliveries in the last ${DEAD_WEBHOOK_DAYS} days`,
        },
  );
}

/** The role whose workers take each queue's jobs (services/*\/src/start.ts). */
const consumers: Record<(typeof queueNames)[number], string> = {
  events: 'classifier',
  subjects: 'classifier',
  deadlines: 'classifier',
  penalties: 'penalty-calculator',
  timers: 'sla-timer',
  notifications: 'notifier',
};

async function checkQueues(producer: Producer, checks: Check[]): Promise<void> {
  for (const name of queueNames) {
    const queue = producer.queues[name];
    const counts = await withTimeout(queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed'), name);
    // CLIENT LIST: some hosted Redis refuse it; the backlog is still worth printing.
    const workers = await withTimeout(queue.getWorkersCount(), name).catch(() => null);
    const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    const stuck = waiting > 0 && workers === 0;
    checks.push({
      status: stuck ? 'warn' : 'ok',
      name: `queue ${name}`,
      detail: `${count(waiting)} waiting, ${count(counts.active ?? 0)} running, ${count(counts.delayed ?? 0)} delayed; ${
        workers === null ? 'workers unknown (CLIENT LIST refused)' : `${workers} workers`
      }${stuck ? `: nobody takes them, is the ${consumers[name]} running?` : ''}`,
    });
  }
}

/** The doctor's report: a line per check, the status first. */
export function formatChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks.map((c) => `${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}`).join('\n');
}
