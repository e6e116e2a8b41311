import { describe, expect, it } from 'vitest';
import { event, policy, received, sh } from '../../test/fixtures.ts';
import { builtinCalendars } from '../calendar/builtin.ts';
import { type PostedEntry, reconcile } from '../ledger/reconcile.ts';
import {
  casesRepricedByMove,
  quotaCaseOf,
  quotaPositionOf,
  quotaPositions,
} from '../period/quota-positions.ts';
import { loadPolicyPack, type Policy } from '../policy/policy.ts';
import { evaluateComplaint } from '../subjects/complaint.ts';
import { excessRank, quotaFineFen, quotaInForce } from './quota.ts';

const classFour = { defaultQuota: null, withinQuota: 'charged', excessMode: 'double' } as const;

describe('RULES.md 2.4: class 4 over quota', () => {
  it('excessMode double: each case beyond the quota costs 2 x 100 = 200 yuan', () => {
    expect([1, 2, 3, 4, 5].map((p) => quotaFineFen(10_000, classFour, excessRank(p, 2)))).toEqual([
      10_000, 10_000, 20_000, 20_000, 20_000,
    ]);
  });

  it('excessMode progressive: the k-th excess case costs 100 x 2^k (200, 400, 800, ...)', () => {
    const progressive = { ...classFour, excessMode: 'progressive' } as const;
    expect([1, 2, 3, 4, 5].map((p) => quotaFineFen(10_000, progressive, excessRank(p, 2)))).toEqual([
      10_000, 10_000, 20_000, 40_000, 80_000,
    ]);
  });

  it('no quota set means unlimited: every case costs 100 yuan', () => {
    expect(quotaFineFen(10_000, classFour, excessRank(500, null))).toBe(10_000);
  });

  it('over-level quota is 0, so every case is over quota and charged', () => {
    const overLevel = policy.pack.complaints.quotas.over_level!;
    expect(quotaFineFen(5_000, overLevel, excessRank(1, overLevel.defaultQuota))).toBe(5_000);
    expect(quotaFineFen(5_000, overLevel, excessRank(1, 1))).toBe(0);
  });

  it("one case's position, counted among the others, is its place in the whole group's order", () => {
    // 60 cases of two departments and two assessments, many dispatched at the same minute (ties by
    // work-order number), in a scrambled order.
    const cases = Array.from({ length: 60 }, (_, n) => ({
      subjectId: `C${(n * 37) % 60}`,
      departmentId: n % 2 === 0 ? 'D1' : 'D2',
      period: '2026-11',
      assessment: n % 3 === 0 ? 'class4' : 'overLevel',
      dispatchedAt: sh(`2026-11-0${1 + (n % 5)}T10:0${n % 4}`),
    }));
    const positions = quotaPositions(cases);
    for (const c of cases) {
      expect(quotaPositionOf(c, cases)).toBe(positions.get(c.subjectId));
      // The same without the case itself among them.
      expect(
        quotaPositionOf(
          c,
          cases.filter((o) => o.subjectId !== c.subjectId),
        ),
      ).toBe(positions.get(c.subjectId));
    }
  });

  it('cases are counted in order of dispatch per department, period and assessment', () => {
    const positions = quotaPositions([
      {
        subjectId: 'C3',
        departmentId: 'D1',
        period: '2026-11',
        assessment: 'class4',
        dispatchedAt: sh('2026-11-03T10:00'),
      },
      {
        subjectId: 'C1',
        departmentId: 'D1',
        period: '2026-11',
        assessment: 'class4',
        dispatchedAt: sh('2026-11-01T10:00'),
      },
      {
        subjectId: 'C2',
        departmentId: 'D1',
        period: '2026-11',
        assessment: 'class4',
        dispatchedAt: sh('2026-11-01T10:00'),
      },
      {
        subjectId: 'C4',
        departmentId: 'D2',
        period: '2026-11',
        assessment: 'class4',
        dispatchedAt: sh('2026-11-01T09:00'),
      },
      {
        subjectId: 'C5',
        departmentId: 'D1',
        period: '2026-12',
        assessment: 'class4',
        dispatchedAt: sh('2026-12-01T09:00'),
      },
    ]);
    expect(Object.fromEntries(positions)).toEqual({ C1: 1, C2: 2, C3: 3, C4: 1, C5: 1 });
  });
});

