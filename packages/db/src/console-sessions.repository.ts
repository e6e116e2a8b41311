import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey } from './api-keys.repository.ts';
import type { Db } from './database.ts';

/** Console sessions: the cookie holds a random token, the table only its hash. */
const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function createConsoleSession(
  db: Db,
  apiKeyId: string,
  expiresAt: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('console_sessions')
    .values({ token_hash: hashToken(token), api_key_id: apiKeyId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/**
 * The key a session stands for, while the session is neither ended nor expired and the key not
 * revoked: revoking a key ends every session signed in with it.
 */
export async function findConsoleSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{ apiKey: ApiKey; expiresAt: Date } | undefined> {
  const row = await db
    .selectFrom('console_sessions as s')
    .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
    .select(['k.id', 'k.name', 'k.role', 'k.departments', 's.expires_at'])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { expires_at, ...apiKey } = row;
  return { apiKey, expiresAt: expires_at };
}

export async function endConsoleSession(db: Db, token: string, now: Date): Promise<void> {
  await db
    .updateTable('console_sessions')
    .set({ ended_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('ended_at', 'is', null)
    .execute();
}
