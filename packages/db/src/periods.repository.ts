import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

/** The periods nothing more may be posted into (RULES.md 8). */
export async function closedPeriods(trx: Trx | Db): Promise<Set<string>> {
  const rows = await trx.selectFrom('periods').select('period').where('status', '=', 'closed').execute();
  return new Set(rows.map((r) => r.period));
}

/** The periods whose end has been assessed: closed, or closing (period-end rules running). */
export async function endedPeriods(trx: Trx | Db): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('periods')
    .select('period')
    .where('status', 'in', ['closing', 'closed'])
    .execute();
  return new Set(rows.map((r) => r.period));
}

const LEDGER_PERIODS_LOCK = sql`hashtextextended('ledger-periods', 0)`;

/** Taken by every posting: a period cannot become closed while an entry is being posted into it. */
export async function lockPeriodsShared(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${LEDGER_PERIODS_LOCK})`.execute(trx);
}

/** Taken by the final step of a close: waits for postings in flight, holds new ones until commit. */
export async function lockPeriodsExclusive(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LEDGER_PERIODS_LOCK})`.execute(trx);
}

/** Serialises the reconciliation of one period-level scope (e.g. a month's callback rate). */
export async function lockPeriodScope(trx: Trx, scope: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`period-scope:${scope}`}, 0))`.execute(trx);
}

export async function findPeriod(db: Trx | Db, period: string) {
  return db.selectFrom('periods').selectAll().where('period', '=', period).executeTakeFirst();
}

export async function listPeriods(db: Db) {
  return db.selectFrom('periods').selectAll().orderBy('period', 'desc').execute();
}

/** Marks a period as closing (its period-end rules run); a closed one stays closed. */
export async function markClosing(db: Db, period: string): Promise<'closing' | 'closed'> {
  const row = await db
    .insertInto('periods')
    .values({ period, status: 'closing' })
    .onConflict((oc) =>
      oc
        .column('period')
        .doUpdateSet({ status: sql`CASE WHEN periods.status = 'closed' THEN 'closed' ELSE 'closing' END` }),
    )
    .returning('status')
    .executeTakeFirstOrThrow();
  return row.status === 'closed' ? 'closed' : 'closing';
}

/** When a period was closed; null while it is open or closing. */
export async function periodClosedAt(trx: Trx | Db, period: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('periods')
    .select('closed_at')
    .where('period', '=', period)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return row?.closed_at ?? null;
}

/** Locks a period at `now` (the engine's clock: a callback done after it is done after the close). */
export async function markClosed(
  trx: Trx,
  period: string,
  closedBy: string | null,
  now: Date,
): Promise<Date> {
  const { closed_at } = await trx
    .updateTable('periods')
    .set({ status: 'closed', closed_at: now, closed_by: closedBy })
    .where('period', '=', period)
    .returning('closed_at')
    .executeTakeFirstOrThrow();
  return closed_at!;
}

/**
 * The faults still open at an instant (not restored by then, not cancelled): the candidates a close
 * evaluates with its period closed; the domain decides which were unfinished (isUnfinishedAtEnd).
 */
export async function faultsOpenAt(db: Db, end: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('clocks')
    .select('subject_id')
    .where('subject_kind', '=', 'fault')
    .where('name', '=', 'repair')
    .where('started_at', '<', end)
    .where('state', '!=', 'cancelled')
    .where((eb) => eb.or([eb('stopped_at', 'is', null), eb('stopped_at', '>', end)]))
    .orderBy('subject_id')
    .execute();
  return rows.map((r) => r.subject_id);
}

/** RULES.md 6: what the period's callback rate needs of each callback that counts in it. */
export async function callbacksOfRatePeriod(trx: Trx, period: string) {
  const rows = await trx
    .selectFrom('subjects')
    .innerJoin('policy_versions', 'policy_versions.version', 'subjects.policy_version')
    .select([
      'subjects.department_id',
      'subjects.policy_version',
      'policy_versions.effective_from',
      'subjects.callback_kind',
      'subjects.counts_as_done',
      'subjects.completed_at',
    ])
    .where('subjects.kind', '=', 'callback')
    .where('subjects.rate_period', '=', period)
    .execute();
  return rows.map((r) => ({
    departmentId: r.department_id!,
    kind: r.callback_kind!,
    countsAsDone: r.counts_as_done!,
    completedAt: r.completed_at,
    ratePeriod: period,
    policyVersion: r.policy_version!,
    policyEffectiveFrom: r.effective_from,
  }));
}
