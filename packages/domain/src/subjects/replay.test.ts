import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miitOverLevel, policy, sh } from '../../test/fixtures.ts';
import type { DomainEvent } from '../events/event.ts';
import { instantFromMillis } from '../time.ts';
import { evaluateComplaint } from './complaint.ts';
import { evaluateFault } from './fault.ts';

const dispatch = sh('2026-11-02T09:00').toMillis();
const HOUR = 3_600_000;

/** A random complaint history: a dispatch and any mix of later events within three weeks. */
const complaintHistory = fc
  .record({
    overLevel: fc.option(fc.constantFrom(1 as const, 2 as const), { nil: undefined }),
    group: fc.boolean(),
    tendency: fc.boolean(),
    later: fc.array(
      fc.record({
        hours: fc.integer({ min: 0, max: 24 * 21 }),
        kind: fc.constantFrom(
          'complaint.first_replied',
          'complaint.resolved',
          'complaint.reopened',
          'complaint.reply_rejected',
          'complaint.tendency_flagged',
          'complaint.intercepted',
          'enterprise',
          'non_enterprise',
          'escalated',
        ),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ overLevel, group, tendency, later }): DomainEvent[] => [
    {
      id: 'e0',
      type: 'complaint.received',
      subjectId: 'C1',
      occurredAt: instantFromMillis(dispatch),
      data: {
        departmentId: 'D1',
        ...(overLevel ? { overLevel: miitOverLevel(true, false, overLevel) } : {}),
        ...(group ? { customer: { id: 'G', group: { tier: 'A' } } } : {}),
        overLevelTendency: tendency,
      },
    },
    ...later.map(({ hours, kind }, i): DomainEvent => {
      const base = {
        id: `e${i + 1}`,
        subjectId: 'C1',
        occurredAt: instantFromMillis(dispatch + hours * HOUR),
      };
      if (kind === 'enterprise' || kind === 'non_enterprise') {
        return {
          ...base,
          type: 'complaint.responsibility_set',
          data: { responsibility: kind, criteria: [] },
        };
      }
      if (kind === 'escalated')
        return { ...base, type: 'complaint.escalated', data: { overLevel: miitOverLevel(false, false, 2) } };
      return { ...base, type: kind, data: {} } as DomainEvent;
    }),
  ]);

describe('replay is deterministic (property-based)', () => {
  it('a complaint evaluated from its events in any arrival order gives the same state and fines', () => {
    fc.assert(
      fc.property(
        complaintHistory,
        fc.integer({ min: 0, max: 24 * 25 }),
        fc.func(fc.integer()),
        (events, hours, order) => {
          const at = instantFromMillis(dispatch + hours * HOUR);
          const shuffled = [...events].sort((a, b) => order(a.id) - order(b.id));
          const expected = evaluateComplaint(policy, 'C1', events, at);
          const actual = evaluateComplaint(policy, 'C1', [...shuffled, ...shuffled.slice(0, 2)], at);
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a fine never goes away as time passes without new events, except by a new event', () => {
    fc.assert(
      fc.property(complaintHistory, fc.integer({ min: 0, max: 24 * 25 }), (events, hours) => {
        const last = Math.max(...events.map((e) => e.occurredAt.toMillis()));
        const early = instantFromMillis(Math.max(last, dispatch + hours * HOUR));
        const later = early.plus({ days: 5 });
        const keysEarly = evaluateComplaint(policy, 'C1', events, early).entries.map((e) => e.key);
        const keysLater = new Set(evaluateComplaint(policy, 'C1', events, later).entries.map((e) => e.key));
        expect(keysEarly.filter((k) => !keysLater.has(k))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a fault evaluated from its events in any order gives the same result', () => {
    const reportedAt = sh('2026-11-20T10:00');
    const events: DomainEvent[] = [
      {
        id: 'f0',
        type: 'fault.reported',
        subjectId: 'F1',
        occurredAt: reportedAt,
        data: { departmentId: 'D1', kind: 'urban' },
      },
      {
        id: 'f1',
        type: 'fault.restored',
        subjectId: 'F1',
        occurredAt: reportedAt.plus({ hours: 50 }),
        data: {},
      },
      {
        id: 'f2',
        type: 'fault.exemption_approved',
        subjectId: 'F1',
        occurredAt: reportedAt.plus({ hours: 60 }),
        data: {
          from: '2026-11-21T00:00:00+08:00',
          to: '2026-11-21T03:00:00+08:00',
          cause: 'user',
          approvedBy: 'ops',
        },
      },
    ];
    fc.assert(
      fc.property(fc.func(fc.integer()), (order) => {
        const shuffled = [...events].sort((a, b) => order(a.id) - order(b.id));
        const at = reportedAt.plus({ days: 4 });
        expect(JSON.stringify(evaluateFault(policy, 'F1', shuffled, at))).toBe(
          JSON.stringify(evaluateFault(policy, 'F1', events, at)),
        );
      }),
    );
  });
});
