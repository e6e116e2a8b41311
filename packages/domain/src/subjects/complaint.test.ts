import { describe, expect, it } from 'vitest';
import fuling2012 from '../../packs/fuling-2012.json' with { type: 'json' };
import { event, fines, miitOverLevel, policy, received, sh, shLocal } from '../../test/fixtures.ts';
import { builtinCalendars } from '../calendar/builtin.ts';
import type { overLevelBodies } from '../events/schema.ts';
import { loadPolicyPack } from '../policy/policy.ts';
import { complaintQuotaFacts, evaluateComplaint } from './complaint.ts';

const evaluate = (events: Parameters<typeof evaluateComplaint>[2], at: string, context = {}) =>
  evaluateComplaint(policy, 'C1', events, sh(at), context);
const resolvedOnTime = [
  event('complaint.first_replied', '2026-11-23T10:00', {}),
  event('complaint.resolved', '2026-11-24T10:00', {}),
];
const enterprise = (criteria: string[] = []) =>
  event('complaint.responsibility_set', '2026-11-23T12:00', { responsibility: 'enterprise', criteria });

describe('RULES.md 2.1: enterprise-liable classes', () => {
  it.each([
    ['national_media', 'class1', 10_000],
    ['national_notice', 'class1', 10_000],
    ['national_ruling', 'class1', 10_000],
    ['major_impact', 'class1', 10_000],
    ['provincial_media', 'class2', 5_000],
    ['provincial_notice', 'class2', 5_000],
    ['provincial_ruling', 'class2', 5_000],
    ['serious_impact', 'class2', 5_000],
    ['other_media', 'class3', 1_000],
    ['standard_breach_escalated', 'class3', 1_000],
    ['group_investigation_letter', 'class3', 1_000],
    ['significant_impact', 'class3', 1_000],
  ])('criterion %s makes %s, %i yuan per case', (criterion, cls, yuan) => {
    const { state, entries } = evaluate(
      [received('2026-11-23T09:00'), ...resolvedOnTime, enterprise([criterion])],
      '2026-11-25T00:00',
    );
    expect(state?.assessment).toBe(cls);
    expect(fines(entries)).toEqual([`complaint.${cls} ${yuan}`]);
  });

  it('class 4 is any other enterprise-liable complaint: 100 yuan within quota', () => {
    const { state, entries } = evaluate(
      [received('2026-11-23T09:00'), ...resolvedOnTime, enterprise()],
      '2026-11-25T00:00',
    );
    expect(state?.assessment).toBe('class4');
    expect(fines(entries)).toEqual(['complaint.class4 100']);
  });

  it('the highest class whose criteria match wins', () => {
    const { state } = evaluate(
      [received('2026-11-23T09:00'), enterprise(['significant_impact', 'provincial_media', 'other_media'])],
      '2026-11-23T13:00',
    );
    expect(state?.assessment).toBe('class2');
  });
});

