import type { NewEntry, PostedEntry } from '@engine/domain';
import { type Selectable, sql } from 'kysely';
import type { Db, Trx } from './database.ts';
import type { LedgerEntriesTable } from './schema.ts';
import { type SubjectRef, subjectKey } from './subjects.repository.ts';
import { unnestRows } from './unnest.ts';
import type { DepartmentScope } from './views.repository.ts';

/** Every entry already posted for one source and subject, reversals included. */
export async function postedEntries(trx: Trx, source: string, subjectId: string): Promise<PostedEntry[]> {
  return (
    (await postedEntriesOf(trx, [{ kind: source, id: subjectId }])).get(
      subjectKey({ kind: source, id: subjectId }),
    ) ?? []
  );
}

/** Many subjects' posted entries (the source is the subject's kind), each subject's in posting order, by subjectKey. */
export async function postedEntriesOf(
  trx: Trx,
  subjects: readonly SubjectRef[],
): Promise<Map<string, PostedEntry[]>> {
  if (subjects.length === 0) return new Map();
  // A probe of the subject index per subject. As an IN list, or a lateral join the planner may
  // flatten into one, it took the whole ledger whenever its statistics lagged (a table filling
  // faster than autovacuum analyzes it); OFFSET 0 keeps the subquery a subquery, run per subject.
  const { rows } = await sql<LedgerRow>`
    SELECT e.* FROM unnest(${subjects.map((s) => s.kind)}::text[], ${subjects.map((s) => s.id)}::text[]) AS w(kind, id)
    CROSS JOIN LATERAL (SELECT * FROM ledger_entries l WHERE l.subject_id = w.id AND l.source = w.kind OFFSET 0) e
    ORDER BY e.id`.execute(trx);
  const bySubject = new Map<string, PostedEntry[]>();
  for (const row of rows) {
    const key = subjectKey({ kind: row.source, id: row.subject_id });
    bySubject.set(key, [...(bySubject.get(key) ?? []), toPosted(row)]);
  }
  return bySubject;
}

/** Every entry of a period-level scope (source `period`, subjects matching a LIKE pattern). */
export async function postedPeriodEntries(trx: Trx, subjectPattern: string): Promise<PostedEntry[]> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('source', '=', 'period')
    .where('subject_id', 'like', subjectPattern)
    .orderBy('id')
    .execute();
  return rows.map(toPosted);
}

/** A ledger entry as the table holds it. */
export type LedgerRow = Selectable<LedgerEntriesTable>;

function toPosted(r: LedgerRow): PostedEntry {
  return {
    id: String(r.id),
    key: r.entry_key,
    generation: r.generation,
    reversalOf: r.reversal_of === null ? null : String(r.reversal_of),
    period: r.period,
    originPeriod: r.origin_period,
    rule: r.rule,
    policyVersion: r.policy_version,
    departmentId: r.department_id,
    personId: r.person_id,
    personRole: r.person_role,
    amountFen: r.amount_fen,
    source: r.source as PostedEntry['source'],
    subjectId: r.subject_id,
    causeEventId: r.cause_event_id,
  };
}

/**
 * Appends entries. A posting is unique by (key, generation) and a reversal by the entry it cancels,
 * so an entry computed twice (a retried job) is skipped, never charged twice.
 */
export async function appendEntries(trx: Trx, entries: readonly NewEntry[]): Promise<number> {
  return (await appendEntriesReturning(trx, entries)).length;
}

/** An entry appendEntries posted (for the logs). */
export interface AppendedEntry {
  source: string;
  subjectId: string;
  rule: string;
  period: string;
  amountFen: number;
  reversalOf: number | null;
}

const entryColumns = {
  entry_key: 'text',
  generation: 'int',
  reversal_of: 'bigint',
  period: 'text',
  origin_period: 'text',
  rule: 'text',
  policy_version: 'text',
  department_id: 'text',
  person_id: 'text',
  person_role: 'text',
  amount_fen: 'bigint',
  source: 'text',
  subject_id: 'text',
  cause_event_id: 'text',
} as const;

/** appendEntries, returning the entries it posted (those computed before are skipped). */
export async function appendEntriesReturning(
  trx: Trx,
  entries: readonly NewEntry[],
): Promise<AppendedEntry[]> {
  if (entries.length === 0) return [];
  return trx
    .insertInto('ledger_entries')
    .columns(Object.keys(entryColumns) as (keyof typeof entryColumns)[])
    .expression(
      unnestRows(
        entryColumns,
        entries.map((e) => ({
          entry_key: e.key,
          generation: e.generation,
          reversal_of: e.reversalOf === null ? null : Number(e.reversalOf),
          period: e.period,
          origin_period: e.originPeriod,
          rule: e.rule,
          policy_version: e.policyVersion,
          department_id: e.departmentId,
          person_id: e.personId,
          person_role: e.personRole,
          amount_fen: e.amountFen,
          source: e.source,
          subject_id: e.subjectId,
          cause_event_id: e.causeEventId,
        })),
      ),
    )
    .onConflict((oc) => oc.doNothing())
    .returning([
      'source',
      'subject_id as subjectId',
      'rule',
      'period',
      'amount_fen as amountFen',
      'reversal_of as reversalOf',
    ])
    .execute();
}

/** A month's entries under the given rules, in posting order (the period-end entries of a close). */
export async function periodEntriesOf(db: Db, period: string, rules: readonly string[]) {
  return db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('period', '=', period)
    .where('rule', 'in', [...rules])
    .orderBy('id')
    .execute();
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
  // The hall of the entry's subject (a month's callback-rate entry has none).
  let query = db
    .selectFrom('ledger_entries as e')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .leftJoin('subjects as s', (join) =>
      join.onRef('s.kind', '=', 'e.source').onRef('s.id', '=', 'e.subject_id'),
    )
    .selectAll('e')
    .select(['d.name as department_name', 's.hall_id'])
    .orderBy('e.id')
    .limit(filter.limit);
  // A scope of no department lists nothing (`in ()` is not SQL).
  if (filter.departments)
    query = query.where('e.department_id', '=', sql<string>`ANY(${[...filter.departments]})`);
  if (filter.period) query = query.where('e.period', '=', filter.period);
  if (filter.departmentId) query = query.where('e.department_id', '=', filter.departmentId);
  if (filter.personId) query = query.where('e.person_id', '=', filter.personId);
  if (filter.rule) query = query.where('e.rule', '=', filter.rule);
  if (filter.subjectId) query = query.where('e.subject_id', '=', filter.subjectId);
  if (filter.afterId !== undefined) query = query.where('e.id', '>', filter.afterId);
  return query.execute();
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
  if (filter.departments)
    query = query.where('department_id', '=', sql<string>`ANY(${[...filter.departments]})`);
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
