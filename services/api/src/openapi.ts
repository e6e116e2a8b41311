import { loadConfig } from '@engine/config';
import { createDb } from '@engine/db';
import { builtinPolicies } from '@engine/domain';
import { buildApp } from './app.ts';

const unused = () => Promise.reject(new Error('the OpenAPI document is built without a running engine'));

/**
 * The OpenAPI document the server serves at /docs/json, built from the same route schemas without
 * a database or Redis (nothing is queried): the client's types are generated from it.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const db = createDb(config.DATABASE_URL, { max: 1 });
  const app = await buildApp({
    config,
    db,
    policies: () => builtinPolicies,
    pingRedis: unused,
    onEventsStored: () => {},
    now: () => new Date(),
    rebuildTimers: unused,
    reloadPolicies: unused,
    requestEvaluations: unused,
    closePeriod: unused,
    previewClose: unused,
  });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  await db.destroy();
  return document;
}