describe('RULES.md 2.2: non-enterprise complaints', () => {
  it('an ordinary complaint (hall or hotline) costs 100 yuan', () => {
    const { state, entries } = evaluate(
      [received('2026-11-23T09:00'), ...resolvedOnTime],
      '2026-11-25T00:00',
    );
    expect(state?.assessment).toBe('ordinary');
    expect(state?.responsibility).toBe('undetermined');
    expect(fines(entries)).toEqual(['complaint.ordinary 100']);
  });

  const overLevel = (
    prior: boolean,
    intercepted: boolean,
    body: (typeof overLevelBodies)[number] = 'comms_admin',
  ) => received('2026-11-23T09:00', { overLevel: { ...miitOverLevel(prior, intercepted), body } });

  it('over-level after a prior complaint with no interception: 100 yuan', () => {
    expect(fines(evaluate([overLevel(true, false)], '2026-11-23T10:00').entries)).toEqual([
      'complaint.over_level 100',
    ]);
  });
  it('over-level with no prior complaint to the department: 50 yuan', () => {
    expect(fines(evaluate([overLevel(false, false)], '2026-11-23T10:00').entries)).toEqual([
      'complaint.over_level 50',
    ]);
  });
  it('over-level after a prior complaint the department tried to intercept: 50 yuan', () => {
    expect(fines(evaluate([overLevel(true, true)], '2026-11-23T10:00').entries)).toEqual([
      'complaint.over_level 50',
    ]);
    const interceptedLater = [overLevel(true, false), event('complaint.intercepted', '2026-11-23T09:30', {})];
    expect(fines(evaluate(interceptedLater, '2026-11-23T10:00').entries)).toEqual([
      'complaint.over_level 50',
    ]);
  });

  it("the ministry's appeal center adds 100 yuan to the department manager and 50 to the hall head", () => {
    const { entries } = evaluate([overLevel(true, false, 'miit_appeal')], '2026-11-23T10:00', {
      departmentManagerId: 'M7',
      hallHeadId: 'P9',
    });
    expect(fines(entries)).toEqual([
      'complaint.over_level 100',
      'complaint.over_level.miit_hall_head 50 hall_head:P9',
      'complaint.over_level.miit_manager 100 manager:M7',
    ]);
  });

  it('with no person named, the personal fines go to the role in the department', () => {
    const { entries } = evaluate([overLevel(false, false, 'miit_appeal')], '2026-11-23T10:00');
    expect(fines(entries)).toEqual([
      'complaint.over_level 50',
      'complaint.over_level.miit_hall_head 50 hall_head:-',
      'complaint.over_level.miit_manager 100 manager:-',
    ]);
    expect(entries.every((e) => e.departmentId === 'D1')).toBe(true);
  });

  it('responsibility set to enterprise replaces the non-enterprise assessment, and back again', () => {
    const base = [overLevel(true, false, 'miit_appeal'), ...resolvedOnTime];
    const asEnterprise = evaluate([...base, enterprise(['provincial_media'])], '2026-11-25T00:00');
    expect(fines(asEnterprise.entries)).toEqual(['complaint.class2 5000']);
    const back = event('complaint.responsibility_set', '2026-11-24T12:00', {
      responsibility: 'non_enterprise',
    });
    const asNonEnterprise = evaluate([...base, enterprise(['provincial_media']), back], '2026-11-25T00:00');
    expect(asNonEnterprise.state?.assessment).toBe('over_level');
    expect(fines(asNonEnterprise.entries)).toContain('complaint.over_level 100');
  });
});

describe('RULES.md 2.3: escalation warning', () => {
  it('overdue: an ordinary complaint past 10 days is upgraded, a non-enterprise warning of 50 yuan instead of the 100', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.first_replied', '2026-11-02T10:00', {}),
        event('complaint.responsibility_set', '2026-11-05T10:00', { responsibility: 'enterprise' }),
      ],
      '2026-11-12T09:00',
    );
    expect(state?.upgrade).toEqual({ at: sh('2026-11-12T09:00'), reason: 'overdue' });
    expect(state?.slaType).toBe('escalation_warning');
    expect(fines(entries)).toEqual(['complaint.class4 100', 'complaint.warning 50']);
  });

  it('overdue: the new target of 3 working days from the upgrade costs 100 yuan when missed', () => {
    const events = [received('2026-11-02T09:00'), event('complaint.first_replied', '2026-11-02T10:00', {})];
    const justBefore = evaluate(events, '2026-11-17T08:59');
    const warningClock = justBefore.state?.clocks.find((c) => c.name === 'resolution_warning');
    expect(shLocal(warningClock?.deadline)).toBe('2026-11-17T09:00');
    expect(fines(justBefore.entries)).toEqual(['complaint.ordinary 100', 'complaint.warning 50']);
    const after = evaluate(events, '2026-11-17T09:00');
    expect(fines(after.entries)).toEqual([
      'complaint.ordinary 100',
      'complaint.warning 50',
      'sla.resolution.late 100',
    ]);
  });

  it('repeat within 30 days: upgraded at dispatch, 200 yuan if enterprise-liable, 50 if not', () => {
    const repeat = received('2026-11-23T09:00', { repeatOf: 'C0' });
    const context = { repeatOfDispatchedAt: sh('2026-10-24T09:00') };
    const notLiable = evaluate([repeat], '2026-11-23T10:00', context);
    expect(notLiable.state?.upgrade?.reason).toBe('repeat');
    expect(fines(notLiable.entries)).toEqual(['complaint.ordinary 100', 'complaint.warning 50']);
    const liable = evaluate([repeat, enterprise()], '2026-11-23T12:30', context);
    expect(fines(liable.entries)).toEqual(['complaint.class4 100', 'complaint.warning 200']);
  });

  it('a repeat pointing further back than repeatWindowDays is not a repeat', () => {
    const { state } = evaluate([received('2026-11-23T09:00', { repeatOf: 'C0' })], '2026-11-23T10:00', {
      repeatOfDispatchedAt: sh('2026-10-24T08:59'),
    });
    expect(state?.upgraded).toBe(false);
  });

  it('an over-level tendency flag upgrades an ordinary complaint, and the resolution deadline tightens to 3 working days', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-23T09:00'),
        event('complaint.first_replied', '2026-11-23T10:00', {}),
        event('complaint.tendency_flagged', '2026-11-24T15:00', {}),
      ],
      '2026-11-24T16:00',
    );
    expect(state?.upgrade).toEqual({ at: sh('2026-11-24T15:00'), reason: 'tendency' });
    expect(shLocal(state?.clocks.find((c) => c.name === 'resolution')?.deadline)).toBe('2026-11-27T15:00');
    expect(fines(entries)).toEqual(['complaint.ordinary 100', 'complaint.warning 50']);
  });

  it('a complaint is upgraded at most once, and over-level complaints never', () => {
    const twice = evaluate(
      [
        received('2026-11-23T09:00', { overLevelTendency: true }),
        event('complaint.tendency_flagged', '2026-11-24T09:00', {}),
      ],
      '2026-12-10T00:00',
    );
    expect(twice.state?.upgrade?.reason).toBe('tendency');
    expect(fines(twice.entries).filter((f) => f.startsWith('complaint.warning'))).toHaveLength(1);
    const overLevel = evaluate(
      [received('2026-11-02T09:00', { overLevel: miitOverLevel(false, false), overLevelTendency: true })],
      '2026-12-10T00:00',
    );
    expect(overLevel.state?.upgraded).toBe(false);
    expect(fines(overLevel.entries)).toContain('sla.resolution.late 100');
  });
});

