import { OVER_LEVEL_ASSESSMENT } from '@engine/domain';
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Reads for the API's views. `departments` null means every department (API.md: manager scoping). */
export type DepartmentScope = readonly string[] | null;

export async function subjectView(db: Db, kind: string, id: string) {
  const subject = await db
    .selectFrom('subjects as s')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.id', 's.department_id', 's.hall_id', 's.status', 's.policy_version', 's.state'])
    .select('d.name as department_name')
    .where('s.kind', '=', kind)
    .where('s.id', '=', id)
    .where('s.state', 'is not', null)
    .executeTakeFirst();
  if (!subject) return undefined;
  const [clocks, fines, events] = await Promise.all([
    db
      .selectFrom('clocks')
      .selectAll()
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', id)
      .orderBy('started_at')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('source', '=', kind)
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('events')
      .select(['id', 'type', 'occurred_at', 'status'])
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', id)
      .orderBy('occurred_at')
      .orderBy('seq')
      .execute(),
  ]);
  return { subject, clocks, fines, events };
}

export interface ClockFilter {
  departments: DepartmentScope;
  departmentId?: string;
  state?: 'running' | 'at_risk' | 'breached' | 'met';
  deadlineBefore?: Date;
  /** Keyset: the (deadline, kind, id, name) of the last row of the previous page. */
  after?: { deadline: Date; kind: string; id: string; name: string };
  limit: number;
  now: Date;
}

/** The live list managers work from, ordered by deadline (API.md GET /v1/clocks). */
export async function listClocks(db: Db, filter: ClockFilter) {
  let query = db
    .selectFrom('clocks')
    .selectAll()
    .orderBy('deadline')
    .orderBy('subject_kind')
    .orderBy('subject_id')
    .orderBy('name')
    .limit(filter.limit);
  if (filter.departments) query = query.where('department_id', 'in', [...filter.departments]);
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
  if (filter.state === 'at_risk')
    query = query.where('state', '=', 'running').where('at_risk_from', '<=', filter.now);
  else if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.deadlineBefore) query = query.where('deadline', '<', filter.deadlineBefore);
  if (filter.after) {
    const a = filter.after;
    query = query.where(
      sql<boolean>`(deadline, subject_kind, subject_id, name) > (${a.deadline}, ${a.kind}, ${a.id}, ${a.name})`,
    );
  }
  return query.execute();
}

export interface LedgerFilter {
  departments: DepartmentScope;
  period?: string;
  departmentId?: string;
  personId?: string;
  rule?: string;
  subjectId?: string;
  afterId?: number;
  limit: number;
}

/** Ledger entries in posting order (keyset by id), reversals included (API.md GET /v1/ledger). */
export async function listLedger(db: Db, filter: LedgerFilter) {
  // The department's name, null when no department of that id was ever defined (fined all the same).
  let query = db
    .selectFrom('ledger_entries as e')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .selectAll('e')
    .select('d.name as department_name')
    .orderBy('e.id')
    .limit(filter.limit);
  if (filter.departments) query = query.where('e.department_id', 'in', [...filter.departments]);
  if (filter.period) query = query.where('e.period', '=', filter.period);
  if (filter.departmentId) query = query.where('e.department_id', '=', filter.departmentId);
  if (filter.personId) query = query.where('e.person_id', '=', filter.personId);
  if (filter.rule) query = query.where('e.rule', '=', filter.rule);
  if (filter.subjectId) query = query.where('e.subject_id', '=', filter.subjectId);
  if (filter.afterId !== undefined) query = query.where('e.id', '>', filter.afterId);
  return query.execute();
}

/**
 * API.md GET /v1/sla/summary: per department (or hall), the complaints dispatched in [from, to):
 * how many, their first-response and resolution clocks by state, upgrades and over-level cases.
 */
