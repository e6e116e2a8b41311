import type { PolicyPack } from '../policy/schema.ts';

/**
 * RULES.md 6: for each full percentage point the callback rate falls below the target, a fine
 * (97.5% against 100% is 2 points). Integer arithmetic, so no rounding surprises.
 */
export function rateShortfallPoints(targetPercent: number, done: number, due: number): number {
  if (due === 0) return 0;
  // points = floor(target - 100 * done / due), computed as floor((target * due - 100 * done) / due)
  return Math.max(0, Math.floor((targetPercent * due - 100 * done) / due));
}

export function rateShortfallFen(pack: PolicyPack, done: number, due: number): number {
  const { targetPercent, perPointFen } = pack.callbacks.rateShortfall;
  return rateShortfallPoints(targetPercent, done, due) * perPointFen;
}