describe('RULES.md 8: the month each fine belongs to', () => {
  it('assessment to the month of dispatch, upgrade to the month of the upgrade, lateness to the month of the deadline', () => {
    const { entries } = evaluate(
      [received('2026-11-25T09:00'), event('complaint.first_replied', '2026-11-25T10:00', {})],
      '2026-12-08T00:00',
    );
    expect(entries.map((e) => [e.rule, e.period])).toEqual([
      ['complaint.ordinary', '2026-11'],
      ['complaint.warning', '2026-12'],
    ]);
  });

  it("the ministry's personal fines follow responsibility by default (policy setting personalFinesFollowResponsibility)", () => {
    const events = [
      received('2026-11-23T09:00', { overLevel: miitOverLevel(false, false) }),
      event('complaint.first_replied', '2026-11-23T10:00', {}),
      enterprise(),
    ];
    expect(fines(evaluate(events, '2026-11-23T13:00').entries)).toEqual(['complaint.class4 100']);
    const pack = structuredClone(policy.pack);
    pack.version = 'fuling-2012-personal';
    pack.complaints.overLevel!.personalFinesFollowResponsibility = false;
    const keepPersonal = loadPolicyPack(pack, 'test', builtinCalendars);
    expect(fines(evaluateComplaint(keepPersonal, 'C1', events, sh('2026-11-23T13:00')).entries)).toEqual([
      'complaint.class4 100',
      'complaint.over_level.miit_hall_head 50 hall_head:-',
      'complaint.over_level.miit_manager 100 manager:-',
    ]);
  });
});

describe('RULES.md 2.5: group customers', () => {
  const group = (tier: string) => ({ customer: { id: 'G1', group: { tier } } });

  it('assessment and warning fines are doubled; personal and lateness fines are not', () => {
    const { entries } = evaluate(
      [received('2026-11-23T09:00', { ...group('B'), overLevel: miitOverLevel(true, false) })],
      '2026-12-10T00:00',
      { departmentManagerId: 'M7', hallHeadId: 'P9' },
    );
    expect(fines(entries)).toEqual([
      'complaint.over_level 200',
      'complaint.over_level.miit_hall_head 50 hall_head:P9',
      'complaint.over_level.miit_manager 100 manager:M7',
      'sla.first_response.late 50',
      'sla.resolution.late 100',
    ]);
  });

  it("an ordinary-channel group complaint's overdue upgrade is a doubled non-enterprise warning", () => {
    const { entries } = evaluate(
      [received('2026-11-23T09:00', group('A')), event('complaint.first_replied', '2026-11-23T09:10', {})],
      '2026-11-24T09:00',
    );
    expect(fines(entries)).toEqual(['complaint.ordinary 200', 'complaint.warning 100']);
  });

  it('tiers and multipliers are policy data', () => {
    const pack = structuredClone(fuling2012);
    pack.version = 'fuling-2012-tiers';
    pack.complaints.group = { defaultMultiplier: 2, tiers: { A: 3, B: 2, C: 2 } };
    const tiered = loadPolicyPack(pack, 'test', builtinCalendars);
    const { entries } = evaluateComplaint(
      tiered,
      'C1',
      [received('2026-11-23T09:00', group('A'))],
      sh('2026-11-23T09:05'),
    );
    expect(fines(entries)).toEqual(['complaint.ordinary 300']);
  });
});

