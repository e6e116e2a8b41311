import { type Config, loadConfig } from '@engine/config';
import {
  createDb,
  type Db,
  ensureDatabase,
  ensureEventPartitions,
  loadPolicies,
  migrateToLatest,
  policyFingerprint,
  seedBuiltinPolicies,
} from '@engine/db';
import type { Policy } from '@engine/domain';
import { Producer } from '@engine/queue';
import { type Logger, pino } from 'pino';

/** What every engine process shares: settings, logger, database, policies, and the job producer. */
export interface Runtime {
  config: Config;
  log: Logger;
  db: Db;
  policies: () => readonly Policy[];
  /** The calendar fingerprint the policies' stored calendars were loaded at. */
  calendarFingerprint: () => string;
  /** The stored revision of a loaded version (a version may be replaced until first used). */
  policyRevision: (version: string) => number | undefined;
  /** Whether a version was already used when loaded, so the loaded body is final. */
  policySettled: (version: string) => boolean;
  reloadPolicies: () => Promise<void>;
  /** Reloads if another process stored or replaced a version; looks at most every few seconds. */
  refreshPolicies: () => Promise<void>;
  producer: Producer;
  now: () => Date;
}

const POLICY_REFRESH_MS = 5_000;

/** Connects and migrates (safe from several processes at once), then loads the policy versions. */
export async function bootstrap(config: Config = loadConfig()): Promise<Runtime> {
  const log = pino({ level: config.LOG_LEVEL });
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 20 });
  await migrateToLatest(db);
  await seedBuiltinPolicies(db);
  await ensureEventPartitions(db);
  let loaded = await loadPolicies(db);
  let lookedAt = Date.now();
  const reloadPolicies = async () => {
    loaded = await loadPolicies(db);
    lookedAt = Date.now();
  };
  return {
    config,
    log,
    db,
    policies: () => loaded.policies,
    calendarFingerprint: () => loaded.calendarFingerprint,
    policyRevision: (version) => loaded.revisions.get(version),
    policySettled: (version) => loaded.used.has(version),
    reloadPolicies,
    refreshPolicies: async () => {
      if (Date.now() - lookedAt < POLICY_REFRESH_MS) return;
      lookedAt = Date.now();
      if ((await policyFingerprint(db)) !== loaded.fingerprint) await reloadPolicies();
    },
    producer: new Producer(config.REDIS_URL, config.QUEUE_PREFIX, {
      attempts: config.WEBHOOK_ATTEMPTS,
      backoffMs: config.WEBHOOK_BACKOFF_MS,
    }),
    now: () => new Date(),
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
