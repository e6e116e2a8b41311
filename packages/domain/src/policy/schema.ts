import { z } from 'zod';
import { STATUTORY_YEARS } from '../calendar/statutory-holidays.ts';
import { durationSchema } from './duration.ts';

const fen = z.number().int().nonnegative();
/** Bounds on a pack's texts: codes and ids are short, a title is a line, a source a paragraph. */
const CODE_MAX = 64;
const code = z.string().min(1).max(CODE_MAX);
const ruleId = z
  .string()
  .max(CODE_MAX)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'expected a rule id such as complaint.class1');
const fraction = z.number().gt(0).lt(1);

/** RULES.md 2.1: an enterprise-liable class; the highest class with a matching criterion wins. */
const complaintClass = z.strictObject({
  id: z
    .string()
    .max(CODE_MAX)
    .regex(/^[a-z0-9_]+$/),
  rule: ruleId,
  criteria: z.array(code).max(64),
  fineFen: fen,
});

/** RULES.md 3: the clock targets of one SLA type; a type without a first-response target keeps the clock it had. */
const slaType = z.strictObject({ firstResponse: durationSchema.optional(), resolution: durationSchema });

/** RULES.md 2.4: a quota per department and period for one assessment. */
const quotaRule = z.strictObject({
  /** The quota when none is set for the department and period; null is unlimited. */
  defaultQuota: z.number().int().nonnegative().nullable(),
  /** Whether cases within the quota are charged the base fine (class 4) or free (over-level). */
  withinQuota: z.enum(['charged', 'free']),
  /** `flat`: each excess case costs the base; `double`: 2 x base; `progressive`: the k-th costs base x 2^k. */
  excessMode: z.enum(['flat', 'double', 'progressive']),
});

const personRole = z.enum(['manager', 'hall_head']);

/** A name people read, in Chinese and in English. */
const label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const codeLabels = z.record(z.string().regex(/^[a-z0-9_]+$/), label);

/** What pages and spreadsheets call the pack's codes (display only: no rule reads them). */
const labels = z.strictObject({
  rules: z.record(ruleId, label),
  faultKinds: codeLabels.optional(),
  callbackKinds: codeLabels.optional(),
  exemptionCauses: codeLabels.optional(),
});

export const policyPackSchema = z.strictObject({
  family: z
    .string()
    .max(CODE_MAX)
    .regex(/^[a-z0-9-]+$/),
  version: z
    .string()
    .max(CODE_MAX)
    .regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, dot, dash or underscore'),
  // The years the calendars can count (1901-2099): a version in force outside them could judge nothing.
  effectiveFrom: z.iso.date().refine((date) => {
    const year = Number(date.slice(0, 4));
    return year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last;
  }, `must be a date of ${STATUTORY_YEARS.first}-${STATUTORY_YEARS.last}, the years the calendars can count`),
  title: z.string().min(1).max(200),
  source: z.string().max(2_000).optional(),
  timeZone: code,
  /**
   * The working-day calendar by id, or with the choice for a year it has no official data for
   * (`missingYear`, default `provisional`: weekends and statutory holidays; `refuse`: stop and wait).
   */
  calendar: z.union([
    code,
    z.strictObject({ id: code, missingYear: z.enum(['provisional', 'refuse']).optional() }),
  ]),
  workingDayMode: z.enum(['elapsed', 'endOfDay']),
  warnings: z.strictObject({ fractions: z.array(fraction), atRiskFraction: fraction }),
  repeatWindowDays: z.number().int().positive(),
  complaints: z.strictObject({
    classes: z.array(complaintClass).min(1),
    ordinary: z.strictObject({ fineFen: fen }),
    overLevel: z
      .strictObject({
        bodies: z.array(code).min(1).max(64),
        fineFen: z.strictObject({ priorComplaintNotIntercepted: fen, otherwise: fen }),
        personalFines: z.array(z.strictObject({ body: code, role: personRole, rule: ruleId, fineFen: fen })),
        /** When false the ministry's personal fines stay even after the complaint is ruled enterprise-liable. */
        personalFinesFollowResponsibility: z.boolean(),
      })
      .optional(),
    warning: z
      .strictObject({
        triggers: z.array(z.enum(['overdue', 'repeat', 'tendency'])),
        enterpriseFineFen: fen,
        nonEnterpriseFineFen: fen,
      })
      .optional(),
    quotas: z.record(code, quotaRule),
    group: z
      .strictObject({
        defaultMultiplier: z.number().positive(),
        tiers: z.record(z.string().min(1).max(32), z.number().positive()),
      })
      .optional(),
    slaTypes: z
      .strictObject({
        ordinary: slaType,
        escalation_warning: slaType.optional(),
        over_level_1: slaType.optional(),
        over_level_2: slaType.optional(),
        group: slaType.optional(),
      })
      .refine((types) => types.ordinary.firstResponse !== undefined, {
        message: 'the ordinary type needs a first-response target',
        path: ['ordinary', 'firstResponse'],
      }),
    lateness: z.strictObject({
      firstResponseFen: fen,
      resolutionFen: fen,
      /** RULES.md 3: an ordinary-channel complaint's first resolution breach is a non-enterprise warning instead. */
      ordinaryBreachIsNonEnterpriseWarning: z.boolean(),
    }),
  }),
  faults: z.strictObject({
    kinds: z.record(code.regex(/^[a-z0-9_]+$/), z.strictObject({ target: durationSchema })),
    lateFen: fen,
    unfinishedFen: fen,
    exemptionCauses: z.array(code).max(64),
    upgrade: z.strictObject({ triggers: z.array(z.enum(['overdue', 'repeat'])), fineFen: fen }).optional(),
  }),
  callbacks: z.strictObject({
    kinds: z.record(
      code.regex(/^[a-z0-9_]+$/),
      z.strictObject({ due: durationSchema, missedAfter: durationSchema.optional() }),
    ),
    lateFen: fen,
    rateShortfall: z.strictObject({ targetPercent: z.number().int().min(1).max(100), perPointFen: fen }),
  }),
  findings: z.strictObject({
    rules: z.record(
      ruleId,
      z.strictObject({
        fineFen: fen,
        chargedTo: z.enum(['department', 'person']),
        /** RULES.md 7: the n-th finding of a person in a calendar year costs base x 2^(n-1). */
        progressive: z.boolean().optional(),
      }),
    ),
    /** RULES.md 7: more progressive findings than this in a calendar year suspends the person. */
    suspensionAfter: z.number().int().positive(),
  }),
  labels: labels.optional(),
});

export type PolicyPack = z.infer<typeof policyPackSchema>;
/** RULES.md 3: the SLA types a complaint can be of. */
export const slaTypeIds = [
  'ordinary',
  'escalation_warning',
  'over_level_1',
  'over_level_2',
  'group',
] as const;
export type SlaTypeId = keyof PolicyPack['complaints']['slaTypes'];
export type QuotaRule = z.infer<typeof quotaRule>;
export type PackLabels = z.infer<typeof labels>;

/** A pack's calendar setting with its default filled in (a bare id is the short form). */
export function calendarSettingOf(pack: Pick<PolicyPack, 'calendar'>): {
  id: string;
  missingYear: 'provisional' | 'refuse';
} {
  if (typeof pack.calendar === 'string') return { id: pack.calendar, missingYear: 'provisional' };
  return { id: pack.calendar.id, missingYear: pack.calendar.missingYear ?? 'provisional' };
}
