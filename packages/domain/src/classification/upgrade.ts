import type { PolicyPack } from '../policy/schema.ts';
import type { Instant } from '../time.ts';

export const upgradeReasons = ['overdue', 'repeat', 'tendency'] as const;
export type UpgradeReason = (typeof upgradeReasons)[number];

/**
 * RULES.md 2.3: a repeat upgrades only when the earlier work order it names was dispatched no more
 * than `repeatWindowDays` before this one (and not after it).
 */
export function isRepeatWithinWindow(
  pack: PolicyPack,
  dispatchedAt: Instant,
  earlierDispatchedAt: Instant | null,
): boolean {
  if (earlierDispatchedAt === null) return false;
  const gap = dispatchedAt.toMillis() - earlierDispatchedAt.toMillis();
  return gap >= 0 && gap <= pack.repeatWindowDays * 24 * 3_600_000;
}
