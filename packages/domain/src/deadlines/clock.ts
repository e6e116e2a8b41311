import type { Policy } from '../policy/policy.ts';
import { addMillis, type Instant } from '../time.ts';
import type { Measure } from './deadline.ts';

export const clockNames = [
  'first_response',
  'resolution',
  'resolution_warning',
  'repair',
  'callback',
] as const;
export type ClockName = (typeof clockNames)[number];
export const clockStates = ['running', 'met', 'breached', 'cancelled'] as const;
export type ClockState = (typeof clockStates)[number];

/** A stretch of time in which the clock runs; `to` is null while it still runs. */
export interface Run {
  from: Instant;
  to: Instant | null;
}

/** What a clock is, independent of when it is looked at. */
export interface ClockSpec {
  name: ClockName;
  startedAt: Instant;
  deadline: Instant;
  measure: Measure;
  runs: readonly Run[];
  cancelledAt: Instant | null;
}

export interface ClockWarning {
  fraction: number;
  at: Instant;
}

/** A clock as seen at one instant: the shape API.md gives, plus its warning instants. */
export interface Clock {
  name: ClockName;
  startedAt: Instant;
  deadline: Instant;
  stoppedAt: Instant | null;
  state: ClockState;
  breachedAt: Instant | null;
  remainingSeconds: number | null;
  warnings: readonly ClockWarning[];
  /** From this instant a running clock is at risk (the policy's at-risk fraction). */
  atRiskFrom: Instant;
  /** Years without official holiday data its working-day deadline was counted on (empty: all official). */
  provisionalYears: readonly number[];
}

/** Builds the runs of a clock from its start and the instants it stopped and restarted, in order. */
export function runsFrom(start: Instant, toggles: readonly { at: Instant; running: boolean }[]): Run[] {
  const runs: Run[] = [{ from: start, to: null }];
  for (const toggle of toggles) {
    const current = runs.at(-1)!;
    const isRunning = current.to === null;
    if (toggle.running === isRunning) continue;
    if (toggle.at.toMillis() < current.from.toMillis()) continue;
    if (toggle.running) runs.push({ from: toggle.at, to: null });
    else current.to = toggle.at;
  }
  return runs;
}

/** The first instant at or after the deadline at which the clock runs, or null: a clock stopped at its deadline is on time. */
export function breachInstant(runs: readonly Run[], deadline: Instant): Instant | null {
  const deadlineMs = deadline.toMillis();
  for (const run of runs) {
    if (run.to !== null && run.to.toMillis() <= deadlineMs) continue;
    return run.from.toMillis() > deadlineMs ? run.from : deadline;
  }
  return null;
}

export function isRunningAt(runs: readonly Run[], at: Instant): boolean {
  const ms = at.toMillis();
  return runs.some((run) => run.from.toMillis() <= ms && (run.to === null || run.to.toMillis() > ms));
}

/** The instant a fraction of the allowed time has passed, in the clock's own measure (RULES.md 3: warnings). */
export function fractionInstant(policy: Policy, spec: ClockSpec, fraction: number): Instant {
  if (spec.measure === 'working') {
    const allowed = policy.calendar.workingTimeBetween(spec.startedAt, spec.deadline);
    return policy.calendar.addWorkingTime(spec.startedAt, Math.round(allowed * fraction));
  }
  const allowed = spec.deadline.toMillis() - spec.startedAt.toMillis();
  return addMillis(spec.startedAt, Math.round(allowed * fraction));
}

/** A clock's state at `at`: breached once it runs past its deadline; cancelled if cancelled while running. */
export function clockAt(policy: Policy, spec: ClockSpec, at: Instant): Clock {
  const atMs = at.toMillis();
  const last = spec.runs.at(-1)!;
  const stoppedAt = last.to !== null && last.to.toMillis() <= atMs ? last.to : null;
  const breach = breachInstant(spec.runs, spec.deadline);
  const breachedAt = breach && breach.toMillis() <= atMs ? breach : null;
  const cancelled =
    spec.cancelledAt !== null &&
    spec.cancelledAt.toMillis() <= atMs &&
    (breachedAt === null || spec.cancelledAt.toMillis() < breachedAt.toMillis()) &&
    isRunningAt(spec.runs, spec.cancelledAt);
  const state: ClockState = cancelled ? 'cancelled' : breachedAt ? 'breached' : stoppedAt ? 'met' : 'running';
  return {
    name: spec.name,
    startedAt: spec.startedAt,
    deadline: spec.deadline,
    stoppedAt: cancelled ? spec.cancelledAt : stoppedAt,
    state,
    breachedAt: cancelled ? null : breachedAt,
    remainingSeconds: state === 'running' ? Math.floor((spec.deadline.toMillis() - atMs) / 1000) : null,
    warnings: policy.pack.warnings.fractions.map((fraction) => ({
      fraction,
      at: fractionInstant(policy, spec, fraction),
    })),
    atRiskFrom: fractionInstant(policy, spec, policy.pack.warnings.atRiskFraction),
    provisionalYears:
      spec.measure === 'working'
        ? policy.calendar.provisionalYearsBetween(spec.startedAt, spec.deadline)
        : [],
  };
}
