import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import { unnestRows } from './unnest.ts';
import type { DepartmentScope } from './views.repository.ts';

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
  return (await recordSignalsReturning(trx, signals)).deliveries;
}

/** A signal recordSignals recorded for the first time (for the logs). */
export interface RecordedSignal {
  kind: string;
  key: string;
  subjectKind: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

const signalColumns = {
  subject_kind: 'text',
  subject_id: 'text',
  key: 'text',
  kind: 'text',
  at: 'timestamptz',
  department_id: 'text',
  detail: 'jsonb',
} as const;

/** recordSignals, returning the signals new here beside the deliveries' ids. */
export async function recordSignalsReturning(
  trx: Trx,
  signals: readonly NewSignal[],
): Promise<{ deliveries: number[]; recorded: RecordedSignal[] }> {
  if (signals.length === 0) return { deliveries: [], recorded: [] };
  const inserted = await trx
    .insertInto('signals')
    .columns(Object.keys(signalColumns) as (keyof typeof signalColumns)[])
    .expression(
      unnestRows(
        signalColumns,
        signals.map((s) => ({
          subject_kind: s.subjectKind,
          subject_id: s.subjectId,
          key: s.key,
          kind: s.kind,
          at: s.at,
          department_id: s.departmentId,
          detail: JSON.stringify(s.detail),
        })),
      ),
    )
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'key']).doNothing())
    .returning(['id', 'kind', 'key', 'subject_kind as subjectKind', 'subject_id as subjectId', 'detail'])
    .execute();
  const recorded = inserted.map(({ id: _, ...signal }) => signal as RecordedSignal);
  if (inserted.length === 0) return { deliveries: [], recorded };
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
  if (deliveries.length === 0) return { deliveries: [], recorded };
  const rows = await trx
    .insertInto('webhook_deliveries')
    .values(deliveries)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return { deliveries: rows.map((r) => r.id), recorded };
}

/**
 * Signals recorded after `afterId`, in order, with what a live board shows of each: the subject's
 * hall, SLA type and summary, and the deadline of the clock it is about (API.md GET /v1/stream).
 */
export async function signalsAfter(db: Db, afterId: number, limit: number, departments: DepartmentScope) {
  let query = db
    .selectFrom('signals as g')
    .leftJoin('subjects as s', (join) =>
      join.onRef('s.kind', '=', 'g.subject_kind').onRef('s.id', '=', 'g.subject_id'),
    )
    .leftJoin('clocks as c', (join) =>
      join
        .onRef('c.subject_kind', '=', 'g.subject_kind')
        .onRef('c.subject_id', '=', 'g.subject_id')
        .on('c.name', '=', sql<string>`g.detail->>'clock'`),
    )
    .select([
      'g.id',
      'g.kind',
      'g.key',
      'g.subject_kind',
      'g.subject_id',
      'g.department_id',
      'g.at',
      'g.detail',
      's.hall_id',
      's.sla_type',
      's.summary',
      'c.deadline',
      'c.provisional_years',
    ])
    .where('g.id', '>', afterId)
    .orderBy('g.id')
    .limit(limit);
  // Signals of no department (the calendar's warning) concern everyone.
  if (departments)
    query = query.where((eb) =>
      eb.or([
        eb('g.department_id', 'is', null),
        eb('g.department_id', '=', sql<string>`ANY(${[...departments]})`),
      ]),
    );
  return query.execute();
}

export async function latestSignalId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('signals')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
