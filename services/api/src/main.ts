// The API process: migrates, then serves the HTTP contract and relays the outbox to the queue.
import { loadConfig } from '@engine/config';
import {
  createDb,
  ensureDatabase,
  ensureEventPartitions,
  loadPolicies,
  migrateToLatest,
  seedBuiltinPolicies,
} from '@engine/db';
import { createQueue, OutboxRelay, pingQueue } from '@engine/queue';
import { buildApp } from './app.ts';

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
const db = createDb(config.DATABASE_URL);
await migrateToLatest(db);
await seedBuiltinPolicies(db);
await ensureEventPartitions(db);
const policies = await loadPolicies(db);

const queue = createQueue('events', config.REDIS_URL, config.QUEUE_PREFIX);
let relay: OutboxRelay | null = null;
const app = await buildApp(
  {
    config,
    db,
    policies: () => policies,
    pingRedis: () => pingQueue(queue),
    onEventsStored: () => relay?.kick(),
    now: () => new Date(),
  },
  { level: config.LOG_LEVEL },
);
// Redis may be away: the relay reports it, and events wait in Postgres meanwhile.
queue.on('error', () => undefined);
relay = new OutboxRelay(db, queue, config.DATABASE_URL, app.log);
await relay.start();
await app.listen({ host: config.HOST, port: config.PORT });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  await app.close();
  await relay?.stop();
  await queue.close();
  await db.destroy();
  app.log.info('stopped');
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
