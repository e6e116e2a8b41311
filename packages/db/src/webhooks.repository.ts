import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Webhook subscriptions and their deliveries (retried, then recorded dead). */
export interface DeliveryToSend {
  id: number;
  status: 'pending' | 'delivered' | 'dead';
  url: string;
  secret: string;
  signal: {
    id: number;
    kind: string;
    key: string;
    subjectKind: string;
    subjectId: string;
    at: Date;
    departmentId: string | null;
    detail: unknown;
  };
}

export async function deliveryToSend(db: Db, id: number): Promise<DeliveryToSend | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
    .innerJoin('signals as s', 's.id', 'd.signal_id')
    .select([
      'd.id',
      'd.status',
      'w.url',
      'w.secret',
      's.id as signal_id',
      's.kind',
      's.key',
      's.subject_kind',
      's.subject_id',
      's.at',
      's.department_id',
      's.detail',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    url: row.url,
    secret: row.secret,
    signal: {
      id: row.signal_id,
      kind: row.kind,
      key: row.key,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      at: row.at,
      departmentId: row.department_id,
      detail: row.detail,
    },
  };
}

export async function recordDeliveryAttempt(
  db: Db,
  id: number,
  outcome: { status: 'pending' | 'delivered' | 'dead'; error: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      last_error: outcome.error,
      delivered_at: outcome.status === 'delivered' ? new Date() : null,
    }))
    .where('id', '=', id)
    .execute();
}

/** A delivery given up on, with what the logs say of it (the receiver's host, never its full URL). */
export async function deadDelivery(db: Db, id: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
    .innerJoin('signals as g', 'g.id', 'd.signal_id')
    .select([
      'd.id',
      'd.subscription_id as subscriptionId',
      'w.url',
      'd.attempts',
      'd.last_error as lastError',
      'g.kind as signalKind',
      'g.subject_kind as subjectKind',
      'g.subject_id as subjectId',
    ])
    .where('d.id', '=', id)
    .where('d.status', '=', 'dead')
    .executeTakeFirst();
}

export async function createWebhook(db: Db, input: { url: string; secret: string; kinds: string[] }) {
  return db
    .insertInto('webhook_subscriptions')
    .values({ url: input.url, secret: input.secret, kinds: input.kinds })
    .returning(['id', 'url', 'kinds', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listWebhooks(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'kinds', 'created_at'])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_subscriptions')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
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
