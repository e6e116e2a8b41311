import type { Duration } from '../policy/duration.ts';
import type { Policy } from '../policy/policy.ts';
import { addMillis, HOUR_MS, type Instant, MINUTE_MS } from '../time.ts';

/** How a clock's time passes: on every instant, or only on working days. */
export type Measure = 'elapsed' | 'working';

export function measureOf(duration: Duration): Measure {
  return 'workingDays' in duration ? 'working' : 'elapsed';
}

/**
 * The deadline of a target counted from `start` (RULES.md 3 and 6): minutes and hours are elapsed,
 * "days" are 24 elapsed hours, working days follow the policy's calendar and mode, and date-counted
 * days end at 24:00 of the N-th day after the start date.
 */
export function deadlineAfter(policy: Policy, start: Instant, duration: Duration): Instant {
  if ('minutes' in duration) return addMillis(start, duration.minutes * MINUTE_MS);
  if ('hours' in duration) return addMillis(start, duration.hours * HOUR_MS);
  if ('days' in duration) return addMillis(start, duration.days * 24 * HOUR_MS);
  if ('workingDays' in duration) {
    return policy.calendar.addWorkingDays(start, duration.workingDays, policy.pack.workingDayMode);
  }
  return policy.calendar.addDateDays(start, duration.dateDays);
}

/** A target counted from a start: the deadline with the measure that warnings follow. */
export interface Target {
  deadline: Instant;
  measure: Measure;
}

export function targetAfter(policy: Policy, start: Instant, duration: Duration): Target {
  return { deadline: deadlineAfter(policy, start, duration), measure: measureOf(duration) };
}

/** RULES.md 3: of several applicable targets, each clock takes the strictest (earliest) deadline. */
export function strictest(targets: readonly Target[]): Target {
  if (targets.length === 0) throw new RangeError('strictest() needs at least one target');
  return targets.reduce((best, next) => (next.deadline.toMillis() < best.deadline.toMillis() ? next : best));
}
