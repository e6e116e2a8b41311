import type { PolicyPack } from '../policy/schema.ts';

export const responsibilities = ['enterprise', 'non_enterprise', 'undetermined'] as const;
export type Responsibility = (typeof responsibilities)[number];
export type ComplaintClass = PolicyPack['complaints']['classes'][number];

/** RULES.md 2.1: the highest class with a matching criterion; none matching is the last (fallback) class. */
export function enterpriseClass(pack: PolicyPack, criteria: readonly string[]): ComplaintClass {
  const classes = pack.complaints.classes;
  return classes.find((cls) => cls.criteria.some((c) => criteria.includes(c))) ?? classes.at(-1)!;
}

/**
 * RULES.md 2.1-2.2: enterprise-liable complaints take their class; the others (undetermined counts
 * as non-enterprise) are over-level when the customer went above the company, else ordinary.
 * A pack without an over-level section assesses every non-enterprise complaint as ordinary.
 */
/** RULES.md 2.2: the assessment of a complaint taken over-level (its quota key too). */
export const OVER_LEVEL_ASSESSMENT = 'over_level';

export function assessmentOf(
  pack: PolicyPack,
  responsibility: Responsibility,
  criteria: readonly string[],
  isOverLevel: boolean,
): string {
  if (responsibility === 'enterprise') return enterpriseClass(pack, criteria).id;
  return isOverLevel && pack.complaints.overLevel ? OVER_LEVEL_ASSESSMENT : 'ordinary';
}
