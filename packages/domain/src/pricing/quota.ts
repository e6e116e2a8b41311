import type { QuotaRule } from '../policy/schema.ts';

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