export async function slaSummary(
  db: Db,
  filter: { from: Date; to: Date; groupBy: 'department' | 'hall'; departments: DepartmentScope },
) {
  const group = filter.groupBy === 'hall' ? sql.ref('s.hall_id') : sql.ref('s.department_id');
  const scope = filter.departments ? sql`AND s.department_id = ANY(${[...filter.departments]})` : sql``;
  const clockCount = (name: string, state: string) =>
    sql<number>`count(*) FILTER (WHERE c_${sql.raw(name)}.state = ${state})::int`;
  const { rows } = await sql<{
    group_id: string | null;
    received: number;
    upgrades: number;
    over_level: number;
    fr_met: number;
    fr_breached: number;
    fr_running: number;
    res_met: number;
    res_breached: number;
    res_running: number;
  }>`
    SELECT ${group} AS group_id,
      count(*)::int AS received,
      count(*) FILTER (WHERE s.upgraded)::int AS upgrades,
      count(*) FILTER (WHERE s.assessment = ${OVER_LEVEL_ASSESSMENT})::int AS over_level,
      ${clockCount('fr', 'met')} AS fr_met,
      ${clockCount('fr', 'breached')} AS fr_breached,
      ${clockCount('fr', 'running')} AS fr_running,
      ${clockCount('res', 'met')} AS res_met,
      ${clockCount('res', 'breached')} AS res_breached,
      ${clockCount('res', 'running')} AS res_running
    FROM subjects s
    LEFT JOIN clocks c_fr ON c_fr.subject_kind = 'complaint' AND c_fr.subject_id = s.id AND c_fr.name = 'first_response'
    LEFT JOIN clocks c_res ON c_res.subject_kind = 'complaint' AND c_res.subject_id = s.id AND c_res.name = 'resolution'
    WHERE s.kind = 'complaint' AND s.opened_at >= ${filter.from} AND s.opened_at < ${filter.to}
      AND s.status IS DISTINCT FROM 'cancelled' AND s.state IS NOT NULL ${scope}
    GROUP BY 1
    ORDER BY 1 NULLS LAST
  `.execute(db);
  return rows;
}

/**
 * API.md GET /v1/ledger/summary: totals in fen of the entries posted into a period, reversals
 * netted, from the running totals the ledger's trigger keeps (a few hundred rows a month).
 */
export async function ledgerSummary(
  db: Db,
  filter: { period: string; groupBy: 'department' | 'person' | 'rule'; departments: DepartmentScope },
) {
  let query = db
    .selectFrom('ledger_totals')
    .select([
      sql<string>`sum(total_fen)`.as('total_fen'),
      sql<number>`sum(entries)::int`.as('entries'),
      sql<number>`sum(reversals)::int`.as('reversals'),
    ])
    .where('period', '=', filter.period);
  if (filter.departments) query = query.where('department_id', 'in', [...filter.departments]);
  switch (filter.groupBy) {
    case 'department':
      return query.select('department_id').groupBy('department_id').orderBy('department_id').execute();
    case 'rule':
      return query.select('rule').groupBy('rule').orderBy('rule').execute();
    case 'person': {
      // Personal fines only: to a named person, or to a role where nobody was named.
      const rows = await query
        .select(['department_id', 'person_id', 'person_role'])
        .where((eb) => eb.or([eb('person_id', '!=', ''), eb('person_role', '!=', '')]))
        .groupBy(['department_id', 'person_id', 'person_role'])
        .orderBy('department_id')
        .orderBy('person_id')
        .orderBy('person_role')
        .execute();
      return rows.map((r) => ({ ...r, person_id: r.person_id || null, person_role: r.person_role || null }));
    }
  }
}

/** A person's findings recorded in [from, to), in order, with their fines (API.md GET /v1/people/{personId}). */
export async function personFindingsView(
  db: Db,
  personId: string,
  from: Date,
  to: Date,
  departments: DepartmentScope,
) {
  let query = db
    .selectFrom('subjects')
    .select(['id', 'department_id', 'hall_id', 'policy_version', 'opened_at', 'state'])
    .where('kind', '=', 'finding')
    .where('person_id', '=', personId)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .orderBy('opened_at')
    .orderBy('id');
  if (departments) query = query.where('department_id', 'in', departments.length ? departments : ['']);
  const findings = await query.execute();
  const fines =
    findings.length === 0
      ? []
      : await db
          .selectFrom('ledger_entries')
          .selectAll()
          .where('source', '=', 'finding')
          .where(
            'subject_id',
            'in',
            findings.map((f) => f.id),
          )
          .orderBy('id')
          .execute();
  return { findings, fines };
}

/**
 * Department ids that subjects name but no department defines (API.md GET /v1/departments?unknown=true):
 * the hotline's events are never dropped for it, so an admin must see them to name them.
 */
export async function unknownDepartments(db: Db, departments: DepartmentScope) {
  const scope = departments ? sql`AND s.department_id = ANY(${[...departments]})` : sql``;
  const { rows } = await sql<{
    id: string;
    subjects: number;
    first_seen: Date;
    last_seen: Date;
    charged_fen: string | null;
  }>`
    SELECT s.department_id AS id, count(*)::int AS subjects, min(s.opened_at) AS first_seen,
           max(s.opened_at) AS last_seen,
           (SELECT sum(t.total_fen) FROM ledger_totals t WHERE t.department_id = s.department_id) AS charged_fen
    FROM subjects s
    WHERE s.department_id IS NOT NULL AND s.opened_at IS NOT NULL ${scope}
      AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = s.department_id)
    GROUP BY s.department_id
    ORDER BY s.department_id`.execute(db);
  return rows.map((r) => ({ ...r, charged_fen: Number(r.charged_fen ?? 0) }));
}
