import { OVER_LEVEL_ASSESSMENT } from '@engine/domain';
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Views across tables for the API: a subject with its clocks, fines and events; summaries; a person's year. */
/** Reads for the API's views. `departments` null means every department (API.md: manager scoping). */
export type DepartmentScope = readonly string[] | null;

/**
 * A subject with its clocks, fines and events, as a key of `departments` may see it: another
 * department's subject is not found by the same single query that finds no subject at all (so the
 * two cost the same), and fines charged to departments outside the scope (a complaint moved from
 * one department to another) are left out, only counted.
 */
export async function subjectView(db: Db, kind: string, id: string, departments: DepartmentScope) {
  let subjectQuery = db
    .selectFrom('subjects as s')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.id', 's.department_id', 's.hall_id', 's.status', 's.policy_version', 's.state', 's.summary'])
    .select('d.name as department_name')
    .where('s.kind', '=', kind)
    .where('s.id', '=', id)
    .where('s.state', 'is not', null);
  if (departments)
    subjectQuery = subjectQuery.where('s.department_id', '=', sql<string>`ANY(${[...departments]})`);
  const subject = await subjectQuery.executeTakeFirst();
  if (!subject) return undefined;
  const [clocks, allFines, events, signals] = await Promise.all([
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
    db
      .selectFrom('signals')
      .select(['kind', 'at', 'detail'])
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const fines = allFines.filter((f) => departments === null || departments.includes(f.department_id));
  return { subject, clocks, fines, finesOutsideScope: allFines.length - fines.length, events, signals };
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
