import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { DepartmentScope } from './views.repository.ts';

/**
 * Names for ids, so that every page and export shows names (shared decision 5): departments and
 * halls from their tables, people from `people` (an id nobody named stays an id: null here).
 */
export interface Names {
  departments: ReadonlyMap<string, string>;
  /** Read through hallNameOf, which gives a hall's name only with its own department's rows. */
  halls: ReadonlyMap<string, { name: string; departmentId: string }>;
  people: ReadonlyMap<string, string>;
}

/**
 * The name of the hall a row names, when the hall belongs to the row's department (RULES.md 1: a
 * hall belongs to one department). A hall defined or moved under another department after the row
 * named it is another department's hall now: its name is not shown with this department's rows (a
 * scoped manager would learn another department's hall), as its head takes none of their fines.
 * `departments`: for rows of several departments (a summary by hall), the scope they come from
 * (null: every department).
 */
export function hallNameOf(
  names: Names,
  hallId: string | null | undefined,
  departments: string | readonly string[] | null,
): string | null {
  const hall = hallId ? names.halls.get(hallId) : undefined;
  if (!hall) return null;
  if (departments === null) return hall.name;
  const own =
    typeof departments === 'string'
      ? departments === hall.departmentId
      : departments.includes(hall.departmentId);
  return own ? hall.name : null;
}

/** The names of the given ids (absent ones are simply not in the maps). */
export async function namesOf(
  db: Db | Trx,
  ids: { departments?: Iterable<string>; halls?: Iterable<string>; people?: Iterable<string> },
): Promise<Names> {
  const wanted = (values: Iterable<string> | undefined) => [...new Set(values ?? [])].filter((v) => v !== '');
  const [departments, halls, people] = await Promise.all([
    lookUp(db, 'departments', wanted(ids.departments)),
    hallsOf(db, wanted(ids.halls)),
    lookUp(db, 'people', wanted(ids.people)),
  ]);
  return { departments, halls, people };
}

async function hallsOf(db: Db | Trx, ids: string[]): Promise<Names['halls']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('halls')
    .select(['id', 'name', 'department_id'])
    .where('id', '=', sql<string>`ANY(${ids})`)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, departmentId: r.department_id }]));
}

async function lookUp(
  db: Db | Trx,
  table: 'departments' | 'people',
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('id', '=', sql<string>`ANY(${ids})`)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Creates or renames a person. */
export async function putPerson(db: Db, id: string, name: string) {
  return db
    .insertInto('people')
    .values({ id, name })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name, updated_at: sql<Date>`now()` }))
    .returning(['id', 'name', 'updated_at', sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirstOrThrow();
}

/**
 * Every person the engine knows of, within a scope of departments: those named in `people`, the
 * managers and hall heads named on departments and halls, and anyone a finding or a fine names;
 * with their name (null: nobody named them yet) and where they were seen.
 */
export async function listPeople(db: Db, departments: DepartmentScope) {
  const inScope = (column: string) =>
    departments ? sql`AND ${sql.ref(column)} = ANY(${[...departments]})` : sql``;
  const { rows } = await sql<{
    id: string;
    name: string | null;
    department_ids: string[];
    roles: string[];
  }>`
    WITH seen AS (
      SELECT manager_id AS id, id AS department_id, 'manager' AS role FROM departments
        WHERE manager_id IS NOT NULL ${inScope('id')}
      UNION SELECT head_id, department_id, 'hall_head' FROM halls WHERE head_id IS NOT NULL ${inScope('department_id')}
      UNION SELECT person_id, department_id, 'staff' FROM subjects
        WHERE kind = 'finding' AND person_id IS NOT NULL ${inScope('department_id')}
      UNION SELECT person_id, department_id, person_role FROM ledger_totals
        WHERE person_id <> '' ${inScope('department_id')}
    )
    SELECT s.id, p.name, array_agg(DISTINCT s.department_id) AS department_ids,
           array_agg(DISTINCT s.role) FILTER (WHERE s.role <> '') AS roles
    FROM seen s LEFT JOIN people p ON p.id = s.id
    GROUP BY s.id, p.name
    ${departments ? sql`` : sql`UNION ALL SELECT p.id, p.name, '{}', '{}' FROM people p WHERE NOT EXISTS (SELECT 1 FROM seen WHERE seen.id = p.id)`}
    ORDER BY 1`.execute(db);
  return rows.map((r) => ({ ...r, roles: r.roles ?? [] }));
}
