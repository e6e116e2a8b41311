import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Reads for the API's views. `departments` null means every department (API.md: manager scoping). */
export type DepartmentScope = readonly string[] | null;

export async function subjectView(db: Db, kind: string, id: string) {
  const subject = await db
    .selectFrom('subjects')
    .select(['id', 'department_id', 'hall_id', 'status', 'policy_version', 'state'])
    .where('kind', '=', kind)
    .where('id', '=', id)
    .where('state', 'is not', null)
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
  let query = db.selectFrom('ledger_entries').selectAll().orderBy('id').limit(filter.limit);
  if (filter.departments) query = query.where('department_id', 'in', [...filter.departments]);
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
  if (filter.personId) query = query.where('person_id', '=', filter.personId);
  if (filter.rule) query = query.where('rule', '=', filter.rule);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  return query.execute();
}
