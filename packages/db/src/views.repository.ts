import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

/** Views across tables for the API: a subject with its clocks, fines and events; a person's year. */
/** Reads for the API's views. `departments` null means every department (API.md: manager scoping). */
export type DepartmentScope = readonly string[] | null;

/**
 * A subject with its clocks, fines and events, as a key of `departments` may see it: another
 * department's subject is not found by the same single query that finds no subject at all (so the
 * two cost the same), and fines charged to departments outside the scope (a complaint moved from
 * one department to another) are left out, only counted.
 */
export async function subjectView(db: Db, kind: string, id: string, departments: DepartmentScope) {
  // One snapshot for all its parts: read apart, a view taken while the classifier commits could show
  // the subject as it was beside its events and fines as they are (another department than theirs).
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => readSubjectView(trx, kind, id, departments));
}

async function readSubjectView(db: Trx, kind: string, id: string, departments: DepartmentScope) {
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
