import { describe, expect, it } from 'vitest';
import { event, fines, policy, sh, shLocal } from '../../test/fixtures.ts';
import { callbackRateShortfalls } from '../period/period-end.ts';
import { rateShortfallPoints } from '../pricing/callbacks.ts';
import { evaluateCallback } from './callback.ts';

const opened = (localTime: string, kind: string, subjectId = 'CB1') =>
  event('callback.opened', localTime, { kind, departmentId: 'D1' }, subjectId);
const completed = (localTime: string, subjectId = 'CB1') =>
  event('callback.completed', localTime, {}, subjectId);
const evaluate = (events: Parameters<typeof evaluateCallback>[2], at: string, subjectId = 'CB1') =>
  evaluateCallback(policy, subjectId, events, sh(at));

describe('RULES.md 6: callback deadlines, counted by date', () => {
  it.each([
    ['new installation: within 5 days of activation', 'new_install', '2026-11-28T00:00'],
    ['fault report: within 3 days of the repair reply', 'fault', '2026-11-26T00:00'],
    ['complaint: within 2 days of the reply', 'complaint', '2026-11-25T00:00'],
    ['churned customer: the same day', 'churn', '2026-11-23T00:00'],
  ])('%s', (_name, kind, due) => {
    const { state } = evaluate([opened('2026-11-22T17:30', kind)], '2026-11-22T18:00');
    expect(shLocal(state?.dueAt)).toBe(due);
  });

  it('done late: 20 yuan, in the month of the due day', () => {
    const { state, entries } = evaluate(
      [opened('2026-11-27T10:00', 'complaint'), completed('2026-12-01T09:00')],
      '2026-12-02T00:00',
    );
    expect(state?.status).toBe('completed');
    expect(fines(entries)).toEqual(['callback.late 20']);
    expect(entries[0]?.period).toBe('2026-11');
  });

  it('done on the last day: no fine', () => {
    expect(
      evaluate([opened('2026-11-20T10:00', 'complaint'), completed('2026-11-22T23:59')], '2026-11-23T00:00')
        .entries,
    ).toEqual([]);
  });

  it('a new installation not called back within 7 days is missed (no late fine; it counts against the rate)', () => {
    const { state, entries } = evaluate([opened('2026-11-01T10:00', 'new_install')], '2026-11-09T00:00');
    expect(state?.status).toBe('missed');
    expect(state?.countsAsDone).toBe(false);
    expect(entries).toEqual([]);
    const day6 = evaluate(
      [opened('2026-11-01T10:00', 'new_install'), completed('2026-11-07T10:00')],
      '2026-11-09T00:00',
    );
    expect(day6.state?.status).toBe('completed');
    expect(fines(day6.entries)).toEqual(['callback.late 20']);
  });
});

describe('RULES.md 6: callback rate shortfall at period close', () => {
  it('97.5% is 2 full points below 100%: 40 yuan', () => {
    expect(rateShortfallPoints(100, 39, 40)).toBe(2);
    expect(rateShortfallPoints(100, 40, 40)).toBe(0);
    expect(rateShortfallPoints(100, 0, 3)).toBe(100);
    expect(rateShortfallPoints(100, 0, 0)).toBe(0);
  });

  it('is computed per department and kind from the callbacks whose last day fell in the period', () => {
    const states = Array.from({ length: 40 }, (_, i) => {
      const id = `CB${i}`;
      const events = [
        opened('2026-11-10T10:00', 'complaint', id),
        ...(i === 0 ? [] : [completed('2026-11-11T10:00', id)]),
      ];
      return evaluate(events, '2026-12-01T00:00', id).state!;
    });
    const entries = callbackRateShortfalls(policy, '2026-11', states);
    expect(fines(entries)).toEqual(['callback.rate_shortfall 40']);
    expect(entries[0]).toMatchObject({ departmentId: 'D1', period: '2026-11', source: 'period' });
    expect(callbackRateShortfalls(policy, '2026-10', states)).toEqual([]);
  });
});
