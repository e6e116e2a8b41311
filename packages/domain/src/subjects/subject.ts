import type { Clock, ClockName } from '../deadlines/clock.ts';
import { type DomainEvent, inApplicationOrder } from '../events/event.ts';
import type { EventType } from '../events/schema.ts';
import type { LedgerIntent } from '../ledger/entry.ts';
import type { Instant } from '../time.ts';

/** What a duty manager can subscribe to: the signals of subjects, and the calendar's warning. */
export const signalKinds = [
  'warning',
  'breach',
  'upgrade',
  'over_level',
  'suspension',
  'calendar.expiring',
] as const;
export type SignalKind = Exclude<(typeof signalKinds)[number], 'calendar.expiring'>;

/** Something a duty manager should hear of; `key` is stable so an adapter emits each signal once. */
export interface Signal {
  key: string;
  kind: SignalKind;
  at: Instant;
  clock?: ClockName;
  fraction?: number;
  detail?: string;
  /** A signal about a person rather than the subject (a suspension): recorded once per person and key. */
  person?: string;
  /** A clock's signal: the years its deadline was counted on provisionally (absent when official). */
  provisionalYears?: readonly number[];
}

/** An event the rules did not apply, and why. */
export interface IgnoredEvent {
  eventId: string;
  reason: string;
}

/** What one subject's evaluation gives: its state (null until its opening event is known), fines, signals and timers. */
export interface SubjectEvaluation<S> {
  state: S | null;
  entries: LedgerIntent[];
  /** Signals that have happened by the evaluation instant. */
  signals: Signal[];
  /** Future instants at which the state changes with no new event (warnings, deadlines): when to look again. */
  timers: Instant[];
  ignored: IgnoredEvent[];
}

/**
 * The events of one subject the rules apply at `at`, in application order: known by then (occurred
 * at or before `at`), after the opening event, and not after a cancellation.
 */
export function subjectEvents(
  allEvents: readonly DomainEvent[],
  subjectId: string,
  at: Instant,
  openingType: EventType,
  closingType?: EventType,
): { events: DomainEvent[]; ignored: IgnoredEvent[] } {
  const events: DomainEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  let opened = false;
  let closed = false;
  for (const event of inApplicationOrder(allEvents)) {
    if (event.subjectId !== subjectId || event.occurredAt.toMillis() > at.toMillis()) continue;
    const isOpening = event.type === openingType;
    const reason =
      !opened && !isOpening
        ? `${event.type} occurred before the subject's ${openingType}`
        : opened && isOpening
          ? `the subject already has a ${openingType}`
          : closed
            ? `${event.type} occurred after the subject's ${closingType}`
            : event.type.split('.')[0] !== openingType.split('.')[0]
              ? `${event.type} does not apply to this kind of subject`
              : null;
    if (reason) {
      ignored.push({ eventId: event.id, reason });
      continue;
    }
    opened ||= isOpening;
    closed ||= event.type === closingType;
    events.push(event);
  }
  return { events, ignored };
}

/** Signals of clocks by `at` (warnings reached while running, breaches) and the timers still ahead. */
export function signalsOf(
  clocks: readonly Clock[],
  at: Instant,
  extra: readonly Omit<Signal, 'key'>[] = [],
): { signals: Signal[]; timers: Instant[] } {
  const signals: Signal[] = extra.map((s) => ({ ...s, key: s.kind }));
  const timers: Instant[] = [];
  const atMs = at.toMillis();
  for (const clock of clocks) {
    const stoppedMs = clock.stoppedAt?.toMillis() ?? Number.POSITIVE_INFINITY;
    const provisional = clock.provisionalYears.length > 0 ? { provisionalYears: clock.provisionalYears } : {};
    for (const warning of clock.warnings) {
      const warnMs = warning.at.toMillis();
      if (warnMs >= stoppedMs && clock.state !== 'running') continue;
      if (warnMs <= atMs) {
        signals.push({
          key: `warning:${clock.name}:${warning.fraction}`,
          kind: 'warning',
          at: warning.at,
          clock: clock.name,
          fraction: warning.fraction,
          ...provisional,
        });
      } else if (clock.state === 'running') timers.push(warning.at);
    }
    if (clock.breachedAt) {
      signals.push({
        key: `breach:${clock.name}`,
        kind: 'breach',
        at: clock.breachedAt,
        clock: clock.name,
        ...provisional,
      });
    } else if (clock.state === 'running') timers.push(clock.deadline);
  }
  timers.sort((a, b) => a.toMillis() - b.toMillis());
  return { signals, timers };
}
