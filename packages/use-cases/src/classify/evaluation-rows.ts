import type { NewClock, NewSignal, SubjectEvaluationRow } from '@engine/db';
import type {
  CallbackState,
  Clock,
  ComplaintState,
  DomainEvent,
  FindingState,
  Instant,
  Policy,
  Signal,
} from '@engine/domain';
import type { Evaluated } from './evaluate-stored.ts';

/** How an evaluation becomes rows: shared by the classifier's one-subject and batch paths. */

export function toNewClock(clock: Clock): NewClock {
  return {
    name: clock.name,
    startedAt: clock.startedAt.toJSDate(),
    deadline: clock.deadline.toJSDate(),
    stoppedAt: clock.stoppedAt?.toJSDate() ?? null,
    state: clock.state,
    breachedAt: clock.breachedAt?.toJSDate() ?? null,
    atRiskFrom: clock.atRiskFrom.toJSDate(),
    provisionalYears: [...clock.provisionalYears],
  };
}

/** The state's clocks, as the domain gave them. */
export function clocksOf(evaluated: Evaluated): Clock[] {
  return (evaluated.evaluation.state!.clocks ?? []) as Clock[];
}

/** The years without official calendar data the subject's deadlines were counted on. */
export function provisionalYearsOf(clocks: readonly Clock[]): number[] {
  return [...new Set(clocks.flatMap((clock) => clock.provisionalYears))].sort((a, b) => a - b);
}

/** The subject's next look: its next warning or deadline, or an event dated a little ahead. */
export function nextCheckOf(evaluated: Evaluated, events: readonly DomainEvent[], now: Instant): Date | null {
  const timer = evaluated.evaluation.timers[0] ?? null;
  const futureEvent = events.find((e) => e.occurredAt > now)?.occurredAt ?? null;
  if (!timer || !futureEvent) return (timer ?? futureEvent)?.toJSDate() ?? null;
  return (timer.toMillis() <= futureEvent.toMillis() ? timer : futureEvent).toJSDate();
}

/**
 * The fields of a subject's state that SQL filters and groups by, as typed columns: the SLA
 * summary's (complaints), a person's findings of a year, a period's callback rate.
 */
function stateColumns(kind: string, state: object) {
  const none = {
    assessment: null,
    upgraded: null,
    personId: null,
    findingRule: null,
    ratePeriod: null,
    callbackKind: null,
    countsAsDone: null,
    completedAt: null,
    slaType: null,
  };
  switch (kind) {
    case 'complaint': {
      const { assessment, upgraded, slaType } = state as ComplaintState;
      return { ...none, assessment, upgraded, slaType };
    }
    case 'finding': {
      const { personId, rule } = state as FindingState;
      return { ...none, personId, findingRule: rule };
    }
    case 'callback': {
      const callback = state as CallbackState;
      return {
        ...none,
        ratePeriod: callback.ratePeriod,
        callbackKind: callback.kind,
        countsAsDone: callback.countsAsDone,
        completedAt: callback.completedAt?.toJSDate() ?? null,
      };
    }
    default:
      return none;
  }
}

/** The subjects row of an evaluation: its state, desired fines, next look and typed columns. */
export function evaluationRow(input: {
  kind: string;
  id: string;
  policy: Policy;
  opening: DomainEvent;
  evaluated: Evaluated;
  nextCheckAt: Date | null;
  calendarNeeds: number[];
}): SubjectEvaluationRow {
  const { kind, id, policy, opening, evaluated } = input;
  const state = evaluated.evaluation.state!;
  return {
    kind,
    id,
    departmentId: evaluated.departmentId,
    hallId: evaluated.hallId,
    status: state.status ?? 'recorded',
    policyVersion: policy.pack.version,
    openedAt: opening.occurredAt.toJSDate(),
    state,
    desiredEntries: evaluated.evaluation.entries,
    nextCheckAt: input.nextCheckAt,
    quotaAssessment: evaluated.quota?.assessment ?? null,
    quotaPeriod: evaluated.quota?.period ?? null,
    ...stateColumns(kind, state),
    // The board shows the hotline's summary of a complaint.
    summary: kind === 'complaint' ? ((opening.data as { summary?: string }).summary ?? null) : null,
    calendarNeeds: input.calendarNeeds,
  };
}

/** What the evaluation says of its events: applied (those that have happened), failed (ignored, with why). */
export function eventsOutcome(evaluated: Evaluated, events: readonly DomainEvent[], now: Instant) {
  const ignored = new Set(evaluated.evaluation.ignored.map((i) => i.eventId));
  return {
    seen: events.map((e) => e.id),
    applied: events.filter((e) => e.occurredAt <= now && !ignored.has(e.id)).map((e) => e.id),
    failed: evaluated.evaluation.ignored.map(({ eventId, reason }) => ({ eventId, reason })),
    ofStoredState: true,
  };
}

/** The evaluation's signals as rows, each recorded once (with its webhook deliveries). */
export function signalRows(
  kind: string,
  id: string,
  departmentId: string,
  signals: readonly Signal[],
): NewSignal[] {
  return signals.map((signal) => ({
    // A person's signal (a suspension) is recorded once for the person, whichever finding raised it.
    subjectKind: signal.person ? 'person' : kind,
    subjectId: signal.person ?? id,
    key: signal.key,
    kind: signal.kind,
    at: signal.at.toJSDate(),
    departmentId,
    detail: {
      clock: signal.clock ?? null,
      fraction: signal.fraction ?? null,
      detail: signal.detail ?? null,
      ...(signal.provisionalYears ? { provisionalYears: signal.provisionalYears } : {}),
    },
  }));
}
