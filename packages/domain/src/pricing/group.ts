import type { PolicyPack } from '../policy/schema.ts';

/**
 * RULES.md 2.5: a group customer's assessment fines are multiplied by its tier's multiplier
 * (unknown tiers take the default). Never applied to personal or lateness fines.
 */
export function groupMultiplier(pack: PolicyPack, tier: string | null): number {
  const group = pack.complaints.group;
  if (tier === null || !group) return 1;
  return group.tiers[tier] ?? group.defaultMultiplier;
}

export function multiplied(amountFen: number, multiplier: number): number {
  return Math.round(amountFen * multiplier);
}
