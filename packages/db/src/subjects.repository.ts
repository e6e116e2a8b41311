import { sql, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database, EventStatusValue } from './schema.ts';

export type Trx = Transaction<Database>;

/** Serialises everything done to one subject, across processes, until the transaction ends. */
export async function lockSubject(trx: Trx, kind: string, id: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`subject:${kind}:${id}`}, 0))`.execute(trx);
}

/** Serialises quota positions of one department's month (RULES.md 2.4); always taken after the subject lock. */
export async function lockDepartmentPeriod(trx: Trx, departmentId: string, period: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`quota:${departmentId}:${period}`}, 0))`.execute(
    trx,
  );
}

/** Serialises the ranking of one person's findings in a calendar year (RULES.md 7), after the subject lock. */
export async function lockPersonYear(trx: Trx, personId: string, year: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`findings:${personId}:${year}`}, 0))`.execute(
    trx,
  );
}

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  subjectId: string;
  occurredAt: Date;
  data: unknown;
}

export async function subjectEvents(trx: Trx, kind: string, id: string): Promise<StoredEvent[]> {
  const rows = await trx
    .selectFrom('events')
    .select(['seq', 'id', 'type', 'subject_id', 'occurred_at', 'data'])
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    type: r.type,
    subjectId: r.subject_id,
    occurredAt: r.occurred_at,
    data: r.data,
  }));
}

/**
 * Records the classifier's verdict on a subject's events: applied, failed (with why), or merely
 * looked at; `waiting` when nothing has opened the subject yet (its events wait for the opening
 * event, and become pending again once it is there).
 */
export async function markEvents(
  trx: Trx,
  kind: string,
  id: string,
  outcome: {
    seen: readonly string[];
    applied: readonly string[];
    failed: readonly { eventId: string; reason: string }[];
    waiting?: boolean;
  },
): Promise<void> {
  if (outcome.seen.length === 0) return;
  const applied = outcome.applied.length > 0 ? outcome.applied : [''];
  const waiting = outcome.waiting === true;
  await trx
    .updateTable('events')
    .set({
      attempted_at: sql<Date>`coalesce(attempted_at, now())`,
      status: sql<EventStatusValue>`CASE
        WHEN id = ANY(${applied}::text[]) THEN 'applied'
        WHEN status = 'pending' AND ${waiting} THEN 'waiting'
        WHEN status = 'waiting' AND NOT ${waiting} THEN 'pending'
        ELSE status END`,
      applied_at: sql<Date>`CASE WHEN id = ANY(${applied}::text[]) THEN coalesce(applied_at, now()) ELSE applied_at END`,
      error: sql<string | null>`CASE WHEN id = ANY(${applied}::text[]) THEN NULL ELSE error END`,
    })
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    // Only the events this evaluation read: one committed meanwhile keeps its own job and sweep.
    .where('id', 'in', [...outcome.seen])
    .where(
      sql<boolean>`(attempted_at IS NULL OR (id = ANY(${applied}::text[]) AND status <> 'applied')
        OR status = CASE WHEN ${waiting} THEN 'pending' ELSE 'waiting' END)`,
    )
    .execute();
  for (const { eventId, reason } of outcome.failed) {
    await trx
      .updateTable('events')
      .set({ status: 'failed', error: reason })
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', id)
      .where('id', '=', eventId)
      // An event once applied stays applied: its effects are in the state and the ledger.
      .where('status', '<>', 'applied')
      .execute();
  }
}

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

export interface ClockRow {
  name: string;
  startedAt: Date;
  deadline: Date;
  stoppedAt: Date | null;
  state: 'running' | 'met' | 'breached' | 'cancelled';
  breachedAt: Date | null;
  atRiskFrom: Date;
  /** Years without official calendar data its deadline was counted on. */
  provisionalYears: number[];
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
  clocks: readonly ClockRow[];
  /** Years without official calendar data its deadlines were counted on: storing one evaluates it again. */
  calendarNeeds: number[];
}

/** Stores a subject's evaluation and its clocks; returns the new state version. */
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
  if (row.clocks.length > 0) {
    await trx
      .insertInto('clocks')
      .values(
        row.clocks.map((clock) => ({
          subject_kind: row.kind,
          subject_id: row.id,
          name: clock.name,
          department_id: row.departmentId,
          started_at: clock.startedAt,
          deadline: clock.deadline,
          stopped_at: clock.stoppedAt,
          state: clock.state,
          breached_at: clock.breachedAt,
          at_risk_from: clock.atRiskFrom,
          provisional_years: clock.provisionalYears,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['subject_kind', 'subject_id', 'name']).doUpdateSet((eb) => ({
          department_id: eb.ref('excluded.department_id'),
          started_at: eb.ref('excluded.started_at'),
          deadline: eb.ref('excluded.deadline'),
          stopped_at: eb.ref('excluded.stopped_at'),
          state: eb.ref('excluded.state'),
          breached_at: eb.ref('excluded.breached_at'),
          at_risk_from: eb.ref('excluded.at_risk_from'),
          provisional_years: eb.ref('excluded.provisional_years'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
  return state_version;
}

/**
 * Asks for other subjects to be evaluated again (quota neighbours, later findings, repeats), in
 * Postgres: they become due now, so the sweep finds them even if the job queued for them is lost.
 */
export async function requestEvaluation(trx: Trx, kind: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('subjects')
    .set({ next_check_at: sql<Date>`least(coalesce(next_check_at, now()), now())` })
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

/** A version was replaced after this process loaded it: reload and evaluate again. */
export class StalePolicyError extends Error {
  constructor(version: string) {
    super(`policy version ${version} changed since it was loaded`);
    this.name = 'StalePolicyError';
  }
}

/**
 * Freezes a version as used, checking that the body this process judged by is the stored one (a
 * version may be replaced until first used). No row lock is held across statements: the update
 * names the revision, so a concurrent replacement either lands first (this one then finds another
 * revision: stale) or finds the version used (and is refused).
 */
export async function markPolicyUsed(trx: Trx, version: string, revision: number): Promise<void> {
  const stored = () =>
    trx
      .selectFrom('policy_versions')
      .select(['revision', 'first_used_at'])
      .where('version', '=', version)
      .executeTakeFirst();
  const before = await stored();
  if (!before || before.revision !== revision) throw new StalePolicyError(version);
  if (before.first_used_at) return;
  const marked = await trx
    .updateTable('policy_versions')
    .set({ first_used_at: sql<Date>`now()` })
    .where('version', '=', version)
    .where('revision', '=', revision)
    .where('first_used_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 1) return;
  const after = await stored();
  if (!after?.first_used_at || after.revision !== revision) throw new StalePolicyError(version);
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

export async function quotaSet(
  trx: Trx,
  departmentId: string,
  period: string,
  assessment: string,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('quotas')
    .select('quota')
    .where('department_id', '=', departmentId)
    .where('period', '=', period)
    .where('assessment', '=', assessment)
    .executeTakeFirst();
  return row?.quota;
}

export async function responsibleParties(
  trx: Trx,
  departmentId: string,
  hallId: string | null,
): Promise<{ departmentManagerId: string | null; hallHeadId: string | null }> {
  const department = await trx
    .selectFrom('departments')
    .select('manager_id')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  const hall = hallId
    ? await trx.selectFrom('halls').select('head_id').where('id', '=', hallId).executeTakeFirst()
    : undefined;
  return { departmentManagerId: department?.manager_id ?? null, hallHeadId: hall?.head_id ?? null };
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
