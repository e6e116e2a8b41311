import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db, dropDatabase, ensureDatabase } from '../src/database.ts';

let db: Db;
let admin: Db;
const lost: Error[] = [];
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2, onIdleError: (error) => lost.push(error) });
  admin = createDb(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
  await db.destroy();
  await admin.destroy();
});

describe('a dropped database connection does not end the process', () => {
  it('an idle pooled connection terminated by Postgres is reported and replaced at the next query', async () => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    const pid = rows[0]!.pid;
    // Now idle in the pool: Postgres closes it, as in a restart or pg_terminate_backend.
    await sql`SELECT pg_terminate_backend(${pid})`.execute(admin);
    for (let waited = 0; lost.length === 0 && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lost.length).toBe(1);
    const again = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    expect(again.rows[0]!.pid).not.toBe(pid);
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database once, however many processes ask at the same moment', async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${url.pathname.slice(1)}_ensure`;
    await dropDatabase(url.toString());
    try {
      const asked = await Promise.allSettled(Array.from({ length: 8 }, () => ensureDatabase(url.toString())));
      expect(asked.filter((a) => a.status === 'rejected')).toEqual([]);
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_database WHERE datname = ${url.pathname.slice(1)}`.execute(admin);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await dropDatabase(url.toString());
    }
  });
});
