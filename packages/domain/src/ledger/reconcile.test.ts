import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miitOverLevel, policy, received, sh } from '../../test/fixtures.ts';
import { evaluateComplaint } from '../subjects/complaint.ts';
import { entryKey, type LedgerIntent, parseLedgerIntents } from './entry.ts';
import { type NewEntry, type PostedEntry, reconcile } from './reconcile.ts';

const fine = (rule: string, amountFen: number, period = '2026-11', subjectId = 'C1'): LedgerIntent => {
  const party = { departmentId: 'D1', personId: null, personRole: null };
  return {
    key: entryKey('complaint', subjectId, rule, party, 'assessment'),
    rule,
    amountFen,
    period,
    ...party,
    source: 'complaint',
    subjectId,
    policyVersion: 'fuling-2012',
    causeEventId: null,
  };
};

function append(ledger: PostedEntry[], entries: NewEntry[]): PostedEntry[] {
  return [...ledger, ...entries.map((e, i) => ({ ...e, id: `e${ledger.length + i + 1}` }))];
}

const net = (ledger: readonly PostedEntry[]) => {
  const totals = new Map<string, number>();
  for (const e of ledger) totals.set(e.key, (totals.get(e.key) ?? 0) + e.amountFen);
  return [...totals].filter(([, v]) => v !== 0).sort();
};

describe('RULES.md 8: reconciliation appends, never edits', () => {
  it('posts what is owed and nothing when it already stands', () => {
    const ledger = append([], reconcile([fine('complaint.ordinary', 10_000)], [], new Set()));
    expect(ledger).toMatchObject([
      { rule: 'complaint.ordinary', amountFen: 10_000, generation: 0, reversalOf: null },
    ]);
    expect(reconcile([fine('complaint.ordinary', 10_000)], ledger, new Set())).toEqual([]);
  });

  it('a responsibility change is a pair: a reversal of the old fine and the new fine', () => {
    const ledger = append([], reconcile([fine('complaint.ordinary', 10_000)], [], new Set()));
    const change = reconcile([fine('complaint.class4', 10_000)], ledger, new Set());
    expect(change.map((e) => [e.rule, e.amountFen, e.reversalOf])).toEqual([
      ['complaint.ordinary', -10_000, 'e1'],
      ['complaint.class4', 10_000, null],
    ]);
  });

  it('a fine no longer owed is reversed; owed again later, it is posted as the next generation', () => {
    let ledger = append([], reconcile([fine('sla.first_response.late', 5_000)], [], new Set()));
    ledger = append(ledger, reconcile([], ledger, new Set()));
    expect(ledger.map((e) => e.amountFen)).toEqual([5_000, -5_000]);
    const again = reconcile([fine('sla.first_response.late', 5_000)], ledger, new Set());
    expect(again).toMatchObject([{ amountFen: 5_000, generation: 1, reversalOf: null }]);
  });

  it('corrections of a closed period go into the next open period and keep their origin', () => {
    const ledger = append([], reconcile([fine('complaint.ordinary', 10_000, '2026-10')], [], new Set()));
    const closed = new Set(['2026-10', '2026-11']);
    const change = reconcile([fine('complaint.class4', 10_000, '2026-10')], ledger, closed);
    expect(change.map((e) => [e.rule, e.amountFen, e.period, e.originPeriod])).toEqual([
      ['complaint.ordinary', -10_000, '2026-12', '2026-10'],
      ['complaint.class4', 10_000, '2026-12', '2026-10'],
    ]);
    expect(reconcile([fine('complaint.class4', 10_000, '2026-10')], append(ledger, change), closed)).toEqual(
      [],
    );
  });

  it('refuses two different fines under one key', () => {
    expect(() =>
      reconcile([fine('complaint.ordinary', 1), fine('complaint.ordinary', 2)], [], new Set()),
    ).toThrow(/same key/);
  });

  it('converges from any history: the net by key equals what is owed, and a second pass adds nothing', () => {
    const rules = ['complaint.ordinary', 'complaint.class4', 'complaint.warning', 'sla.resolution.late'];
    const desiredSet = fc.uniqueArray(
      fc.record({
        rule: fc.constantFrom(...rules),
        amount: fc.integer({ min: 1, max: 5 }).map((n) => n * 5_000),
        period: fc.constantFrom('2026-10', '2026-11'),
      }),
      { selector: (d) => d.rule, maxLength: rules.length },
    );
    fc.assert(
      fc.property(
        fc.array(desiredSet, { minLength: 1, maxLength: 6 }),
        fc.subarray(['2026-10', '2026-11']),
        (history, closedList) => {
          const closed = new Set(closedList);
          let ledger: PostedEntry[] = [];
          for (const desired of history) {
            ledger = append(
              ledger,
              reconcile(
                desired.map((d) => fine(d.rule, d.amount, d.period)),
                ledger,
                closed,
              ),
            );
          }
          const last = history.at(-1)!.map((d) => fine(d.rule, d.amount, d.period));
          expect(reconcile(last, ledger, closed)).toEqual([]);
          expect(net(ledger)).toEqual(last.map((d) => [d.key, d.amountFen]).sort());
          expect(ledger.every((e) => !closed.has(e.period))).toBe(true);
        },
      ),
    );
  });
});

describe('intents read back from storage', () => {
  it("parse with the domain's schema to exactly what was stored, and a drifted shape fails naming the field", () => {
    const { entries } = evaluateComplaint(
      policy,
      'C1',
      [received('2026-11-02T09:00', { overLevel: miitOverLevel(false, false) })],
      sh('2026-11-30T00:00'),
    );
    expect(entries.length).toBeGreaterThan(1);
    const stored = JSON.parse(JSON.stringify(entries));
    expect(parseLedgerIntents(stored, 'subjects/complaint/C1')).toEqual(entries);
    expect(() => parseLedgerIntents([{ ...stored[0], amountFen: '100' }], 'subjects/complaint/C1')).toThrow(
      /subjects\/complaint\/C1: \[0\]\.amountFen/,
    );
  });
});