describe('RULES.md 3: complaint deadlines by SLA type', () => {
  const deadlines = (events: Parameters<typeof evaluate>[0], at = '2026-11-23T09:00') =>
    Object.fromEntries(evaluate(events, at).state!.clocks.map((c) => [c.name, shLocal(c.deadline)]));

  it('ordinary: first response 4 hours, resolution 10 days (10 x 24 hours)', () => {
    expect(deadlines([received('2026-11-23T09:00')])).toEqual({
      first_response: '2026-11-23T13:00',
      resolution: '2026-12-03T09:00',
    });
  });
  it('over-level, control level 1: 2 hours and 5 working days', () => {
    expect(deadlines([received('2026-11-23T09:00', { overLevel: miitOverLevel(false, false, 1) })])).toEqual({
      first_response: '2026-11-23T11:00',
      resolution: '2026-11-30T09:00',
    });
  });
  it('over-level, control level 2: 3 hours and 5 working days', () => {
    expect(deadlines([received('2026-11-23T09:00', { overLevel: miitOverLevel(false, false, 2) })])).toEqual({
      first_response: '2026-11-23T12:00',
      resolution: '2026-11-30T09:00',
    });
  });
  it('group customer: 30 minutes and 1 working day', () => {
    expect(
      deadlines(
        [received('2026-11-27T16:00', { customer: { id: 'G', group: { tier: 'A' } } })],
        '2026-11-27T16:00',
      ),
    ).toEqual({
      first_response: '2026-11-27T16:30',
      resolution: '2026-11-30T16:00',
    });
  });
  it("a group customer's over-level complaint takes the strictest of both types for each clock", () => {
    const events = [
      received('2026-11-23T09:00', {
        customer: { id: 'G', group: { tier: 'A' } },
        overLevel: miitOverLevel(false, false, 2),
      }),
    ];
    expect(deadlines(events)).toEqual({ first_response: '2026-11-23T09:30', resolution: '2026-11-24T09:00' });
    expect(evaluate(events, '2026-11-23T09:00').state?.slaTypes).toEqual(['over_level_2', 'group']);
  });
  it('a late over-level escalation tightens each running clock to the earlier deadline', () => {
    const events = [
      received('2026-11-23T09:00'),
      event('complaint.escalated', '2026-11-23T10:00', { overLevel: miitOverLevel(false, false, 1) }),
    ];
    expect(deadlines(events, '2026-11-23T10:00')).toEqual({
      first_response: '2026-11-23T12:00',
      resolution: '2026-11-30T10:00',
    });
    expect(evaluate(events, '2026-11-23T10:00').state?.slaType).toBe('over_level_1');
  });
});

