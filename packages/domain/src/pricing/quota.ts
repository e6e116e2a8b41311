import type { PolicyPack, QuotaRule } from '../policy/schema.ts';

/** RULES.md 2.4: how far past the quota a case is: 0 within it, k for the k-th case beyond it. */
export function excessRank(position: number, quota: number | null): number {
  return quota === null ? 0 : Math.max(0, position - quota);
}

/**
 * RULES.md 2.4: the fine of a quota-governed case. Within the quota: the base (class 4) or nothing
 * (over-level, whose quota is 0). Beyond it: `flat` the base, `double` 2 x base, `progressive` base x 2^k.
 */
export function quotaFineFen(baseFen: number, rule: QuotaRule, rank: number): number {
  if (rank === 0) return rule.withinQuota === 'charged' ? baseFen : 0;
  switch (rule.excessMode) {
    case 'flat':
      return baseFen;
    case 'double':
      return 2 * baseFen;
    case 'progressive':
      return baseFen * 2 ** rank;
  }
}

/**
 * RULES.md 2.4: the quota in force for a department's month and an assessment: the one finance set
 * (`set`; null: unlimited), else the pack's default; null means unlimited, as does an assessment
 * the pack sets no quota for.
 */
export function quotaInForce(
  pack: PolicyPack,
  assessment: string,
  set: number | null | undefined,
): number | null {
  if (set !== undefined) return set;
  return pack.complaints.quotas[assessment]?.defaultQuota ?? null;
}
