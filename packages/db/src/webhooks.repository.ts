import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { WebhookFormat } from './schema.ts';

export type { WebhookFormat } from './schema.ts';

/** Webhook subscriptions and their deliveries (retried, then recorded dead). */
export interface DeliveryToSend {
  id: number;
  status: 'pending' | 'delivered' | 'dead';
  url: string;
  secret: string;
  format: WebhookFormat;
  /** What a person reading the message needs of the subject (null: not a subject, or not known yet). */
  subject: {
    hallId: string | null;
    personId: string | null;
    summary: string | null;
    slaType: string | null;
  } | null;
  /** The clock the signal is about, as it stands now (null: the signal is about no clock). */
  clock: {
    deadline: Date;
    state: string;
    stoppedAt: Date | null;
  } | null;
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
    .leftJoin('subjects as j', (join) =>
      join.onRef('j.kind', '=', 's.subject_kind').onRef('j.id', '=', 's.subject_id'),
    )
    .leftJoin('clocks as c', (join) =>
      join
        .onRef('c.subject_kind', '=', 's.subject_kind')
        .onRef('c.subject_id', '=', 's.subject_id')
        .on('c.name', '=', sql<string>`s.detail->>'clock'`),
    )
    .select([
      'd.id',
      'd.status',
      'w.url',
      'w.secret',
      'w.format',
      'j.kind as subject_found',
      'j.hall_id',
      'j.person_id',
      'j.summary',
      'j.sla_type',
      'c.deadline',
      'c.state as clock_state',
      'c.stopped_at',
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
    format: row.format,
    subject: row.subject_found
      ? { hallId: row.hall_id, personId: row.person_id, summary: row.summary, slaType: row.sla_type }
      : null,
    clock:
      row.deadline && row.clock_state
        ? { deadline: row.deadline, state: row.clock_state, stoppedAt: row.stopped_at }
        : null,
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

/** Subscribes a URL; a kind named twice is kept once (empty: every kind). */
export async function createWebhook(
  db: Db,
  input: { url: string; secret: string; kinds: readonly string[]; format?: WebhookFormat },
) {
  return db
    .insertInto('webhook_subscriptions')
    .values({ url: input.url, secret: input.secret, kinds: [...new Set(input.kinds)], format: input.format })
    .returning(['id', 'url', 'kinds', 'format', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listWebhooks(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'kinds', 'format', 'created_at'])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/**
 * Unsubscribes, and drops the deliveries still pending for the subscription in the same
 * transaction: nothing more is sent to a URL once its webhook is deleted (a delivery already on
 * the wire may still land). Delivered and dead ones stay as the record of what was sent.
 */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhook_subscriptions')
      .set({ deleted_at: new Date() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx
      .deleteFrom('webhook_deliveries')
      .where('subscription_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return true;
  });
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