describe('RULES.md 3: stopping the clocks and lateness fines', () => {
  it('first response late: 50 yuan, in the month of the missed deadline', () => {
    const { entries } = evaluate(
      [received('2026-11-30T22:00'), event('complaint.first_replied', '2026-12-01T03:00', {})],
      '2026-12-01T04:00',
    );
    const late = entries.find((e) => e.rule === 'sla.first_response.late');
    expect(late?.amountFen).toBe(5_000);
    expect(late?.period).toBe('2026-12');
    expect(entries.find((e) => e.rule === 'complaint.ordinary')?.period).toBe('2026-11');
  });

  it('a resolution also stops a running first-response clock', () => {
    const { state, entries } = evaluate(
      [received('2026-11-23T09:00'), event('complaint.resolved', '2026-11-23T12:00', {})],
      '2026-11-24T00:00',
    );
    expect(state?.clocks.map((c) => c.state)).toEqual(['met', 'met']);
    expect(state?.status).toBe('resolved');
    expect(fines(entries)).toEqual(['complaint.ordinary 100']);
  });

  it('a rejected reply re-dispatched does not stop or pause the resolution clock', () => {
    const { state } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.resolved', '2026-11-03T09:00', {}),
        event('complaint.reply_rejected', '2026-11-03T10:00', {}),
        event('complaint.reopened', '2026-11-03T10:00', {}),
      ],
      '2026-11-12T09:00',
    );
    const resolution = state?.clocks.find((c) => c.name === 'resolution');
    expect(resolution?.state).toBe('breached');
    expect(shLocal(resolution?.deadline)).toBe('2026-11-12T09:00');
  });

  it('an over-level resolution breach is the plain 100 yuan', () => {
    const { entries } = evaluate(
      [
        received('2026-11-23T09:00', { overLevel: miitOverLevel(false, true, 2) }),
        event('complaint.first_replied', '2026-11-23T10:00', {}),
      ],
      '2026-11-30T09:00',
    );
    expect(fines(entries)).toEqual([
      'complaint.over_level 50',
      'complaint.over_level.miit_hall_head 50 hall_head:-',
      'complaint.over_level.miit_manager 100 manager:-',
      'sla.resolution.late 100',
    ]);
  });

  it('late evidence undoes a breach: a reply posted at 15:00 that happened at 11:00 beats an 11:30 deadline', () => {
    const dispatched = received('2026-11-23T07:30');
    const before = evaluate([dispatched], '2026-11-23T14:59');
    expect(before.state?.clocks[0]?.state).toBe('breached');
    expect(fines(before.entries)).toContain('sla.first_response.late 50');
    const after = evaluate(
      [dispatched, event('complaint.first_replied', '2026-11-23T11:00', {})],
      '2026-11-23T15:00',
    );
    expect(after.state?.clocks[0]?.state).toBe('met');
    expect(fines(after.entries)).toEqual(['complaint.ordinary 100']);
  });

  it('a clock stopped exactly at its deadline is on time', () => {
    const { state } = evaluate(
      [received('2026-11-23T09:00'), event('complaint.first_replied', '2026-11-23T13:00', {})],
      '2026-11-23T14:00',
    );
    expect(state?.clocks[0]?.state).toBe('met');
  });

  it('warnings come at 50% and 80% of the allowed time, and the clock is at risk from 80%', () => {
    const { state, signals, timers } = evaluate([received('2026-11-23T09:00')], '2026-11-23T11:30');
    const first = state!.clocks[0]!;
    expect(first.warnings.map((w) => shLocal(w.at))).toEqual(['2026-11-23T11:00', '2026-11-23T12:12']);
    expect(shLocal(first.atRiskFrom)).toBe('2026-11-23T12:12');
    expect(first.remainingSeconds).toBe(90 * 60);
    expect(signals.map((s) => s.key)).toEqual(['warning:first_response:0.5']);
    expect(shLocal(timers[0])).toBe('2026-11-23T12:12');
  });
});

