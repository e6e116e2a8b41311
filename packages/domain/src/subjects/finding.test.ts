import { describe, expect, it } from 'vitest';
import { event, fines, policy, sh } from '../../test/fixtures.ts';
import { personFindingRanks } from '../period/person-findings.ts';
import { evaluateFinding } from './finding.ts';
import { parseStoredState } from './stored-state.ts';

const recorded = (rule: string, personId?: string, localTime = '2026-11-23T10:00', subjectId = 'Q1') =>
  event(
    'finding.recorded',
    localTime,
    { rule, departmentId: 'D1', hallId: 'H1', ...(personId ? { personId } : {}) },
    subjectId,
  );
const evaluate = (rule: string, personId?: string, rankInYear?: number) =>
  evaluateFinding(
    policy,
    'Q1',
    [recorded(rule, personId)],
    sh('2026-11-24T00:00'),
    rankInYear ? { rankInYear } : {},
  );

describe('RULES.md 5: work-order quality and publicity findings', () => {
  it.each([
    ['workorder.unreplied', 100],
    ['workorder.unclear', 50],
    ['workorder.inconsistent', 100],
    ['publicity.violation', 50],
    ['callback.record_late', 50],
    ['callback.record_incomplete', 30],
  ])('%s costs the department %i yuan', (rule, yuan) => {
    const { entries } = evaluate(rule);
    expect(fines(entries)).toEqual([`${rule} ${yuan}`]);
    expect(entries[0]).toMatchObject({ departmentId: 'D1', personId: null, period: '2026-11' });
  });
});

describe('RULES.md 7: window service findings', () => {
  it('quiz answers partly correct cost 10 yuan and wrong 20, per question per person', () => {
    expect(fines(evaluate('window.quiz_partial', 'P1').entries)).toEqual(['window.quiz_partial 10 staff:P1']);
    expect(fines(evaluate('window.quiz_wrong', 'P1').entries)).toEqual(['window.quiz_wrong 20 staff:P1']);
  });

  it('the n-th finding of a person in a year costs 50 x 2^(n-1): 50, 100, 200, ...', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => evaluate('window.finding', 'P1', n).entries[0]?.amountFen)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000,
    ]);
  });

  it('more than five in a year suspends the person (待岗): the sixth signals it, once per person and year', () => {
    expect(evaluate('window.finding', 'P1', 5).signals).toEqual([]);
    const sixth = evaluate('window.finding', 'P1', 6);
    expect(sixth.state?.suspends).toBe(true);
    expect(sixth.signals.map((s) => [s.kind, s.person, s.key])).toEqual([
      ['suspension', 'P1', 'suspension:P1:2026'],
    ]);
    // The seventh and later find the person suspended already: no second signal.
    for (const n of [7, 8, 14]) {
      expect(evaluate('window.finding', 'P1', n).signals).toEqual([]);
      expect(evaluate('window.finding', 'P1', n).state?.suspends).toBe(false);
    }
  });

  it('findings are ranked per person per calendar year in the policy zone, in order of recording', () => {
    const findings = [
      { subjectId: 'a', personId: 'P1', rule: 'window.finding', recordedAt: sh('2026-12-31T23:30') },
      { subjectId: 'b', personId: 'P1', rule: 'window.finding', recordedAt: sh('2026-03-01T10:00') },
      { subjectId: 'c', personId: 'P1', rule: 'window.finding', recordedAt: sh('2027-01-01T00:10') },
      { subjectId: 'd', personId: 'P2', rule: 'window.finding', recordedAt: sh('2026-05-01T10:00') },
      { subjectId: 'e', personId: 'P1', rule: 'window.quiz_wrong', recordedAt: sh('2026-01-01T10:00') },
    ];
    const { ranks, suspensions } = personFindingRanks(policy, findings);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, a: 2, c: 1, d: 1 });
    expect(suspensions).toEqual([]);
  });

  it('reports the suspension with the finding that crossed the limit', () => {
    const findings = Array.from({ length: 7 }, (_, i) => ({
      subjectId: `f${i}`,
      personId: 'P1',
      rule: 'window.finding',
      recordedAt: sh(`2026-0${i + 1}-10T10:00`),
    }));
    const { suspensions } = personFindingRanks(policy, findings);
    expect(suspensions).toEqual([
      { personId: 'P1', year: 2026, subjectId: 'f5', at: sh('2026-06-10T10:00'), findings: 7 },
    ]);
  });
});

describe('a stored state read back', () => {
  it("parses with the domain's schema, and a drifted shape fails naming the subject and the field", () => {
    const stored = JSON.parse(JSON.stringify(evaluate('window.finding', 'P1', 6).state));
    expect(parseStoredState('finding', stored, 'subjects/finding/Q1')).toMatchObject({
      rule: 'window.finding',
      personId: 'P1',
      rankInYear: 6,
      suspends: true,
    });
    expect(() =>
      parseStoredState('finding', { ...stored, rankInYear: 'six' }, 'subjects/finding/Q1'),
    ).toThrow(/subjects\/finding\/Q1: rankInYear/);
  });
});
