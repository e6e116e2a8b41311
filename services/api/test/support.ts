import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '@engine/config';
import { createApiKey, createDb, type Db, loadPolicies, type Role } from '@engine/db';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AppDeps } from '../src/deps.ts';

/** A unique id prefix per test, so tests sharing the run's database never see each other's rows. */
export function uniqueId(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: inject('queuePrefix'),
      LOG_LEVEL: 'silent',
    }),
    ...overrides,
  };
}

export interface TestApi {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Db;
  keys: Record<Role, string>;
  storedEvents: () => number;
  close: () => Promise<void>;
}

/** The API on the run's real database, with one key per role; `now` is fixed unless given. */
export async function startTestApi(deps: Partial<AppDeps> = {}): Promise<TestApi> {
  const config = testConfig();
  const db = createDb(config.DATABASE_URL, { max: 25 });
  let { policies } = await loadPolicies(db);
  let stored = 0;
  const app = await buildApp({
    config,
    db,
    policies: () => policies,
    pingRedis: async () => 'PONG',
    onEventsStored: () => {
      stored += 1;
    },
    now: () => new Date('2026-11-23T12:00:00+08:00'),
    rebuildTimers: async () => 0,
    reloadPolicies: async () => {
      ({ policies } = await loadPolicies(db));
    },
    requestEvaluations: async () => {},
    closePeriod: async () => {
      throw new Error('this test API runs no period close');
    },
    previewClose: async () => {
      throw new Error('this test API runs no period close');
    },
    ...deps,
  });
  const keys = {} as Record<Role, string>;
  for (const role of ['ingest', 'manager', 'finance', 'admin'] as const) {
    keys[role] = (await createApiKey(db, { name: `test ${role}`, role })).key;
  }
  return {
    app,
    db,
    keys,
    storedEvents: () => stored,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export function complaintReceived(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    type: 'complaint.received',
    subjectId: `C-${id}`,
    occurredAt: '2026-11-23T09:00:00+08:00',
    data: { departmentId: 'D1', channel: 'hotline' },
    ...overrides,
  };
}