describe('review cases: rejected replies, repeated escalation, reopening, month ends', () => {
  it('a rejected reply undoes the resolution it claimed: the clock never stopped, and it breaches on time', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.first_replied', '2026-11-02T10:00', {}),
        event('complaint.resolved', '2026-11-03T09:00', {}),
        event('complaint.reply_rejected', '2026-11-03T10:00', { reason: 'did not answer the customer' }),
      ],
      '2026-11-20T00:00',
    );
    expect(state?.status).toBe('open');
    expect(state?.clocks.find((c) => c.name === 'resolution')?.breachedAt).toEqual(sh('2026-11-12T09:00'));
    expect(fines(entries)).toEqual([
      'complaint.ordinary 100',
      'complaint.warning 50',
      'sla.resolution.late 100',
    ]);
  });

  it('a later escalation to the ministry adds its personal fines and the stricter control level', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-23T09:00', {
          overLevel: { ...miitOverLevel(false, false, 2), body: 'comms_admin' },
        }),
        event('complaint.first_replied', '2026-11-23T09:30', {}),
        event('complaint.escalated', '2026-11-24T09:00', { overLevel: miitOverLevel(false, false, 1) }),
      ],
      '2026-11-24T10:00',
    );
    expect(state?.overLevel?.bodies).toEqual(['comms_admin', 'miit_appeal']);
    expect(state?.slaType).toBe('over_level_1');
    expect(fines(entries)).toEqual([
      'complaint.over_level 50',
      'complaint.over_level.miit_hall_head 50 hall_head:-',
      'complaint.over_level.miit_manager 100 manager:-',
    ]);
  });

  it('reopened after its deadline, the resolution clock breaches at the reopening', () => {
    const { state } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.first_replied', '2026-11-02T10:00', {}),
        event('complaint.resolved', '2026-11-05T09:00', {}),
        event('complaint.reopened', '2026-11-13T09:00', { reason: 'fault came back' }),
      ],
      '2026-11-13T10:00',
    );
    const resolution = state?.clocks.find((c) => c.name === 'resolution');
    expect(resolution?.breachedAt).toEqual(sh('2026-11-13T09:00'));
    expect(state?.upgrade).toEqual({ at: sh('2026-11-13T09:00'), reason: 'overdue' });
    expect(shLocal(state?.clocks.find((c) => c.name === 'resolution_warning')?.deadline)).toBe(
      '2026-11-18T09:00',
    );
  });

  it('a late escalation after an overdue upgrade keeps the warning fine and tightens the new target', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.first_replied', '2026-11-02T10:00', {}),
        event('complaint.escalated', '2026-11-13T09:00', {
          overLevel: { ...miitOverLevel(true, false, 1), body: 'npc' },
        }),
      ],
      '2026-11-13T10:00',
    );
    expect(state?.assessment).toBe('over_level');
    expect(fines(entries)).toEqual(['complaint.over_level 100', 'complaint.warning 50']);
    expect(shLocal(state?.clocks.find((c) => c.name === 'resolution_warning')?.deadline)).toBe(
      '2026-11-17T09:00',
    );
  });

  it('an overdue upgrade at 24:00 on the last day of a month belongs to that month', () => {
    const { entries } = evaluate(
      [
        received('2026-11-29T10:00', { customer: { id: 'G', group: { tier: 'A' } } }),
        event('complaint.first_replied', '2026-11-29T10:10', {}),
      ],
      '2026-12-01T01:00',
    );
    expect(entries.map((e) => [e.rule, e.amountFen, e.period])).toEqual([
      ['complaint.ordinary', 20_000, '2026-11'],
      ['complaint.warning', 10_000, '2026-11'],
    ]);
  });
});

describe('cancellation', () => {
  it('a complaint entered in error has no fines and its running clocks are cancelled', () => {
    const { state, entries } = evaluate(
      [
        received('2026-11-02T09:00'),
        event('complaint.cancelled', '2026-11-02T15:00', { reason: 'entered twice' }),
      ],
      '2026-12-01T00:00',
    );
    expect(state?.status).toBe('cancelled');
    expect(state?.clocks.map((c) => c.state)).toEqual(['breached', 'cancelled']);
    expect(entries).toEqual([]);
  });
});

describe('events arriving before the complaint', () => {
  it('gives no state until complaint.received is known, and ignores events from before the dispatch', () => {
    expect(
      evaluate([event('complaint.resolved', '2026-11-23T10:00', {})], '2026-11-23T11:00').state,
    ).toBeNull();
    const { ignored } = evaluate(
      [event('complaint.first_replied', '2026-11-23T08:00', {}), received('2026-11-23T09:00')],
      '2026-11-23T10:00',
    );
    expect(ignored).toEqual([
      {
        eventId: 'C1:complaint.first_replied@2026-11-23T08:00',
        reason: "complaint.first_replied occurred before the subject's complaint.received",
      },
    ]);
  });
});

describe("RULES.md 2.4: a complaint's place in a quota from its facts alone", () => {
  it('gives the assessment and cancellation evaluateComplaint gives', () => {
    const cases = [
      [
        received('2026-11-23T09:00'),
        event('complaint.responsibility_set', '2026-11-24T09:00', { responsibility: 'enterprise' }),
      ],
      [received('2026-11-23T09:00', { overLevel: miitOverLevel(true, false) })],
      [
        received('2026-11-23T09:00'),
        event('complaint.cancelled', '2026-11-23T10:00', { reason: 'entered in error' }),
      ],
      [received('2026-11-23T09:00')],
    ];
    for (const events of cases) {
      const full = evaluateComplaint(policy, 'C1', events, sh('2026-11-30T00:00')).state!;
      expect(complaintQuotaFacts(policy, 'C1', events, sh('2026-11-30T00:00'))).toEqual({
        assessment: full.assessment,
        cancelled: full.status === 'cancelled',
      });
    }
    expect(complaintQuotaFacts(policy, 'C1', cases[0]!, sh('2026-11-30T00:00'))?.assessment).toBe('class4');
  });
});
