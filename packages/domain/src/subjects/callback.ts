import { type Clock, clockAt, runsFrom } from '../deadlines/clock.ts';
import { deadlineAfter, measureOf } from '../deadlines/deadline.ts';
import type { DomainEvent, EventOf } from '../events/event.ts';
import { departmentParty, intent } from '../ledger/entry.ts';
import type { Policy } from '../policy/policy.ts';
import { type Instant, type Period, periodOf, periodOfDeadline } from '../time.ts';
import { EvaluationError } from './evaluation-error.ts';
import { type SubjectEvaluation, signalsOf, subjectEvents } from './subject.ts';

export interface CallbackState {
  subjectId: string;
  departmentId: string;
  kind: string;
  relatedId: string | null;
  /** `missed`: not done by the kind's last limit (RULES.md 6: a new installation not called back within 7 days). */
  status: 'open' | 'completed' | 'missed';
  openedAt: Instant;
  dueAt: Instant;
  /** The last instant a callback still counts as done: the missed limit, or the due instant. */
  limitAt: Instant;
  completedAt: Instant | null;
  /** Whether it counts as done for the period's callback rate. */
  countsAsDone: boolean;
  /** RULES.md 6: the period whose callback rate it counts in: the month of its last allowed day. */
  ratePeriod: Period;
  policyVersion: string;
  clocks: readonly [Clock];
}

export type CallbackEvaluation = SubjectEvaluation<CallbackState>;

/** RULES.md 6: a customer callback, counted in calendar days by date, late and missed. */
export function evaluateCallback(
  policy: Policy,
  subjectId: string,
  allEvents: readonly DomainEvent[],
  at: Instant,
): CallbackEvaluation {
  const { pack } = policy;
  const { events, ignored } = subjectEvents(allEvents, subjectId, at, 'callback.opened');
  const opened = events.find((e): e is EventOf<'callback.opened'> => e.type === 'callback.opened');
  if (!opened) return { state: null, entries: [], signals: [], timers: [], ignored };
  const kind = pack.callbacks.kinds[opened.data.kind];
  if (!kind)
    throw new EvaluationError(
      opened.id,
      `callback kind ${opened.data.kind} is not in policy ${pack.version}`,
    );

  const openedAt = opened.occurredAt;
  const completed = events.find((e) => e.type === 'callback.completed') ?? null;
  const completedAt = completed?.occurredAt ?? null;
  const dueAt = deadlineAfter(policy, openedAt, kind.due);
  const limitAt = kind.missedAfter ? deadlineAfter(policy, openedAt, kind.missedAfter) : dueAt;
  const clock = clockAt(
    policy,
    {
      name: 'callback',
      startedAt: openedAt,
      deadline: dueAt,
      measure: measureOf(kind.due),
      runs: runsFrom(openedAt, completedAt ? [{ at: completedAt, running: false }] : []),
      cancelledAt: null,
    },
    at,
  );
  const doneInTime = completedAt !== null && completedAt.toMillis() <= limitAt.toMillis();
  const missed = kind.missedAfter !== undefined && !doneInTime && at.toMillis() >= limitAt.toMillis();
  const state: CallbackState = {
    subjectId,
    departmentId: opened.data.departmentId,
    kind: opened.data.kind,
    relatedId: opened.data.relatedId ?? null,
    status: missed ? 'missed' : completedAt ? 'completed' : 'open',
    openedAt,
    dueAt,
    limitAt,
    completedAt,
    countsAsDone: doneInTime || (kind.missedAfter === undefined && completedAt !== null),
    ratePeriod: periodOf(limitAt.minus({ milliseconds: 1 }), pack.timeZone),
    policyVersion: pack.version,
    clocks: [clock],
  };
  // RULES.md 6: done late costs 20 yuan; a missed callback is not "done late" and counts against the rate instead.
  const entries =
    clock.state === 'breached' && completedAt && !missed
      ? intent({
          source: 'callback',
          subjectId,
          rule: 'callback.late',
          cause: 'callback',
          party: departmentParty(state.departmentId),
          amountFen: pack.callbacks.lateFen,
          period: periodOfDeadline(dueAt, pack.timeZone),
          policyVersion: pack.version,
          causeEventId: completed?.id ?? null,
        })
      : [];
  return { state, entries, ...signalsOf(state.clocks, at), ignored };
}
