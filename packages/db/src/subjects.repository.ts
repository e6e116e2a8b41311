import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

export interface SubjectRow {
  kind: string;
  id: string;
  departmentId: string | null;
  policyVersion: string | null;
  openedAt: Date | null;
  stateVersion: number;
  ledgerVersion: number;
  quotaAssessment: string | null;
  quotaPeriod: string | null;
  desiredEntries: unknown;
  state: unknown;
}

export async function findSubject(trx: Trx | Db, kind: string, id: string): Promise<SubjectRow | undefined> {
  const row = await trx
    .selectFrom('subjects')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: row.kind,
    id: row.id,
    departmentId: row.department_id,
    policyVersion: row.policy_version,
    openedAt: row.opened_at,
    stateVersion: row.state_version,
    ledgerVersion: row.ledger_version,
    quotaAssessment: row.quota_assessment,
    quotaPeriod: row.quota_period,
    desiredEntries: row.desired_entries,
    state: row.state,
  };
}

export interface SubjectEvaluationRow {
  kind: string;
  id: string;
  departmentId: string;
  hallId: string | null;
  status: string;
  policyVersion: string;
  openedAt: Date;
  state: unknown;
  desiredEntries: unknown;
  nextCheckAt: Date | null;
  quotaAssessment: string | null;
  quotaPeriod: string | null;
  /** Complaints: the assessment and whether upgraded, for the SLA summary; null for other kinds. */
  assessment: string | null;
  upgraded: boolean | null;
  /** The state's fields SQL filters by (findings: person and rule; callbacks: what the rate needs), null elsewhere. */
  personId: string | null;
  findingRule: string | null;
  ratePeriod: string | null;
  callbackKind: string | null;
  countsAsDone: boolean | null;
  completedAt: Date | null;
  /** Complaints: the SLA type and the hotline's summary, which the console's board filters and shows. */
  slaType: string | null;
  summary: string | null;
  /** Years without official calendar data its deadlines were counted on: storing one evaluates it again. */
  calendarNeeds: number[];
}

/** Stores a subject's evaluation; returns the new state version. */
export async function saveEvaluation(trx: Trx, row: SubjectEvaluationRow): Promise<number> {
  const values = {
    department_id: row.departmentId,
    hall_id: row.hallId,
    status: row.status,
    policy_version: row.policyVersion,
    opened_at: row.openedAt,
    state: JSON.stringify(row.state),
    desired_entries: JSON.stringify(row.desiredEntries),
    next_check_at: row.nextCheckAt,
    quota_assessment: row.quotaAssessment,
    quota_period: row.quotaPeriod,
    assessment: row.assessment,
    upgraded: row.upgraded,
    calendar_needs: row.calendarNeeds,
    person_id: row.personId,
    finding_rule: row.findingRule,
    rate_period: row.ratePeriod,
    callback_kind: row.callbackKind,
    counts_as_done: row.countsAsDone,
    completed_at: row.completedAt,
    sla_type: row.slaType,
    summary: row.summary,
    updated_at: sql<Date>`now()`,
  };
  const { state_version } = await trx
    .insertInto('subjects')
    .values({ kind: row.kind, id: row.id, ...values, state_version: 1 })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'id'])
        .doUpdateSet({ ...values, state_version: sql<number>`subjects.state_version + 1` }),
    )
    .returning('state_version')
    .executeTakeFirstOrThrow();
  return state_version;
}

/**
 * Asks for other subjects to be evaluated again (quota neighbours, later findings, repeats), in
 * Postgres: they become due at `now` (the engine's clock, which the sweep compares with), so the
 * sweep finds them even if the job queued for them is lost.
 */
export async function requestEvaluation(
  trx: Trx,
  kind: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('subjects')
    .set({ next_check_at: sql<Date>`least(coalesce(next_check_at, ${now}), ${now})` })
    .where('kind', '=', kind)
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Makes a subject due at `checkAt` (the sweep and the timer look then): an opening event dated a
 * little ahead, or a subject that cannot be evaluated yet. Creates a bare row if there is none.
 */
export async function scheduleCheck(trx: Trx, kind: string, id: string, checkAt: Date): Promise<void> {
  await trx
    .insertInto('subjects')
    .values({
      kind,
      id,
      department_id: null,
      hall_id: null,
      status: null,
      policy_version: null,
      opened_at: null,
      state: null,
      next_check_at: checkAt,
    })
    .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ next_check_at: checkAt }))
    .execute();
}

/** Complaints or faults that name `id` as the earlier order they repeat (RULES.md 2.3). */
export async function repeatsOf(trx: Trx, kind: string, id: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('events')
    .select('subject_id')
    .distinct()
    .where('subject_kind', '=', kind)
    .where('type', 'in', ['complaint.received', 'fault.reported'])
    .where(sql<string>`data->>'repeatOf'`, '=', id)
    .execute();
  return rows.map((r) => r.subject_id);
}

export async function markLedgerInStep(trx: Trx, kind: string, id: string, version: number): Promise<void> {
  await trx
    .updateTable('subjects')
    .set({ ledger_version: version })
    .where('kind', '=', kind)
    .where('id', '=', id)
    .where('ledger_version', '<', version)
    .execute();
}

/** The other quota cases of a department's month for one assessment (cancelled cases carry none). */
export async function quotaCases(
  trx: Trx,
  departmentId: string,
  period: string,
  assessment: string,
): Promise<{ id: string; openedAt: Date }[]> {
  const rows = await trx
    .selectFrom('subjects')
    .select(['id', 'opened_at'])
    .where('kind', '=', 'complaint')
    .where('department_id', '=', departmentId)
    .where('quota_period', '=', period)
    .where('quota_assessment', '=', assessment)
    .execute();
  return rows.map((r) => ({ id: r.id, openedAt: r.opened_at! }));
}

export async function openedAtOf(trx: Trx, kind: string, id: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('subjects')
    .select('opened_at')
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.opened_at ?? null;
}

/** A person's findings of one calendar year. */
export async function personFindings(
  trx: Trx,
  personId: string,
  from: Date,
  to: Date,
): Promise<{ id: string; rule: string; recordedAt: Date }[]> {
  const rows = await trx
    .selectFrom('subjects')
    .select(['id', 'opened_at', 'finding_rule'])
    .where('kind', '=', 'finding')
    .where('person_id', '=', personId)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .execute();
  return rows.map((r) => ({ id: r.id, rule: r.finding_rule!, recordedAt: r.opened_at! }));
}

/** The policy version frozen on each of the given subjects that has one, by "kind\u0000id". */
export async function frozenVersions(
  db: Db | Trx,
  subjects: readonly { kind: string; id: string }[],
): Promise<Map<string, string>> {
  if (subjects.length === 0) return new Map();
  const { rows } = await sql<{ kind: string; id: string; policy_version: string }>`
    SELECT s.kind, s.id, s.policy_version FROM subjects s
    JOIN unnest(${subjects.map((x) => x.kind)}::text[], ${subjects.map((x) => x.id)}::text[]) AS wanted (kind, id)
      ON s.kind = wanted.kind AND s.id = wanted.id
    WHERE s.policy_version IS NOT NULL`.execute(db);
  return new Map(rows.map((r) => [`${r.kind}\u0000${r.id}`, r.policy_version]));
}

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
