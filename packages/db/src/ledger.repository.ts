import type { NewEntry, PostedEntry } from '@engine/domain';
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { LedgerEntriesTable } from './schema.ts';
import type { Trx } from './subjects.repository.ts';

/** Every entry already posted for one source and subject, reversals included. */
export async function postedEntries(trx: Trx, source: string, subjectId: string): Promise<PostedEntry[]> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('source', '=', source)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map(toPosted);
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

function toPosted(r: Selectable<LedgerEntriesTable>): PostedEntry {
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
  if (entries.length === 0) return 0;
  const result = await trx
    .insertInto('ledger_entries')
    .values(
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
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
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
