import type { Db } from './database.ts';
import type { Trx } from './subjects.repository.ts';

export interface NewSignal {
  subjectKind: string;
  subjectId: string;
  key: string;
  kind: string;
  at: Date;
  departmentId: string | null;
  detail: Record<string, unknown>;
}

/**
 * Records signals once each (unique per subject and key) and creates a delivery for each webhook
 * subscribed to its kind, in the same transaction; returns the new deliveries' ids.
 */
export async function recordSignals(trx: Trx, signals: readonly NewSignal[]): Promise<number[]> {
  if (signals.length === 0) return [];
  const inserted = await trx
    .insertInto('signals')
    .values(
      signals.map((s) => ({
        subject_kind: s.subjectKind,
        subject_id: s.subjectId,
        key: s.key,
        kind: s.kind,
        at: s.at,
        department_id: s.departmentId,
        detail: JSON.stringify(s.detail),
      })),
    )
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'key']).doNothing())
    .returning(['id', 'kind'])
    .execute();
  if (inserted.length === 0) return [];
  const subscriptions = await trx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'kinds'])
    .where('deleted_at', 'is', null)
    .execute();
  const deliveries = inserted.flatMap((signal) =>
    subscriptions
      .filter((s) => s.kinds.length === 0 || s.kinds.includes(signal.kind))
      .map((s) => ({ subscription_id: s.id, signal_id: signal.id })),
  );
  if (deliveries.length === 0) return [];
  const rows = await trx
    .insertInto('webhook_deliveries')
    .values(deliveries)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

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
