import type { Trx } from './database.ts';

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