describe('RULES.md 2.4: a case moving out of class 4 re-prices the later cases by reversal', () => {
  const withQuota = (quota: number): Policy => {
    const pack = structuredClone(policy.pack);
    pack.version = `fuling-2012-q${quota}`;
    pack.complaints.quotas.class4!.defaultQuota = quota;
    return loadPolicyPack(pack, 'test', builtinCalendars);
  };
  const quotaPolicy = withQuota(1);
  const at = sh('2026-11-20T00:00');
  const caseEvents = (id: string, day: string, criteria?: string[]) => [
    received(`2026-11-${day}T09:00`, {}, id),
    event('complaint.first_replied', `2026-11-${day}T10:00`, {}, id),
    event('complaint.resolved', `2026-11-${day}T11:00`, {}, id),
    event(
      'complaint.responsibility_set',
      `2026-11-${day}T12:00`,
      { responsibility: 'enterprise', ...(criteria ? { criteria } : {}) },
      id,
    ),
  ];
  const periodLedger = (
    cases: Record<string, ReturnType<typeof caseEvents>>,
    policyOfCases = quotaPolicy,
  ) => {
    const states = Object.entries(cases).map(
      ([id, events]) => evaluateComplaint(policyOfCases, id, events, at).state!,
    );
    const positions = quotaPositions(states.flatMap((s) => quotaCaseOf(s, 'Asia/Shanghai') ?? []));
    return Object.entries(cases).flatMap(
      ([id, events]) =>
        evaluateComplaint(policyOfCases, id, events, at, { quotaPosition: positions.get(id) ?? 1 }).entries,
    );
  };

  it('with a quota of 1, the second class-4 case costs 200; when the first becomes class 2, the second drops to 100', () => {
    const before = periodLedger({ A: caseEvents('A', '02'), B: caseEvents('B', '03') });
    expect(before.map((e) => [e.subjectId, e.rule, e.amountFen])).toEqual([
      ['A', 'complaint.class4', 10_000],
      ['B', 'complaint.class4', 20_000],
    ]);
    let n = 0;
    const posted: PostedEntry[] = reconcile(before, [], new Set()).map((e) => ({ ...e, id: `e${++n}` }));
    const after = periodLedger({ A: caseEvents('A', '02', ['serious_impact']), B: caseEvents('B', '03') });
    const corrections = reconcile(after, posted, new Set());
    expect(corrections.map((e) => [e.subjectId, e.rule, e.amountFen, e.reversalOf])).toEqual([
      ['A', 'complaint.class4', -10_000, 'e1'],
      ['B', 'complaint.class4', -20_000, 'e2'],
      ['A', 'complaint.class2', 500_000, null],
      ['B', 'complaint.class4', 10_000, null],
    ]);
    expect(corrections.find((e) => e.subjectId === 'B' && e.amountFen > 0)?.generation).toBe(1);
  });

  it('progressive excess mode through a pack: with a quota of 1, the third case costs 100 x 2^2 = 400', () => {
    const pack = structuredClone(policy.pack);
    pack.version = 'fuling-2012-progressive';
    pack.complaints.quotas.class4 = { defaultQuota: 1, withinQuota: 'charged', excessMode: 'progressive' };
    const progressive = loadPolicyPack(pack, 'test', builtinCalendars);
    const entries = periodLedger(
      { A: caseEvents('A', '02'), B: caseEvents('B', '03'), C: caseEvents('C', '04') },
      progressive,
    );
    expect(entries.map((e) => [e.subjectId, e.amountFen])).toEqual([
      ['A', 10_000],
      ['B', 20_000],
      ['C', 40_000],
    ]);
  });

  it('a cancelled case takes no place in the quota', () => {
    const cancelledA = [
      ...caseEvents('A', '02'),
      event('complaint.cancelled', '2026-11-02T13:00', { reason: 'entered twice' }, 'A'),
    ];
    const entries = periodLedger({ A: cancelledA, B: caseEvents('B', '03') });
    expect(entries.map((e) => [e.subjectId, e.amountFen])).toEqual([['B', 10_000]]);
  });
});

describe('RULES.md 2.4: the quota in force', () => {
  it("is the one finance set, else the pack's default (class 4: unlimited until set; over-level: 0)", () => {
    expect(quotaInForce(policy.pack, 'class4', 3)).toBe(3);
    expect(quotaInForce(policy.pack, 'class4', undefined)).toBeNull();
    expect(quotaInForce(policy.pack, 'over_level', undefined)).toBe(0);
    expect(quotaInForce(policy.pack, 'over_level', null)).toBeNull();
    expect(quotaInForce(policy.pack, 'class1', undefined)).toBeNull();
  });
});

describe('RULES.md 2.4: which later cases a case entering or leaving a quota re-prices', () => {
  const cases = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      subjectId: `C${String(i + 1).padStart(2, '0')}`,
      dispatchedAt: sh(
        `2026-11-${String(2 + (i % 28)).padStart(2, '0')}T${String(8 + Math.floor(i / 28)).padStart(2, '0')}:00`,
      ),
    }));
  const rules = policy.pack.complaints.quotas;

  it('class 4, quota 3, double: a case entering first moves only the third case to the fourth place', () => {
    const group = cases(6);
    expect(casesRepricedByMove(rules.class4, 3, group, group[0]!, 'entered')).toEqual(['C04']);
    // Leaving first: the fourth comes back within the quota.
    expect(casesRepricedByMove(rules.class4, 3, group.slice(1), group[0]!, 'left')).toEqual(['C04']);
    // Entering last re-prices nobody.
    expect(casesRepricedByMove(rules.class4, 3, group, group[5]!, 'entered')).toEqual([]);
  });

  it('with no quota set (class 4 unlimited) nobody moves in price', () => {
    const group = cases(6);
    expect(casesRepricedByMove(rules.class4, null, group, group[0]!, 'entered')).toEqual([]);
  });

  it('over-level, quota 0, flat: every case is beyond the quota at the same price, so nobody is re-priced', () => {
    const group = cases(50);
    expect(casesRepricedByMove(rules.over_level, 0, group, group[0]!, 'entered')).toEqual([]);
  });

  it('progressive: every later case beyond the quota changes price', () => {
    const group = cases(5);
    const progressive = { defaultQuota: 2, withinQuota: 'charged', excessMode: 'progressive' } as const;
    expect(casesRepricedByMove(progressive, 2, group, group[0]!, 'entered')).toEqual(['C03', 'C04', 'C05']);
  });
});
