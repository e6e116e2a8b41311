import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { event, fines, policy, sh, shLocal } from '../../test/fixtures.ts';
import { deadlineWithExemptions } from '../deadlines/exemptions.ts';
import { reconcile } from '../ledger/reconcile.ts';
import { instantFromMillis } from '../time.ts';
import { EvaluationError } from './evaluation-error.ts';
import { evaluateFault } from './fault.ts';

const reported = (localTime: string, kind = 'urban', extra = {}) =>
  event('fault.reported', localTime, { departmentId: 'D1', kind, ...extra }, 'F1');
const restored = (localTime: string) => event('fault.restored', localTime, {}, 'F1');
const exemption = (at: string, from: string, to: string) =>
  event(
    'fault.exemption_approved',
    at,
    { from: `${from}:00+08:00`, to: `${to}:00+08:00`, cause: 'cable_cut', approvedBy: 'ops-1' },
    'F1',
  );
const evaluate = (events: Parameters<typeof evaluateFault>[2], at: string, context = {}) =>
  evaluateFault(policy, 'F1', events, sh(at), context);

describe('RULES.md 4: fault repair targets (电信条例 art. 32)', () => {
  it('urban faults have 48 hours and rural 72, elapsed from the report', () => {
    expect(
      shLocal(evaluate([reported('2026-11-20T10:00')], '2026-11-20T10:00').state?.clocks[0].deadline),
    ).toBe('2026-11-22T10:00');
    expect(
      shLocal(
        evaluate([reported('2026-11-20T10:00', 'rural')], '2026-11-20T10:00').state?.clocks[0].deadline,
      ),
    ).toBe('2026-11-23T10:00');
  });

  it('restored after the deadline: 50 yuan', () => {
    const { entries, state } = evaluate(
      [reported('2026-11-20T10:00'), restored('2026-11-22T11:00')],
      '2026-11-23T00:00',
    );
    expect(state?.status).toBe('restored');
    expect(fines(entries)).toEqual(['fault.repair.late 50', 'fault.warning 50']);
  });

  it('restored in time: no fine', () => {
    expect(
      evaluate([reported('2026-11-20T10:00'), restored('2026-11-22T10:00')], '2026-11-23T00:00').entries,
    ).toEqual([]);
  });

  it('still not restored when the period closes, past its deadline: 100 yuan instead of the 50', () => {
    const events = [reported('2026-11-28T10:00'), restored('2026-12-02T10:00')];
    const closed = evaluate(events, '2026-12-05T00:00', { closedPeriods: new Set(['2026-11']) });
    expect(closed.state?.unfinishedAtCloseOf).toBe('2026-11');
    expect(fines(closed.entries)).toEqual(['fault.repair.unfinished 100', 'fault.warning 50']);
    expect(closed.entries.find((e) => e.rule === 'fault.repair.unfinished')?.period).toBe('2026-11');
    const open = evaluate(events, '2026-12-05T00:00');
    expect(fines(open.entries)).toEqual(['fault.repair.late 50', 'fault.warning 50']);
  });

  it('unfinished at the end means past its deadline and not restored by then: a fault not yet due is not', () => {
    const closed = { closedPeriods: new Set(['2026-11']) };
    // Reported 28 November 10:00, 48 hours: due 30 November 10:00, open at the end of November.
    const late = evaluate([reported('2026-11-28T10:00')], '2026-12-01T00:00', closed).state!;
    expect(late.unfinishedAtCloseOf).toBe('2026-11');
    // Reported 30 November 10:00: due 2 December, so open at the end of November but not unfinished.
    const notYetDue = evaluate([reported('2026-11-30T10:00')], '2026-12-01T00:00', closed).state!;
    expect(notYetDue.unfinishedAtCloseOf).toBeNull();
    // Restored at 23:59 on 30 November, late but finished.
    const finished = evaluate(
      [reported('2026-11-28T10:00'), restored('2026-11-30T23:59')],
      '2026-12-01T00:00',
      closed,
    );
    expect(finished.state!.unfinishedAtCloseOf).toBeNull();
  });

  it('closing a period: evaluate with it closed, post into it, then lock it (the fine lands in the closed month)', () => {
    const events = [reported('2026-11-28T10:00')];
    let n = 0;
    const posted = reconcile(evaluate(events, '2026-11-30T23:00').entries, [], new Set()).map((e) => ({
      ...e,
      id: `e${++n}`,
    }));
    expect(posted).toEqual([expect.objectContaining({ rule: 'fault.warning', period: '2026-11' })]);
    const atClose = evaluate(events, '2026-12-02T09:00', { closedPeriods: new Set(['2026-11']) });
    const closing = reconcile(atClose.entries, posted, new Set());
    expect(closing.map((e) => [e.rule, e.amountFen, e.period])).toEqual([
      ['fault.repair.unfinished', 10_000, '2026-11'],
    ]);
  });

  it('an approved exemption moves the deadline by its length and cancels a fine that is no longer due', () => {
    const events = [reported('2026-11-20T10:00'), restored('2026-11-22T11:00')];
    expect(fines(evaluate(events, '2026-11-23T00:00').entries)).toContain('fault.repair.late 50');
    const exempted = evaluate(
      [...events, exemption('2026-11-23T09:00', '2026-11-21T08:00', '2026-11-21T12:00')],
      '2026-11-24T00:00',
    );
    expect(shLocal(exempted.state?.clocks[0].deadline)).toBe('2026-11-22T14:00');
    expect(exempted.entries).toEqual([]);
  });

  it('overlapping exemptions count their time once; time before the report does not count', () => {
    const { state } = evaluate(
      [
        reported('2026-11-20T10:00'),
        exemption('2026-11-21T09:00', '2026-11-20T08:00', '2026-11-20T12:00'),
        exemption('2026-11-21T09:30', '2026-11-20T11:00', '2026-11-20T13:00'),
      ],
      '2026-11-22T00:00',
    );
    expect(shLocal(state?.clocks[0].deadline)).toBe('2026-11-22T13:00');
  });

  it('RULES.md 2.3: a repeat fault is upgraded at its report', () => {
    const { state } = evaluate(
      [reported('2026-11-20T10:00', 'urban', { repeatOf: 'F0' })],
      '2026-11-20T11:00',
      {
        repeatOfReportedAt: sh('2026-11-10T10:00'),
      },
    );
    expect(state?.upgrade).toEqual({ at: sh('2026-11-20T10:00'), reason: 'repeat' });
  });

  it('refuses a fault kind its policy does not define', () => {
    expect(() => evaluate([reported('2026-11-20T10:00', 'orbital')], '2026-11-21T00:00')).toThrow(
      EvaluationError,
    );
  });
});

describe('exemption invariant (property-based)', () => {
  it('an exemption inside [start, deadline) moves the deadline by exactly its length', () => {
    const base = sh('2026-03-01T00:00').toMillis();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 200_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (offset, span, a, b) => {
          const start = instantFromMillis(base + offset);
          const deadline = instantFromMillis(base + offset + span);
          const from = base + offset + Math.floor(Math.min(a, b) * span);
          const to = from + Math.max(1, Math.floor(Math.abs(a - b) * span));
          const moved = deadlineWithExemptions(start, deadline, [
            { from: instantFromMillis(from), to: instantFromMillis(to) },
          ]);
          expect(moved.toMillis() - deadline.toMillis()).toBe(to - from);
        },
      ),
    );
  });
});
