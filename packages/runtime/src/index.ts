import { type Config, loadConfig, timerHorizonMs } from '@engine/config';
import {
  createDb,
  type Db,
  ensureDatabase,
  ensureEventPartitions,
  migrateToLatest,
  PolicyStore,
  seedBuiltinPolicies,
} from '@engine/db';
import { Producer } from '@engine/queue';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from './logger.ts';

export { createLogger } from './logger.ts';

/** What every engine process shares: settings, logger, database, policies, and the job producer. */
export interface Runtime {
  config: Config;
  log: Logger;
  db: Db;
  /** The stored policy versions this process judges by. */
  policies: PolicyStore;
  producer: Producer;
  now: () => Date;
}

/** Creates the database if it is missing, migrates it, and stores the built-in policies and the months' partitions. */
async function prepareSchema(config: Config, db: Db, now: () => Date): Promise<void> {
  await ensureDatabase(config.DATABASE_URL);
  await migrateToLatest(db);
  await seedBuiltinPolicies(db, now());
  await ensureEventPartitions(db);
}

/**
 * The database made ready once, before the start command's role processes start: each would do it
 * too (safely), but on a fresh machine they would all wait on the first one's migrations at once.
 */
export async function prepareDatabase(config: Config): Promise<void> {
  const db = createDb(config.DATABASE_URL, { max: 1 });
  try {
    await prepareSchema(config, db, () => new Date());
  } finally {
    await db.destroy();
  }
}

/**
 * Connects and migrates (safe from several processes at once), then loads the policy versions.
 * `now` is the engine's clock: the wall clock, or one a test pins to a known instant.
 */
export async function bootstrap(
  config: Config = loadConfig(),
  now: () => Date = () => new Date(),
  logTo?: DestinationStream,
): Promise<Runtime> {
  const log = createLogger(config, logTo);
  const db = createDb(config.DATABASE_URL, {
    max: 20,
    onIdleError: (err) =>
      log.warn({ err }, 'an idle database connection was closed; the next query opens another'),
  });
  await prepareSchema(config, db, now);
  return {
    config,
    log,
    db,
    policies: await PolicyStore.load(db),
    producer: new Producer(config.REDIS_URL, config.QUEUE_PREFIX, {
      webhookRetries: { attempts: config.WEBHOOK_ATTEMPTS, backoffMs: config.WEBHOOK_BACKOFF_MS },
      timerHorizonMs: timerHorizonMs(config),
    }),
    now,
  };
}

export type Stop = () => Promise<void>;

/**
 * Stops the given parts on SIGTERM or SIGINT, in order (each finishes or hands back its in-flight
 * work), then closes the shared connections.
 */
export function stopOnSignal(runtime: Runtime, parts: readonly Stop[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.log.info({ signal }, 'shutting down: finishing in-flight work');
    for (const part of parts) await part();
    await runtime.producer.close();
    await runtime.db.destroy();
    runtime.log.info('stopped');
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
