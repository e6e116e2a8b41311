import type { DomainEvent, EventOf } from '../events/event.ts';
import { intent } from '../ledger/entry.ts';
import type { Policy } from '../policy/policy.ts';
import { findingFineFen, isSuspending } from '../pricing/findings.ts';
import { type Instant, periodOf } from '../time.ts';
import { EvaluationError } from './evaluation-error.ts';
import { type SubjectEvaluation, subjectEvents } from './subject.ts';

export interface FindingContext {
  /** RULES.md 7: for a progressive rule, this finding's 1-based rank among the person's findings of the calendar year. */
  rankInYear?: number;
}

export interface FindingState {
  subjectId: string;
  rule: string;
  departmentId: string;
  hallId: string | null;
  personId: string | null;
  relatedId: string | null;
  recordedAt: Instant;
  rankInYear: number | null;
  /** RULES.md 7: this finding takes the person past the yearly limit; they must be suspended (待岗). */
  suspends: boolean;
  policyVersion: string;
}

export type FindingEvaluation = SubjectEvaluation<FindingState>;

/** RULES.md 5 and 7: a quality or window finding and its fine, charged to the person where the rule says so. */
export function evaluateFinding(
  policy: Policy,
  subjectId: string,
  allEvents: readonly DomainEvent[],
  at: Instant,
  context: FindingContext = {},
): FindingEvaluation {
  const { pack } = policy;
  const { events, ignored } = subjectEvents(allEvents, subjectId, at, 'finding.recorded');
  const recorded = events.find((e): e is EventOf<'finding.recorded'> => e.type === 'finding.recorded');
  if (!recorded) return { state: null, entries: [], signals: [], timers: [], ignored };
  const spec = pack.findings.rules[recorded.data.rule];
  if (!spec)
    throw new EvaluationError(
      recorded.id,
      `finding rule ${recorded.data.rule} is not in policy ${pack.version}`,
    );

  const personId = recorded.data.personId ?? null;
  const rankInYear = spec.progressive && personId ? (context.rankInYear ?? 1) : null;
  const state: FindingState = {
    subjectId,
    rule: recorded.data.rule,
    departmentId: recorded.data.departmentId,
    hallId: recorded.data.hallId ?? null,
    personId,
    relatedId: recorded.data.relatedId ?? null,
    recordedAt: recorded.occurredAt,
    rankInYear,
    suspends: rankInYear !== null && isSuspending(pack, rankInYear),
    policyVersion: pack.version,
  };
  const toPerson = spec.chargedTo === 'person' && personId !== null;
  const entries = intent({
    source: 'finding',
    subjectId,
    rule: state.rule,
    cause: 'finding',
    party: {
      departmentId: state.departmentId,
      personId: toPerson ? personId : null,
      personRole: toPerson ? 'staff' : null,
    },
    amountFen: findingFineFen(pack, state.rule, rankInYear ?? 1),
    period: periodOf(state.recordedAt, pack.timeZone),
    policyVersion: pack.version,
    causeEventId: recorded.id,
  });
  // One suspension per person and year, whichever finding crosses the limit (a late earlier one may move it).
  const signals =
    state.suspends && personId
      ? [
          {
            key: `suspension:${personId}:${state.recordedAt.setZone(pack.timeZone).year}`,
            kind: 'suspension' as const,
            at: state.recordedAt,
            detail: personId,
            person: personId,
          },
        ]
      : [];
  return { state, entries, signals, timers: [], ignored };
}
