import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database.ts';
import { departmentScopedRoles, type Role } from './schema.ts';

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** null: every department. */
  departments: string[] | null;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** A key that cannot be made as asked (the caller's mistake, said in its words). */
export class ApiKeyError extends Error {}

/**
 * Creates a key and returns it once in clear; only its hash is stored. Departments limit what a
 * manager or finance key sees; on an ingest or admin key they would mean nothing, so they are refused.
 */
export async function createApiKey(
  db: Db,
  input: { name: string; role: Role; departments?: string[] | null },
): Promise<{ key: string; apiKey: ApiKey }> {
  if (input.departments && !departmentScopedRoles.includes(input.role)) {
    throw new ApiKeyError(
      `an ${input.role} key acts for every department and cannot be limited to some; only ${departmentScopedRoles.join(' and ')} keys can`,
    );
  }
  if (input.departments?.length === 0) throw new ApiKeyError('name at least one department, or none for all');
  const prefix = randomBytes(4).toString('hex');
  const key = `cse_${prefix}_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      name: input.name,
      role: input.role,
      departments: input.departments ?? null,
      key_hash: hashApiKey(key),
      prefix,
    })
    .returning(['id', 'name', 'role', 'departments'])
    .executeTakeFirstOrThrow();
  return { key, apiKey: row };
}

export async function findActiveApiKey(db: Db, key: string): Promise<ApiKey | undefined> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'departments'])
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countActiveKeys(db: Db, role: Role): Promise<number> {
  const { count } = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', role)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Every key, newest first, revoked ones included (never the key itself: only its prefix). */
export async function listApiKeys(db: Db) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'departments', 'prefix', 'created_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
