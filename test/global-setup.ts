import { randomBytes } from 'node:crypto';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest, seedBuiltinPolicies } from '@engine/db';
import type { TestProject } from 'vitest/node';
import { unlinkKeysWithPrefix } from './redis-keys.ts';

/** One database and one queue prefix per test run, so runs never collide; both removed at the end. */
export default async function setup(project: TestProject) {
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/engine_test_${run}`;
  const databaseUrl = base.toString();
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 1 });
  await migrateToLatest(db);
  await seedBuiltinPolicies(db, new Date());
  await db.destroy();
  project.provide('databaseUrl', databaseUrl);
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `engine-test-${run}`;
  project.provide('redisUrl', redisUrl);
  project.provide('queuePrefix', queuePrefix);
  return async () => {
    try {
      await dropDatabase(databaseUrl);
    } finally {
      await removeQueueKeys(redisUrl, queuePrefix);
    }
  };
}

/**
 * Deletes the run's BullMQ keys (every engine test adds `-<hex>` to the run's prefix): the shared
 * Redis runs noeviction, so keys left behind would pile up run after run.
 */
async function removeQueueKeys(redisUrl: string, queuePrefix: string): Promise<void> {
  const { removed, left } = await unlinkKeysWithPrefix(redisUrl, queuePrefix);
  // Printed every run, so a test that leaks a live worker (keys written after the cleanup) shows.
  console.log(`[teardown] removed ${removed} Redis keys under ${queuePrefix}*; ${left} left`);
  if (left > 0) throw new Error(`${left} Redis keys under ${queuePrefix}* reappeared: a queue is still open`);
}
