import { type Selectable, sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { ClocksTable } from './schema.ts';
import { unnestRows } from './unnest.ts';
import type { DepartmentScope } from './views.repository.ts';

/** The clocks table: each subject's clocks as last evaluated, and the live list managers work from. */

/** A clock as the table holds it (what every reader gets). */
export type ClockRow = Selectable<ClocksTable>;

/** A clock as the classifier stores it for a subject. */
export interface NewClock {
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

export interface ClockFilter {
  departments: DepartmentScope;
  departmentId?: string;
  hallId?: string;
  subjectKind?: string;
  /** Complaints of one SLA type (RULES.md 3). */
  slaType?: string;
  /** Work orders whose number contains this text. */
  search?: string;
  state?: 'running' | 'at_risk' | 'breached' | 'met';
  /** Only clocks not stopped: still counting, or breached and still open. */
  open?: boolean;
  deadlineBefore?: Date;
  /** Keyset: the (deadline, kind, id, name) of the last row of the previous page. */
  after?: { deadline: Date; kind: string; id: string; name: string };
  limit: number;
  now: Date;
}

/**
 * The live list managers work from, ordered by deadline (API.md GET /v1/clocks), with what the
 * board shows of each clock's subject: its hall, SLA type and summary.
 */
export async function listClocks(db: Db, filter: ClockFilter) {
  let query = db
    .selectFrom('clocks as c')
    .innerJoin('subjects as s', (join) =>
      join.onRef('s.kind', '=', 'c.subject_kind').onRef('s.id', '=', 'c.subject_id'),
    )
    .selectAll('c')
    .select(['s.hall_id', 's.sla_type', 's.summary'])
    .orderBy('c.deadline')
    .orderBy('c.subject_kind')
    .orderBy('c.subject_id')
    .orderBy('c.name')
    .limit(filter.limit);
  // A scope of no department lists nothing (`in ()` is not SQL).
  if (filter.departments)
    query = query.where('c.department_id', '=', sql<string>`ANY(${[...filter.departments]})`);
  if (filter.departmentId) query = query.where('c.department_id', '=', filter.departmentId);
  if (filter.hallId) query = query.where('s.hall_id', '=', filter.hallId);
  if (filter.subjectKind) query = query.where('c.subject_kind', '=', filter.subjectKind);
  if (filter.slaType) query = query.where('s.sla_type', '=', filter.slaType);
  if (filter.search)
    query = query.where('c.subject_id', 'like', `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.state === 'at_risk')
    query = query.where('c.state', '=', 'running').where('c.at_risk_from', '<=', filter.now);
  else if (filter.state) query = query.where('c.state', '=', filter.state);
  if (filter.open) query = query.where('c.stopped_at', 'is', null);
  if (filter.deadlineBefore) query = query.where('c.deadline', '<', filter.deadlineBefore);
  if (filter.after) {
    const a = filter.after;
    query = query.where(
      sql<boolean>`(c.deadline, c.subject_kind, c.subject_id, c.name) > (${a.deadline}, ${a.kind}, ${a.id}, ${a.name})`,
    );
  }
  return query.execute();
}

/** Stores a subject's clocks as just evaluated (one row per clock name, replaced in place). */
export async function saveClocks(
  trx: Trx,
  subject: { kind: string; id: string; departmentId: string },
  clocks: readonly NewClock[],
): Promise<void> {
  await saveClocksOfSubjects(trx, [{ subject, clocks }]);
}

const clockColumns = {
  subject_kind: 'text',
  subject_id: 'text',
  name: 'text',
  department_id: 'text',
  started_at: 'timestamptz',
  deadline: 'timestamptz',
  stopped_at: 'timestamptz',
  state: 'text',
  breached_at: 'timestamptz',
  at_risk_from: 'timestamptz',
  provisional_years: 'smallint[]',
} as const;

/** saveClocks for many subjects, in one statement. */
export async function saveClocksOfSubjects(
  trx: Trx,
  subjects: readonly {
    subject: { kind: string; id: string; departmentId: string };
    clocks: readonly NewClock[];
  }[],
): Promise<void> {
  const rows = subjects.flatMap(({ subject, clocks }) =>
    clocks.map((clock) => ({
      subject_kind: subject.kind,
      subject_id: subject.id,
      name: clock.name,
      department_id: subject.departmentId,
      started_at: clock.startedAt,
      deadline: clock.deadline,
      stopped_at: clock.stoppedAt,
      state: clock.state,
      breached_at: clock.breachedAt,
      at_risk_from: clock.atRiskFrom,
      provisional_years: clock.provisionalYears,
    })),
  );
  if (rows.length === 0) return;
  await trx
    .insertInto('clocks')
    .columns(Object.keys(clockColumns) as (keyof typeof clockColumns)[])
    .expression(unnestRows(clockColumns, rows))
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
