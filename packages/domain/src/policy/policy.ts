import { DateTime, IANAZone } from 'luxon';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { OVER_LEVEL_ASSESSMENT } from '../classification/assessment.ts';
import { type DataProblem, PolicyDataError, parseData } from '../data-errors.ts';
import type { Instant } from '../time.ts';
import { calendarSettingOf, type PolicyPack, policyPackSchema } from './schema.ts';

/** A validated policy pack with the calendar it refers to: everything a rule needs to decide. */
export interface Policy {
  readonly pack: PolicyPack;
  readonly calendar: WorkingCalendar;
  /** The first instant the version is in force: 00:00 of `effectiveFrom` in the pack's zone. */
  readonly effectiveAt: Instant;
}

/**
 * Validates a pack (shape, then the checks across fields) and binds it to its calendar.
 * Every problem names `source` (the file), the path inside it and the reason.
 */
export function loadPolicyPack(
  data: unknown,
  source: string,
  calendars: ReadonlyMap<string, WorkingCalendar>,
): Policy {
  const pack = parseData(policyPackSchema, data, source);
  const problems = crossFieldProblems(pack, calendars).map((p) => ({ source, ...p }));
  if (problems.length > 0) throw new PolicyDataError(problems);
  const setting = calendarSettingOf(pack);
  return {
    pack,
    calendar: calendars.get(setting.id)!.withMissingYear(setting.missingYear),
    effectiveAt: DateTime.fromISO(pack.effectiveFrom, { zone: pack.timeZone }).toUTC() as Instant,
  };
}

function crossFieldProblems(
  pack: PolicyPack,
  calendars: ReadonlyMap<string, WorkingCalendar>,
): Omit<DataProblem, 'source'>[] {
  const problems: Omit<DataProblem, 'source'>[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  if (!IANAZone.isValidZone(pack.timeZone)) problem('timeZone', `unknown IANA time zone ${pack.timeZone}`);
  const calendarId = calendarSettingOf(pack).id;
  const calendar = calendars.get(calendarId);
  if (!calendar)
    problem('calendar', `unknown calendar ${calendarId}; known: ${[...calendars.keys()].join(', ')}`);
  else if (calendar.timeZone !== pack.timeZone) {
    problem(
      'calendar',
      `calendar ${calendar.id} is kept in ${calendar.timeZone}, the pack in ${pack.timeZone}`,
    );
  }

  const { fractions, atRiskFraction } = pack.warnings;
  if (fractions.some((f, i) => i > 0 && f <= fractions[i - 1]!)) {
    problem('warnings.fractions', 'fractions must be strictly increasing');
  }
  if (!fractions.includes(atRiskFraction))
    problem('warnings.atRiskFraction', 'must be one of warnings.fractions');

  const { classes, quotas, overLevel } = pack.complaints;
  const seenIds = new Set<string>();
  const seenCriteria = new Map<string, string>();
  classes.forEach((cls, index) => {
    if (seenIds.has(cls.id)) problem(`complaints.classes[${index}].id`, `class ${cls.id} is defined twice`);
    seenIds.add(cls.id);
    for (const criterion of cls.criteria) {
      const owner = seenCriteria.get(criterion);
      if (owner)
        problem(
          `complaints.classes[${index}].criteria`,
          `criterion ${criterion} already belongs to ${owner}`,
        );
      seenCriteria.set(criterion, cls.id);
    }
    const isLast = index === classes.length - 1;
    if (isLast && cls.criteria.length > 0) {
      problem(
        `complaints.classes[${index}].criteria`,
        'the last class is the fallback for no criteria and lists none',
      );
    }
    if (!isLast && cls.criteria.length === 0) {
      problem(`complaints.classes[${index}].criteria`, 'only the last class may have no criteria');
    }
  });
  for (const key of Object.keys(quotas)) {
    if (!seenIds.has(key) && key !== OVER_LEVEL_ASSESSMENT) {
      problem(`complaints.quotas.${key}`, `no class or assessment named ${key}`);
    }
    if (key === OVER_LEVEL_ASSESSMENT && !overLevel)
      problem(`complaints.quotas.${key}`, 'the pack has no overLevel section');
  }
  overLevel?.personalFines.forEach((fine, index) => {
    if (!overLevel.bodies.includes(fine.body)) {
      problem(`complaints.overLevel.personalFines[${index}].body`, `${fine.body} is not in overLevel.bodies`);
    }
  });
  if (pack.complaints.warning && !pack.complaints.slaTypes.escalation_warning) {
    problem(
      'complaints.slaTypes.escalation_warning',
      'required when the pack upgrades complaints (complaints.warning)',
    );
  }
  if (overLevel && (!pack.complaints.slaTypes.over_level_1 || !pack.complaints.slaTypes.over_level_2)) {
    problem(
      'complaints.slaTypes',
      'over_level_1 and over_level_2 are required when the pack has an overLevel section',
    );
  }
  if (pack.complaints.group && !pack.complaints.slaTypes.group) {
    problem('complaints.slaTypes.group', 'required when the pack has a group section');
  }
  if (Object.keys(pack.faults.kinds).length === 0)
    problem('faults.kinds', 'at least one fault kind is needed');
  const labelled = [
    ['faultKinds', Object.keys(pack.faults.kinds)],
    ['callbackKinds', Object.keys(pack.callbacks.kinds)],
    ['exemptionCauses', pack.faults.exemptionCauses],
  ] as const;
  for (const [section, codes] of labelled) {
    for (const code of Object.keys(pack.labels?.[section] ?? {})) {
      if (!codes.includes(code))
        problem(`labels.${section}.${code}`, `not one of the pack's codes (${codes.join(', ')})`);
    }
  }
  return problems;
}

/** Thrown when no version of a family is in force at an instant. */
export class NoPolicyInForceError extends Error {
  /** The family that has no version in force then. */
  readonly family: string;

  constructor(family: string, at: Instant) {
    super(`no version of policy ${family} is in force at ${at.toISO()}`);
    this.name = 'NoPolicyInForceError';
    this.family = family;
  }
}

/** The zone the engine answers in and keeps months in (API.md): its packs', Asia/Shanghai when it has none. */
export function timeZoneOf(policies: readonly Policy[]): string {
  return policies[0]?.pack.timeZone ?? 'Asia/Shanghai';
}

/**
 * RULES.md 9: a department is judged by the family assigned to it, the engine's default where none
 * is; RULES.md 8: by that family's version in force at the subject's dispatch.
 */
export function judgingPolicy(
  policies: readonly Policy[],
  assignedFamily: string | undefined,
  defaultFamily: string,
  at: Instant,
): Policy {
  return policyInForce(policies, assignedFamily ?? defaultFamily, at);
}

/** RULES.md 8 and API.md: a subject is judged by the version of its family in force at its dispatch. */
export function policyInForce(policies: readonly Policy[], family: string, at: Instant): Policy {
  let chosen: Policy | undefined;
  for (const policy of policies) {
    if (policy.pack.family !== family || policy.effectiveAt.toMillis() > at.toMillis()) continue;
    if (!chosen || policy.effectiveAt.toMillis() > chosen.effectiveAt.toMillis()) chosen = policy;
  }
  if (!chosen) throw new NoPolicyInForceError(family, at);
  return chosen;
}
