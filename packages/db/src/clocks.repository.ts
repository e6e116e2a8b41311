import { type Selectable, sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { ClocksTable } from './schema.ts';
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
  // A scope of no department lists nothing (`in ()` is not SQL).
  if (filter.departments)
    query = query.where('department_id', '=', sql<string>`ANY(${[...filter.departments]})`);
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

/** Stores a subject's clocks as just evaluated (one row per clock name, replaced in place). */
export async function saveClocks(
  trx: Trx,
  subject: { kind: string; id: string; departmentId: string },
  clocks: readonly NewClock[],
): Promise<void> {
  await saveClocksOfSubjects(trx, [{ subject, clocks }]);
}

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
    .values(rows)
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
