import { nextPeriod, type Period } from '../time.ts';
import type { LedgerIntent } from './entry.ts';

/** An entry already on the ledger. */
export interface PostedEntry extends LedgerIntent {
  id: string;
  /** The month of the fact (RULES.md 8); `period` is where it was posted, later when that month was closed. */
  originPeriod: Period;
  reversalOf: string | null;
  /** 0 for the first posting of a key, 1 for the one after its reversal, ... */
  generation: number;
}

/** An entry to append. Its identity is (key, generation) for a posting and `reversalOf` for a reversal. */
export type NewEntry = Omit<PostedEntry, 'id'>;

/** RULES.md 8: an entry for a closed period goes into the next open one, still naming its origin. */
export function postingPeriod(origin: Period, closedPeriods: ReadonlySet<Period>): Period {
  let period = origin;
  while (closedPeriods.has(period)) period = nextPeriod(period);
  return period;
}

/**
 * The entries that make the ledger say what the rules say (RULES.md 8): for every fine whose amount,
 * origin month or existence changed, a reversal of what stands and, if still owed, a new posting.
 * Never an edit. `posted` must hold every entry of the same scope (a subject, or a period's rules).
 * Deterministic, and idempotent: reconciling again after appending the result gives nothing.
 */
export function reconcile(
  desired: readonly LedgerIntent[],
  posted: readonly PostedEntry[],
  closedPeriods: ReadonlySet<Period>,
): NewEntry[] {
  const wanted = new Map<string, LedgerIntent>();
  for (const entry of desired) {
    if (wanted.has(entry.key)) throw new RangeError(`two fines with the same key ${entry.key}`);
    wanted.set(entry.key, entry);
  }
  const reversed = new Set(posted.flatMap((e) => (e.reversalOf ? [e.reversalOf] : [])));
  const standing = new Map<string, PostedEntry[]>();
  const generations = new Map<string, number>();
  for (const entry of posted) {
    if (entry.reversalOf) continue;
    generations.set(entry.key, Math.max(generations.get(entry.key) ?? 0, entry.generation + 1));
    if (reversed.has(entry.id)) continue;
    standing.set(entry.key, [...(standing.get(entry.key) ?? []), entry]);
  }

  const keys = [...new Set([...wanted.keys(), ...standing.keys()])].sort();
  const reversals: NewEntry[] = [];
  const postings: NewEntry[] = [];
  for (const key of keys) {
    const want = wanted.get(key);
    const stand = standing.get(key) ?? [];
    const [only] = stand;
    if (
      want &&
      stand.length === 1 &&
      only!.amountFen === want.amountFen &&
      only!.originPeriod === want.period
    )
      continue;
    for (const entry of stand) {
      const { id, ...rest } = entry;
      reversals.push({
        ...rest,
        amountFen: -entry.amountFen,
        period: postingPeriod(entry.period, closedPeriods),
        reversalOf: id,
      });
    }
    if (want) {
      postings.push({
        ...want,
        period: postingPeriod(want.period, closedPeriods),
        originPeriod: want.period,
        reversalOf: null,
        generation: generations.get(key) ?? 0,
      });
    }
  }
  return [...reversals, ...postings];
}
