import { type Instant, instantFromMillis } from '../time.ts';

export interface Interval {
  from: Instant;
  to: Instant;
}

/**
 * RULES.md 4: time inside approved exemption intervals does not count toward a deadline, so the
 * deadline moves later by the exempted time that falls before it (overlapping intervals count once).
 */
export function deadlineWithExemptions(
  start: Instant,
  deadline: Instant,
  exemptions: readonly Interval[],
): Instant {
  const startMs = start.toMillis();
  const clipped = exemptions
    .map(({ from, to }) => ({ from: Math.max(from.toMillis(), startMs), to: to.toMillis() }))
    .filter(({ from, to }) => to > from)
    .sort((a, b) => a.from - b.from);
  let deadlineMs = deadline.toMillis();
  let coveredUntil = startMs;
  for (const { from, to } of clipped) {
    const effectiveFrom = Math.max(from, coveredUntil);
    if (effectiveFrom >= deadlineMs) break;
    if (to <= effectiveFrom) continue;
    deadlineMs += to - effectiveFrom;
    coveredUntil = to;
  }
  return instantFromMillis(deadlineMs);
}
