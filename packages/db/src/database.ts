import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** bigint columns (sequences, fen amounts) as numbers: both stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type Db = Kysely<Database>;

export function createDb(
  databaseUrl: string,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, types });
  // An idle pooled connection that Postgres closes (a restart, pg_terminate_backend) emits 'error'
  // on the pool; unhandled, Node would end the process. The pool drops that client and opens a
  // new one at the next query, so the process rides it out.
  pool.on(
    'error',
    options.onIdleError ?? ((error) => console.warn(`database: idle connection lost (${error.message})`)),
  );
  // A connection lost while checked out (between two statements of a transaction) emits 'error' on
  // its client, which the pool does not listen to then: the statement in flight, or the next one,
  // fails instead (the job is retried), and the pool discards the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates the database named in the URL if it does not exist (the start command and tests use it). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    // Two processes creating the same database at once: the loser sees it exists (42P04), or, when
    // both passed the check above, the catalogue's unique name (23505).
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

/**
 * Drops a (test or benchmark) database. Connections that are still closing get a few seconds to
 * go; only then are they cut, since cutting one that is mid-close surfaces as an error in its owner.
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = pg.escapeIdentifier(decodeURIComponent(url.pathname.slice(1)));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A transaction on the engine's database. */
export type Trx = Transaction<Database>;
