import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db, type Trx } from '../src/database.ts';
import { lockSubject } from '../src/locks.ts';

let db: Db;
beforeAll(() => {
  // Three connections: the holder, the waiter, and one to look at them from outside.
  db = createDb(inject('databaseUrl'), { max: 3 });
});
afterAll(async () => {
  await db.destroy();
});

const uid = (label: string) => `${label}-${randomBytes(5).toString('hex')}`;

const backendPid = async (trx: Trx) =>
  (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid;

/** Whether a backend is blocked on an advisory lock right now. */
async function waitsOnAdvisoryLock(pid: number): Promise<boolean> {
  const { rows } = await sql<{ waiting: boolean }>`
    SELECT coalesce(bool_or(wait_event_type = 'Lock' AND wait_event = 'advisory'), false) AS waiting
    FROM pg_stat_activity WHERE pid = ${pid}`.execute(db);
  return rows[0]!.waiting;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('lockSubject serialises the transactions on one subject', () => {
  it('a second transaction on the same subject waits until the first commits', async () => {
    const id = uid('C');
    const order: string[] = [];
    const first = await db.startTransaction().execute();
    let second: Promise<void> | undefined;
    try {
      await lockSubject(first, 'complaint', id);
      order.push('first locked');

      let secondPid = 0;
      second = db.transaction().execute(async (trx) => {
        secondPid = await backendPid(trx);
        await lockSubject(trx, 'complaint', id);
        order.push('second locked');
      });
      // The second is in Postgres, blocked on the subject's lock, and has not gone past it.
      await until(async () => secondPid !== 0 && (await waitsOnAdvisoryLock(secondPid)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(order).toEqual(['first locked']);

      order.push('first commits');
      await first.commit().execute();
      await second;
      expect(order).toEqual(['first locked', 'first commits', 'second locked']);
    } finally {
      if (!first.isCommitted) await first.rollback().execute();
      await second;
    }
  });

  it('a rolled-back holder releases the subject too', async () => {
    const id = uid('C');
    const first = await db.startTransaction().execute();
    await lockSubject(first, 'fault', id);
    let acquired = false;
    const second = db.transaction().execute(async (trx) => {
      await lockSubject(trx, 'fault', id);
      acquired = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(acquired).toBe(false);
    await first.rollback().execute();
    await second;
    expect(acquired).toBe(true);
  });

  it('another subject, or the same id of another kind, does not wait', async () => {
    const id = uid('C');
    const holder = await db.startTransaction().execute();
    try {
      await lockSubject(holder, 'complaint', id);
      const others = db.transaction().execute(async (trx) => {
        await lockSubject(trx, 'complaint', uid('C'));
        await lockSubject(trx, 'fault', id);
        return 'locked';
      });
      // Settles while the holder still holds its lock: nothing made it wait.
      const outcome = await Promise.race([
        others,
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2_000)),
      ]);
      expect(outcome).toBe('locked');
    } finally {
      await holder.rollback().execute();
    }
  });
});
