export * from './api-keys.repository.ts';
export { createDb, type Db, dropDatabase, ensureDatabase } from './database.ts';
export * from './events.repository.ts';
export { migrateToLatest } from './migrate.ts';
export * from './policy-versions.repository.ts';
export type { Database, Role } from './schema.ts';
