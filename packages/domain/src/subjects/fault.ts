import { isRepeatWithinWindow } from '../classification/upgrade.ts';
import { type Clock, clockAt, runsFrom } from '../deadlines/clock.ts';
import { targetAfter } from '../deadlines/deadline.ts';
import { deadlineWithExemptions, type Interval } from '../deadlines/exemptions.ts';
import type { DomainEvent, EventOf } from '../events/event.ts';
import { departmentParty, intent, type LedgerIntent } from '../ledger/entry.ts';
import { isUnfinishedAtEnd } from '../period/period-end.ts';
import type { Policy } from '../policy/policy.ts';
import { type Instant, type Period, parseInstant, periodEnd, periodOf, periodOfDeadline } from '../time.ts';
import { EvaluationError } from './evaluation-error.ts';
import { type SubjectEvaluation, signalsOf, subjectEvents } from './subject.ts';

export interface FaultContext {
  /** RULES.md 2.3: when the fault named by `repeatOf` was reported, if the engine knows it. */
  repeatOfReportedAt?: Instant | null;
  /** RULES.md 4 and 8: the closed periods; a fault unfinished past its deadline when one closed costs the unfinished fine. */
  closedPeriods?: ReadonlySet<Period>;
}

export interface Exemption extends Interval {
  cause: string;
  approvedBy: string;
  eventId: string;
}

export interface FaultState {
  subjectId: string;
  departmentId: string;
  hallId: string | null;
  kind: string;
  status: 'open' | 'restored';
  reportedAt: Instant;
  exemptions: readonly Exemption[];
  upgraded: boolean;
  upgrade: { at: Instant; reason: 'overdue' | 'repeat' } | null;
  /** The first closed period at whose end the fault was past its deadline and not restored. */
  unfinishedAtCloseOf: Period | null;
  policyVersion: string;
  clocks: readonly [Clock];
}

export type FaultEvaluation = SubjectEvaluation<FaultState>;

/** RULES.md 4: a fault ticket's repair clock, exemptions, upgrade and fines at `at`. */
export function evaluateFault(
  policy: Policy,
  subjectId: string,
  allEvents: readonly DomainEvent[],
  at: Instant,
  context: FaultContext = {},
): FaultEvaluation {
  const { pack } = policy;
  const { events, ignored } = subjectEvents(allEvents, subjectId, at, 'fault.reported');
  const reported = events.find((e): e is EventOf<'fault.reported'> => e.type === 'fault.reported');
  if (!reported) return { state: null, entries: [], signals: [], timers: [], ignored };
  const kind = pack.faults.kinds[reported.data.kind];
  if (!kind)
    throw new EvaluationError(
      reported.id,
      `fault kind ${reported.data.kind} is not in policy ${pack.version}`,
    );

  const reportedAt = reported.occurredAt;
  const restoredAt = events.find((e) => e.type === 'fault.restored')?.occurredAt ?? null;
  const exemptions: Exemption[] = events.flatMap((e) =>
    e.type === 'fault.exemption_approved'
      ? [
          {
            from: parseInstant(e.data.from),
            to: parseInstant(e.data.to),
            cause: e.data.cause,
            approvedBy: e.data.approvedBy,
            eventId: e.id,
          },
        ]
      : [],
  );
  const target = targetAfter(policy, reportedAt, kind.target);
  const spec = {
    name: 'repair' as const,
    startedAt: reportedAt,
    deadline: deadlineWithExemptions(reportedAt, target.deadline, exemptions),
    measure: target.measure,
    runs: runsFrom(reportedAt, restoredAt ? [{ at: restoredAt, running: false }] : []),
    cancelledAt: null,
  };
  const repair = clockAt(policy, spec, at);

  const triggers = new Set(pack.faults.upgrade?.triggers ?? []);
  const upgrade: FaultState['upgrade'] =
    triggers.has('repeat') &&
    reported.data.repeatOf !== undefined &&
    isRepeatWithinWindow(pack, reportedAt, context.repeatOfReportedAt ?? null)
      ? { at: reportedAt, reason: 'repeat' }
      : triggers.has('overdue') && repair.breachedAt
        ? { at: repair.breachedAt, reason: 'overdue' }
        : null;

  // The first closed period (already ended at `at`) at whose end it was unfinished.
  const unfinishedAtCloseOf =
    [...(context.closedPeriods ?? [])].sort().find((period) => {
      const end = periodEnd(period, pack.timeZone);
      return end.toMillis() <= at.toMillis() && isUnfinishedAtEnd(spec.deadline, restoredAt, end);
    }) ?? null;

  const state: FaultState = {
    subjectId,
    departmentId: reported.data.departmentId,
    hallId: reported.data.hallId ?? null,
    kind: reported.data.kind,
    status: repair.stoppedAt ? 'restored' : 'open',
    reportedAt,
    exemptions,
    upgraded: upgrade !== null,
    upgrade,
    unfinishedAtCloseOf,
    policyVersion: pack.version,
    clocks: [repair],
  };

  const common = {
    source: 'fault' as const,
    subjectId,
    policyVersion: pack.version,
    party: departmentParty(state.departmentId),
  };
  const entries: LedgerIntent[] = [];
  if (unfinishedAtCloseOf) {
    // RULES.md 4: unfinished at the close costs 100 yuan instead of the 50, not in addition.
    entries.push(
      ...intent({
        ...common,
        rule: 'fault.repair.unfinished',
        cause: 'repair',
        amountFen: pack.faults.unfinishedFen,
        period: unfinishedAtCloseOf,
        causeEventId: null,
      }),
    );
  } else if (repair.state === 'breached' && repair.stoppedAt) {
    entries.push(
      ...intent({
        ...common,
        rule: 'fault.repair.late',
        cause: 'repair',
        amountFen: pack.faults.lateFen,
        period: periodOfDeadline(repair.deadline, pack.timeZone),
        causeEventId: events.find((e) => e.type === 'fault.restored')?.id ?? null,
      }),
    );
  }
  if (upgrade && pack.faults.upgrade) {
    entries.push(
      ...intent({
        ...common,
        rule: 'fault.warning',
        cause: 'upgrade',
        amountFen: pack.faults.upgrade.fineFen,
        // An overdue upgrade happens as the deadline passes: the deadline's month, like lateness.
        period:
          upgrade.reason === 'overdue'
            ? periodOfDeadline(upgrade.at, pack.timeZone)
            : periodOf(upgrade.at, pack.timeZone),
        causeEventId: upgrade.reason === 'repeat' ? reported.id : null,
      }),
    );
  }

  const extra = upgrade ? [{ kind: 'upgrade' as const, at: upgrade.at, detail: upgrade.reason }] : [];
  return { state, entries, ...signalsOf(state.clocks, at, extra), ignored };
}
