import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import { unnestRows } from './unnest.ts';

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
  return (await findSubjects(trx, [{ kind, id }])).get(subjectKey({ kind, id }));
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
  /**
   * The same transaction posts this evaluation's fines (the classifier's batch), so the ledger is
   * stored in step with it, instead of by a second update of the row (markLedgersInStep).
   */
  ledgerInStep?: boolean;
}

/** Stores a subject's evaluation; returns the new state version. */
export async function saveEvaluation(trx: Trx, row: SubjectEvaluationRow): Promise<number> {
  return (await saveEvaluations(trx, [row])).get(subjectKey(row))!;
}

/** The columns an evaluation writes, with their Postgres types (unnestRows). */
const evaluationColumns = {
  department_id: 'text',
  hall_id: 'text',
  status: 'text',
  policy_version: 'text',
  opened_at: 'timestamptz',
  state: 'jsonb',
  desired_entries: 'jsonb',
  next_check_at: 'timestamptz',
  quota_assessment: 'text',
  quota_period: 'text',
  assessment: 'text',
  upgraded: 'boolean',
  calendar_needs: 'smallint[]',
  person_id: 'text',
  finding_rule: 'text',
  rate_period: 'text',
  callback_kind: 'text',
  counts_as_done: 'boolean',
  completed_at: 'timestamptz',
  sla_type: 'text',
  summary: 'text',
} as const;
// A subject's first evaluation is its state version 1; its ledger_version is 1 too when in step.
const subjectColumns = {
  kind: 'text',
  id: 'text',
  state_version: 'int',
  ledger_version: 'int',
  ...evaluationColumns,
} as const;

/** Stores many subjects' evaluations in one statement; returns each one's new state version, by subjectKey. */
export async function saveEvaluations(
  trx: Trx,
  rows: readonly SubjectEvaluationRow[],
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const saved = await trx
    .insertInto('subjects')
    .columns(Object.keys(subjectColumns) as (keyof typeof subjectColumns)[])
    .expression(
      unnestRows(
        subjectColumns,
        rows.map((row) => ({
          kind: row.kind,
          id: row.id,
          state_version: 1,
          ledger_version: row.ledgerInStep ? 1 : 0,
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
        })),
      ),
    )
    .onConflict((oc) =>
      oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
        ...Object.fromEntries(
          (Object.keys(evaluationColumns) as (keyof typeof evaluationColumns)[]).map((column) => [
            column,
            eb.ref(`excluded.${column}`),
          ]),
        ),
        updated_at: sql<Date>`now()`,
        state_version: sql<number>`subjects.state_version + 1`,
        // In step: the new state version (a positive excluded.ledger_version says so), else as it was.
        ledger_version: sql<number>`CASE WHEN excluded.ledger_version > 0 THEN subjects.state_version + 1 ELSE subjects.ledger_version END`,
      })),
    )
    .returning(['kind', 'id', 'state_version'])
    .execute();
  return new Map(saved.map((r) => [subjectKey(r), r.state_version]));
}

/** A subject by its kind and id. */
export interface SubjectRef {
  kind: string;
  id: string;
}

/** One string per subject, for maps keyed by subject (ids may hold any character but NUL). */
export function subjectKey(subject: SubjectRef): string {
  return `${subject.kind}\u0000${subject.id}`;
}

/** `(kind, id) IN (...)` for many subjects, as one array parameter per column. */
export function inSubjects(refs: readonly SubjectRef[], kind = sql.ref('kind'), id = sql.ref('id')) {
  return sql<boolean>`(${kind}, ${id}) IN (SELECT * FROM unnest(${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.id)}::text[]))`;
}

/** Many subjects' rows at once, by subjectKey (those never stored are absent). */
export async function findSubjects(
  trx: Trx | Db,
  refs: readonly SubjectRef[],
): Promise<Map<string, SubjectRow>> {
  if (refs.length === 0) return new Map();
  const rows = await trx.selectFrom('subjects').selectAll().where(inSubjects(refs)).execute();
  return new Map(
    rows.map((row) => [
      subjectKey(row),
      {
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
      },
    ]),
  );
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
  return (await repeatsOfMany(trx, kind, [id])).get(id) ?? [];
}

/** For each of these ids, the complaints or faults that name it as the earlier order they repeat. */
export async function repeatsOfMany(
  trx: Trx,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('events')
    .select(['subject_id', sql<string>`data->>'repeatOf'`.as('original')])
    .distinct()
    .where('subject_kind', '=', kind)
    .where('type', 'in', ['complaint.received', 'fault.reported'])
    // Implies the predicate of the partial index events_repeat_of, so the planner can use it.
    .where(sql<boolean>`data ? 'repeatOf'`)
    .where(sql<string>`data->>'repeatOf'`, 'in', [...new Set(ids)])
    .execute();
  const repeats = new Map<string, string[]>();
  for (const r of rows) repeats.set(r.original, [...(repeats.get(r.original) ?? []), r.subject_id]);
  return repeats;
}

export async function markLedgerInStep(trx: Trx, kind: string, id: string, version: number): Promise<void> {
  await markLedgersInStep(trx, [{ kind, id, version }]);
}

/** Many subjects' ledgers are in step with these state versions (never moves one back). */
export async function markLedgersInStep(
  trx: Trx,
  subjects: readonly (SubjectRef & { version: number })[],
): Promise<void> {
  if (subjects.length === 0) return;
  await sql`
    UPDATE subjects s SET ledger_version = v.version
    FROM unnest(${subjects.map((x) => x.kind)}::text[], ${subjects.map((x) => x.id)}::text[], ${subjects.map((x) => x.version)}::int[]) AS v(kind, id, version)
    WHERE s.kind = v.kind AND s.id = v.id AND s.ledger_version < v.version`.execute(trx);
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
  return (await openedAtOfMany(trx, kind, [id])).get(id) ?? null;
}

/** When each of these subjects was opened (dispatched, reported), by id; those not opened are absent. */
export async function openedAtOfMany(
  trx: Trx,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('subjects')
    .select(['id', 'opened_at'])
    .where('kind', '=', kind)
    .where('id', 'in', [...new Set(ids)])
    .where('opened_at', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.opened_at!]));
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

/** Where a page of subjectsCheckedBy ended (`at` as Postgres wrote it, microseconds kept): the next page starts after it. */
export interface CheckKey {
  at: string;
  kind: string;
  id: string;
}

/**
 * Subjects whose next warning or deadline comes by `until` (all of them when null), earliest first,
 * a page after `after`: what the timer loader schedules, read along the next_check_at index.
 */
export async function subjectsCheckedBy(db: Db, until: Date | null, after: CheckKey | null, limit: number) {
  let query = db
    .selectFrom('subjects')
    .select(['kind', 'id', 'next_check_at', sql<string>`next_check_at::text`.as('check_key')])
    .where('next_check_at', 'is not', null)
    .orderBy('next_check_at')
    .orderBy('kind')
    .orderBy('id')
    .limit(limit);
  if (until) query = query.where('next_check_at', '<=', until);
  // The first condition alone is what the index (on next_check_at only) can seek to.
  if (after)
    query = query
      .where('next_check_at', '>=', sql<Date>`${after.at}::timestamptz`)
      .where(
        sql<boolean>`(next_check_at, kind, id) > (${after.at}::timestamptz, ${after.kind}, ${after.id})`,
      );
  return query.execute();
}
