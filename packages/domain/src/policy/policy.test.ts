import { describe, expect, it } from 'vitest';
import fuling2012 from '../../packs/fuling-2012.json' with { type: 'json' };
import { event, fines, sh, shLocal } from '../../test/fixtures.ts';
import { builtinCalendars } from '../calendar/builtin.ts';
import { PolicyDataError } from '../data-errors.ts';
import { evaluateComplaint } from '../subjects/complaint.ts';
import { evaluateFault } from '../subjects/fault.ts';
import { fuling2012Policy, gasUtility2020Policy } from './builtin.ts';
import { loadPolicyPack, NoPolicyInForceError, policyInForce } from './policy.ts';

const problemsOf = (data: unknown) => {
  try {
    loadPolicyPack(data, 'packs/broken.json', builtinCalendars);
  } catch (error) {
    if (error instanceof PolicyDataError)
      return error.problems.map((p) => `${p.source} ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('policy packs are data, validated when loaded', () => {
  it('the default pack carries the numbers of RULES.md', () => {
    const { pack } = fuling2012Policy;
    expect(pack.complaints.classes.map((c) => c.fineFen)).toEqual([1_000_000, 500_000, 100_000, 10_000]);
    expect(pack.repeatWindowDays).toBe(30);
    expect(pack.warnings.fractions).toEqual([0.5, 0.8]);
    expect(pack.complaints.quotas.class4?.excessMode).toBe('double');
  });

  it('a version takes effect within the years the calendars count (1901-2099), or it is refused', () => {
    for (const effectiveFrom of ['0000-01-01', '1900-12-31', '2100-01-01', '9999-12-31']) {
      expect(problemsOf({ ...structuredClone(fuling2012), effectiveFrom })).toEqual([
        'packs/broken.json effectiveFrom: must be a date of 1901-2099, the years the calendars can count',
      ]);
    }
    expect(problemsOf({ ...structuredClone(fuling2012), effectiveFrom: '1901-01-01' })).toEqual([]);
  });

  it('a schema problem names the file, the path inside it and the reason', () => {
    const broken = structuredClone(fuling2012) as Record<string, unknown> & typeof fuling2012;
    broken.complaints.classes[1]!.fineFen = -5;
    (broken.faults.kinds as Record<string, unknown>).urban = { target: { fortnights: 2 } };
    broken.workingDayMode = 'sometimes' as 'elapsed';
    const problems = problemsOf(broken);
    expect(problems).toContain(
      'packs/broken.json complaints.classes[1].fineFen: Too small: expected number to be >=0',
    );
    expect(problems.some((p) => p.startsWith('packs/broken.json faults.kinds.urban.target:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('packs/broken.json workingDayMode:'))).toBe(true);
  });

  it('checks across fields: calendar, fractions, class order, quotas', () => {
    const broken = structuredClone(fuling2012);
    broken.calendar = { id: 'atlantis', missingYear: 'provisional' };
    broken.warnings = { fractions: [0.8, 0.5], atRiskFraction: 0.9 };
    broken.complaints.classes.reverse();
    (broken.complaints.quotas as Record<string, unknown>).class9 = broken.complaints.quotas.class4;
    expect(problemsOf(broken)).toEqual([
      'packs/broken.json calendar: unknown calendar atlantis; known: cn-mainland',
      'packs/broken.json warnings.fractions: fractions must be strictly increasing',
      'packs/broken.json warnings.atRiskFraction: must be one of warnings.fractions',
      'packs/broken.json complaints.classes[0].criteria: only the last class may have no criteria',
      'packs/broken.json complaints.classes[3].criteria: the last class is the fallback for no criteria and lists none',
      'packs/broken.json complaints.quotas.class9: no class or assessment named class9',
    ]);
  });
});

describe('versions and effective dates', () => {
  const v2 = structuredClone(fuling2012);
  v2.version = 'fuling-2027';
  v2.effectiveFrom = '2026-12-01';
  v2.complaints.ordinary.fineFen = 20_000;
  const next = loadPolicyPack(v2, 'packs/fuling-2027.json', builtinCalendars);
  const versions = [fuling2012Policy, next, gasUtility2020Policy];

  it('a complaint is judged by the version in force at its dispatch (00:00 in the pack zone)', () => {
    expect(policyInForce(versions, 'fuling', sh('2026-11-30T23:59')).pack.version).toBe('fuling-2012');
    expect(policyInForce(versions, 'fuling', sh('2026-12-01T00:00')).pack.version).toBe('fuling-2027');
    expect(policyInForce(versions, 'gas-utility', sh('2026-12-01T00:00')).pack.version).toBe(
      'gas-utility-2020',
    );
    expect(() => policyInForce(versions, 'fuling', sh('2011-12-31T23:59'))).toThrow(NoPolicyInForceError);
  });

  it('fines carry the version that priced them', () => {
    const events = [event('complaint.received', '2026-12-02T09:00', { departmentId: 'D1' })];
    const { entries, state } = evaluateComplaint(
      policyInForce(versions, 'fuling', sh('2026-12-02T09:00')),
      'C1',
      events,
      sh('2026-12-02T09:30'),
    );
    expect(state?.policyVersion).toBe('fuling-2027');
    expect(entries).toMatchObject([
      { rule: 'complaint.ordinary', amountFen: 20_000, policyVersion: 'fuling-2027' },
    ]);
  });
});

describe('RULES.md 9: the gas utility pack runs through the same code', () => {
  const gas = gasUtility2020Policy;

  it('complaints are answered within 3 days, counted by date, with its own classes and fines', () => {
    const events = [
      event('complaint.received', '2026-11-23T15:00', { departmentId: 'G1' }),
      event('complaint.first_replied', '2026-11-23T16:00', {}),
      event('complaint.responsibility_set', '2026-11-24T10:00', {
        responsibility: 'enterprise',
        criteria: ['safety_incident'],
      }),
    ];
    const { state, entries } = evaluateComplaint(gas, 'C1', events, sh('2026-11-27T00:00'));
    expect(shLocal(state?.clocks.find((c) => c.name === 'resolution')?.deadline)).toBe('2026-11-27T00:00');
    expect(state?.assessment).toBe('major');
    expect(fines(entries)).toEqual(['complaint.major 2000', 'sla.resolution.late 100']);
  });

  it.each([
    ['emergency crew on site within 30 minutes', 'emergency', '2026-11-23T15:30'],
    ['ignition within 48 hours', 'ignition', '2026-11-25T15:00'],
    ['installation within 5 working days', 'installation', '2026-11-30T15:00'],
  ])('%s', (_name, kind, deadline) => {
    const events = [event('fault.reported', '2026-11-23T15:00', { departmentId: 'G1', kind }, 'F1')];
    expect(shLocal(evaluateFault(gas, 'F1', events, sh('2026-11-23T15:00')).state?.clocks[0].deadline)).toBe(
      deadline,
    );
  });

  it('late crews are fined from the pack', () => {
    const events = [
      event('fault.reported', '2026-11-23T15:00', { departmentId: 'G1', kind: 'emergency' }, 'F1'),
      event('fault.restored', '2026-11-23T15:45', {}, 'F1'),
    ];
    expect(fines(evaluateFault(gas, 'F1', events, sh('2026-11-23T16:00')).entries)).toEqual([
      'fault.repair.late 300',
    ]);
  });
});

describe('packs name their codes for people (labels)', () => {
  // API.md's rule ids: every one the default pack can post has a Chinese and an English name.
  const contractRules = [
    'complaint.class1',
    'complaint.class2',
    'complaint.class3',
    'complaint.class4',
    'complaint.over_level',
    'complaint.over_level.miit_manager',
    'complaint.over_level.miit_hall_head',
    'complaint.ordinary',
    'complaint.warning',
    'sla.first_response.late',
    'sla.resolution.late',
    'fault.repair.late',
    'fault.repair.unfinished',
    'fault.warning',
    'callback.late',
    'callback.rate_shortfall',
    ...Object.keys(fuling2012.findings.rules),
  ];

  it('the default pack names every rule of the contract, in Chinese and English', () => {
    const names = fuling2012Policy.pack.labels!.rules;
    expect(contractRules.filter((rule) => !names[rule]?.zh || !names[rule]?.en)).toEqual([]);
    expect(names['complaint.class1']).toEqual({ zh: '一类投诉', en: 'Class 1 complaint' });
  });

  it('the gas pack names its own classes and findings', () => {
    const names = gasUtility2020Policy.pack.labels!.rules;
    const own = [
      ...gasUtility2020Policy.pack.complaints.classes.map((c) => c.rule),
      ...Object.keys(gasUtility2020Policy.pack.findings.rules),
    ];
    expect(own.filter((rule) => !names[rule])).toEqual([]);
  });

  it('a label for a code the pack does not have is refused, naming it', () => {
    const broken = {
      ...fuling2012,
      labels: { rules: {}, faultKinds: { suburban: { zh: '郊区', en: 'Suburban' } } },
    };
    expect(problemsOf(broken)).toEqual([
      "packs/broken.json labels.faultKinds.suburban: not one of the pack's codes (urban, rural)",
    ]);
  });
});
