import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Subjects whose next warning or deadline has passed: their timer was lost or is late. */
export async function subjectsDue(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('subjects')
    .select(['kind', 'id', 'next_check_at'])
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
}

/** Subjects whose ledger lags their state (a penalties job was lost), idle for a while. */
export async function subjectsWithLedgerBehind(db: Db, idleSeconds: number, limit: number) {
  return db
    .selectFrom('subjects')
    .select(['kind', 'id', 'state_version'])
    .where(sql<boolean>`ledger_version < state_version`)
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .limit(limit)
    .execute();
}

/** Events queued a while ago that no classifier has looked at (their job was lost): back to the outbox. */
export async function requeueUnattemptedEvents(db: Db, idleSeconds: number): Promise<number> {
  const result = await db
    .updateTable('events')
    .set({ enqueued_at: null })
    .where('attempted_at', 'is', null)
    .where('enqueued_at', '<', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function pendingDeliveries(db: Db, idleSeconds: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Every subject with a timer ahead: what the timer reconciler rebuilds from. */
export async function subjectsWithTimers(
  db: Db,
  afterKey: { kind: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('subjects')
    .select(['kind', 'id', 'next_check_at'])
    .where('next_check_at', 'is not', null)
    .orderBy('kind')
    .orderBy('id')
    .limit(limit);
  if (afterKey) query = query.where(sql<boolean>`(kind, id) > (${afterKey.kind}, ${afterKey.id})`);
  return query.execute();
}
