import { randomBytes } from 'node:crypto';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest, seedBuiltinPolicies } from '@engine/db';
import type { TestProject } from 'vitest/node';

/** One database and one queue prefix per test run, so runs never collide; dropped at the end. */
export default async function setup(project: TestProject) {
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/engine_test_${run}`;
  const databaseUrl = base.toString();
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 1 });
  await migrateToLatest(db);
  await seedBuiltinPolicies(db);
  await db.destroy();
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('queuePrefix', `engine-test-${run}`);
  return async () => {
    await dropDatabase(databaseUrl);
  };
}
