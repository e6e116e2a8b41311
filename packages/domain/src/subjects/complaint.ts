import { assessmentOf, OVER_LEVEL_ASSESSMENT, type Responsibility } from '../classification/assessment.ts';
import { overLevelSlaType, primarySlaType, slaTypesAtDispatch } from '../classification/sla-type.ts';
import { isRepeatWithinWindow, type UpgradeReason } from '../classification/upgrade.ts';
import { type Clock, type ClockSpec, clockAt, isRunningAt, type Run, runsFrom } from '../deadlines/clock.ts';
import { strictest, type Target, targetAfter } from '../deadlines/deadline.ts';
import type { DomainEvent, EventOf } from '../events/event.ts';
import type { EventData } from '../events/schema.ts';
import { departmentParty, intent, type LedgerIntent } from '../ledger/entry.ts';
import type { Policy } from '../policy/policy.ts';
import type { SlaTypeId } from '../policy/schema.ts';
import { groupMultiplier, multiplied } from '../pricing/group.ts';
import { excessRank, quotaFineFen, quotaInForce } from '../pricing/quota.ts';
import { type Instant, periodOf, periodOfDeadline } from '../time.ts';
import { type SubjectEvaluation, signalsOf, subjectEvents } from './subject.ts';

type OverLevel = EventData<'complaint.received'>['overLevel'] & {};

export interface ComplaintContext {
  /** RULES.md 2.3: when the complaint named by `repeatOf` was dispatched, if the engine knows it. */
  repeatOfDispatchedAt?: Instant | null;
  /** RULES.md 2.4: this case's 1-based position among its department's cases of the same assessment in the period. */
  quotaPosition?: number;
  /** The quota set for the department and period for this case's assessment; absent means the pack's default. */
  quota?: number | null;
  /** API.md: personal fines go to the named person; with none named, to the role. */
  departmentManagerId?: string | null;
  hallHeadId?: string | null;
}

export interface ComplaintState {
  subjectId: string;
  departmentId: string;
  hallId: string | null;
  status: 'open' | 'resolved' | 'cancelled';
  dispatchedAt: Instant;
  responsibility: Responsibility;
  criteria: readonly string[];
  assessment: string;
  slaType: SlaTypeId;
  /** Every type whose targets apply; each clock takes the strictest (RULES.md 3). */
  slaTypes: readonly SlaTypeId[];
  groupTier: string | null;
  /** Over-level facts merged over every escalation: the first body and instant, every body reached, the strictest control level. */
  overLevel: (OverLevel & { since: Instant; bodies: readonly string[] }) | null;
  upgraded: boolean;
  upgrade: { at: Instant; reason: UpgradeReason } | null;
  policyVersion: string;
  clocks: readonly Clock[];
}

export type ComplaintEvaluation = SubjectEvaluation<ComplaintState>;

interface Change {
  at: Instant;
  kind: 'escalation' | UpgradeReason;
  eventId: string;
  overLevel?: OverLevel;
}

interface LiveClock {
  spec: ClockSpec;
  /** The type targets that set the deadline so far, for the strictest rule. */
  target: Target;
}

/**
 * RULES.md 2-3: a complaint's state and the fines it implies at `at`, from its events in any
 * order (those that occurred after `at` are not yet known). Pure: same input, same output.
 */
export function evaluateComplaint(
  policy: Policy,
  subjectId: string,
  allEvents: readonly DomainEvent[],
  at: Instant,
  context: ComplaintContext = {},
): ComplaintEvaluation {
  const { pack } = policy;
  const { events, ignored } = subjectEvents(
    allEvents,
    subjectId,
    at,
    'complaint.received',
    'complaint.cancelled',
  );
  const received = events.find((e): e is EventOf<'complaint.received'> => e.type === 'complaint.received');
  if (!received) return { state: null, entries: [], signals: [], timers: [], ignored };

  const dispatchedAt = received.occurredAt;
  const facts = received.data;
  const groupTier = facts.customer?.group?.tier ?? null;
  const cancelled = events.find((e) => e.type === 'complaint.cancelled') ?? null;

  const derived = complaintFacts(pack, received, events, context);
  const {
    responsibility,
    criteria,
    responsibilityEventId,
    overLevel,
    overLevelEventId,
    interceptionAttempted,
  } = derived;

  const {
    clocks,
    slaTypes,
    upgrade: finalUpgrade,
    upgradeEventId,
  } = complaintClocks(policy, at, {
    dispatchedAt,
    atDispatch: received.data.overLevel ?? null,
    groupTier,
    cancelledAt: cancelled?.occurredAt ?? null,
    facts: derived,
  });
  const [firstResponseClock, resolutionClock, warningClock] = clocks as [Clock, Clock, Clock?];

  const assessment = assessmentOf(pack, responsibility, criteria, overLevel !== null);
  const state: ComplaintState = {
    subjectId,
    departmentId: facts.departmentId,
    hallId: facts.hallId ?? null,
    status: cancelled ? 'cancelled' : resolutionClock.stoppedAt ? 'resolved' : 'open',
    dispatchedAt,
    responsibility,
    criteria,
    assessment,
    slaType: primarySlaType(slaTypes, finalUpgrade !== null),
    slaTypes: finalUpgrade ? [...slaTypes, 'escalation_warning'] : slaTypes,
    groupTier,
    overLevel,
    upgraded: finalUpgrade !== null,
    upgrade: finalUpgrade,
    policyVersion: pack.version,
    clocks,
  };

  const entries: LedgerIntent[] = cancelled
    ? []
    : complaintFines(policy, state, context, {
        firstResponse: firstResponseClock,
        resolution: resolutionClock,
        resolutionWarning: warningClock ?? null,
        interceptionAttempted,
        assessmentEventId:
          responsibility === 'enterprise'
            ? responsibilityEventId
            : overLevel
              ? overLevelEventId
              : received.id,
        upgradeEventId,
      });

  return { state, entries, ...signalsOf(state.clocks, at, extraSignals(state)), ignored };
}

/** What a complaint's events establish, folded in application order (RULES.md 2-3): the input of its clocks and fines. */
interface ComplaintFacts {
  responsibility: Responsibility;
  criteria: readonly string[];
  responsibilityEventId: string | null;
  overLevel: ComplaintState['overLevel'];
  overLevelEventId: string;
  interceptionAttempted: boolean;
  firstStopAt: Instant | null;
  resolutionToggles: { at: Instant; running: boolean }[];
  /** Escalations and upgrade triggers, in the order they happened. */
  changes: Change[];
  triggers: ReadonlySet<string>;
}

function complaintFacts(
  pack: Policy['pack'],
  received: EventOf<'complaint.received'>,
  events: readonly DomainEvent[],
  context: ComplaintContext,
): ComplaintFacts {
  const dispatchedAt = received.occurredAt;
  const facts = received.data;
  let responsibility: Responsibility = 'undetermined';
  let criteria: readonly string[] = [];
  let responsibilityEventId: string | null = null;
  let overLevel: ComplaintState['overLevel'] = facts.overLevel
    ? { ...facts.overLevel, since: dispatchedAt, bodies: [facts.overLevel.body] }
    : null;
  let overLevelEventId = received.id;
  let interceptionAttempted = facts.overLevel?.interceptionAttempted ?? false;
  let firstStopAt: Instant | null = null;
  const resolutionToggles: { at: Instant; running: boolean }[] = [];
  const changes: Change[] = [];

  const triggers = new Set(pack.complaints.warning?.triggers ?? []);
  if (
    triggers.has('repeat') &&
    facts.repeatOf !== undefined &&
    isRepeatWithinWindow(pack, dispatchedAt, context.repeatOfDispatchedAt ?? null)
  ) {
    changes.push({ at: dispatchedAt, kind: 'repeat', eventId: received.id });
  }
  if (triggers.has('tendency') && facts.overLevelTendency) {
    changes.push({ at: dispatchedAt, kind: 'tendency', eventId: received.id });
  }

  for (const event of events) {
    switch (event.type) {
      case 'complaint.first_replied':
        firstStopAt ??= event.occurredAt;
        break;
      case 'complaint.resolved':
        // RULES.md 3: a resolution is also a reply, so it stops a running first-response clock.
        firstStopAt ??= event.occurredAt;
        resolutionToggles.push({ at: event.occurredAt, running: false });
        break;
      case 'complaint.reopened':
        resolutionToggles.push({ at: event.occurredAt, running: true });
        break;
      case 'complaint.reply_rejected':
        // RULES.md 3: a non-compliant reply is re-dispatched; the resolution it claimed never stopped the clock.
        if (resolutionToggles.at(-1)?.running === false) resolutionToggles.pop();
        break;
      case 'complaint.responsibility_set':
        responsibility = event.data.responsibility;
        criteria = event.data.responsibility === 'enterprise' ? (event.data.criteria ?? []) : [];
        responsibilityEventId = event.id;
        break;
      case 'complaint.escalated': {
        const next = event.data.overLevel;
        interceptionAttempted ||= next.interceptionAttempted;
        if (!overLevel) {
          overLevel = { ...next, since: event.occurredAt, bodies: [next.body] };
          overLevelEventId = event.id;
          changes.push({ at: event.occurredAt, kind: 'escalation', eventId: event.id, overLevel: next });
          break;
        }
        // RULES.md 2.2: each body reached counts (the ministry's personal fines); the stricter control level applies from now.
        const stricter = next.controlLevel < overLevel.controlLevel;
        overLevel = {
          ...overLevel,
          controlLevel: stricter ? next.controlLevel : overLevel.controlLevel,
          priorComplaintToDepartment: overLevel.priorComplaintToDepartment || next.priorComplaintToDepartment,
          bodies: overLevel.bodies.includes(next.body) ? overLevel.bodies : [...overLevel.bodies, next.body],
        };
        if (stricter)
          changes.push({ at: event.occurredAt, kind: 'escalation', eventId: event.id, overLevel: next });
        break;
      }
      case 'complaint.tendency_flagged':
        if (triggers.has('tendency'))
          changes.push({ at: event.occurredAt, kind: 'tendency', eventId: event.id });
        break;
      case 'complaint.intercepted':
        interceptionAttempted = true;
        break;
      default:
        break;
    }
  }
  return {
    responsibility,
    criteria,
    responsibilityEventId,
    overLevel,
    overLevelEventId,
    interceptionAttempted,
    firstStopAt,
    resolutionToggles,
    changes,
    triggers,
  };
}

/**
 * RULES.md 2.4: what a complaint's place in a quota needs, from its facts alone (no clocks, no
 * fines): its assessment, and whether it was cancelled (a cancelled case takes no place).
 */
export function complaintQuotaFacts(
  policy: Policy,
  subjectId: string,
  allEvents: readonly DomainEvent[],
  at: Instant,
): { assessment: string; cancelled: boolean } | null {
  const { events } = subjectEvents(allEvents, subjectId, at, 'complaint.received', 'complaint.cancelled');
  const received = events.find((e): e is EventOf<'complaint.received'> => e.type === 'complaint.received');
  if (!received) return null;
  const { responsibility, criteria, overLevel } = complaintFacts(policy.pack, received, events, {});
  return {
    assessment: assessmentOf(policy.pack, responsibility, criteria, overLevel !== null),
    cancelled: events.some((e) => e.type === 'complaint.cancelled'),
  };
}

/**
 * RULES.md 3 and 2.3: a complaint's clocks at `at` from its facts: the targets of its SLA types at
 * dispatch, tightened by each later escalation or upgrade, and the warning clock an overdue
 * upgrade starts.
 */
function complaintClocks(
  policy: Policy,
  at: Instant,
  dispatch: {
    dispatchedAt: Instant;
    /** The over-level facts of the dispatch itself (a later escalation is a change). */
    atDispatch: OverLevel | null;
    groupTier: string | null;
    cancelledAt: Instant | null;
    facts: ComplaintFacts;
  },
): {
  clocks: Clock[];
  slaTypes: SlaTypeId[];
  upgrade: ComplaintState['upgrade'];
  upgradeEventId: string | null;
} {
  const { pack } = policy;
  const { dispatchedAt, cancelledAt } = dispatch;
  const { overLevel, firstStopAt, resolutionToggles, changes, triggers } = dispatch.facts;
  const baseTypes = slaTypesAtDispatch(pack, dispatch.atDispatch, dispatch.groupTier);
  const slaTypes = [...baseTypes];
  const typeTargets = (type: SlaTypeId, from: Instant) => {
    const spec = pack.complaints.slaTypes[type];
    return {
      firstResponse: spec?.firstResponse ? targetAfter(policy, from, spec.firstResponse) : null,
      resolution: spec ? targetAfter(policy, from, spec.resolution) : null,
    };
  };
  const atDispatch = baseTypes.map((type) => typeTargets(type, dispatchedAt));
  const newClock = (name: ClockSpec['name'], startedAt: Instant, runs: Run[], target: Target): LiveClock => ({
    spec: { name, startedAt, deadline: target.deadline, measure: target.measure, runs, cancelledAt },
    target,
  });
  const firstResponse = newClock(
    'first_response',
    dispatchedAt,
    runsFrom(dispatchedAt, firstStopAt ? [{ at: firstStopAt, running: false }] : []),
    strictest(atDispatch.flatMap((t) => (t.firstResponse ? [t.firstResponse] : []))),
  );
  const resolution = newClock(
    'resolution',
    dispatchedAt,
    runsFrom(dispatchedAt, resolutionToggles),
    strictest(atDispatch.flatMap((t) => (t.resolution ? [t.resolution] : []))),
  );
  let resolutionWarning: LiveClock | null = null;
  let upgrade: ComplaintState['upgrade'] = null;
  let upgradeEventId: string | null = null;

  /** RULES.md 3: a change mid-way makes each running clock's deadline the earlier of it and the new target. */
  const tighten = (clock: LiveClock | null, target: Target | null, changeAt: Instant) => {
    if (!clock || !target || !isRunningAt(clock.spec.runs, changeAt)) return;
    clock.target = strictest([clock.target, target]);
    clock.spec = { ...clock.spec, deadline: clock.target.deadline, measure: clock.target.measure };
  };
  const isOverLevelAt = (instant: Instant) =>
    overLevel !== null && overLevel.since.toMillis() <= instant.toMillis();

  /** RULES.md 2.3 and 3: an ordinary complaint whose resolution deadline passes is upgraded for being overdue. */
  const upgradeIfOverdueBefore = (limit: Instant) => {
    if (upgrade || !triggers.has('overdue')) return;
    const breach = clockAt(policy, resolution.spec, at).breachedAt;
    if (!breach || breach.toMillis() > limit.toMillis() || isOverLevelAt(breach)) return;
    if (cancelledAt && cancelledAt.toMillis() <= breach.toMillis()) return;
    upgrade = { at: breach, reason: 'overdue' };
    const warningType = pack.complaints.slaTypes.escalation_warning!;
    const laterToggles = resolutionToggles.filter((t) => t.at.toMillis() >= breach.toMillis());
    resolutionWarning = newClock(
      'resolution_warning',
      breach,
      runsFrom(breach, laterToggles),
      targetAfter(policy, breach, warningType.resolution),
    );
  };

  changes.sort((a, b) => a.at.toMillis() - b.at.toMillis());
  for (const change of changes) {
    if (change.at.toMillis() > at.toMillis()) break;
    upgradeIfOverdueBefore(change.at);
    if (change.kind === 'escalation') {
      const type = overLevelSlaType(change.overLevel!.controlLevel);
      if (!pack.complaints.overLevel) continue;
      replaceBaseType(slaTypes, type);
      const targets = typeTargets(type, change.at);
      tighten(firstResponse, targets.firstResponse, change.at);
      tighten(resolution, targets.resolution, change.at);
      tighten(resolutionWarning, targets.resolution, change.at);
    } else if (!upgrade && !isOverLevelAt(change.at)) {
      // RULES.md 2.3: upgraded at most once; over-level complaints are past that stage.
      upgrade = { at: change.at, reason: change.kind };
      upgradeEventId = change.eventId;
      const targets = typeTargets('escalation_warning', change.at);
      tighten(firstResponse, targets.firstResponse, change.at);
      tighten(resolution, targets.resolution, change.at);
    }
  }
  upgradeIfOverdueBefore(at);

  const clockSpecs = [firstResponse, resolution, resolutionWarning as LiveClock | null].flatMap((c) =>
    c ? [c.spec] : [],
  );
  const clocks = clockSpecs.map((spec) => clockAt(policy, spec, at));
  return { clocks, slaTypes, upgrade: upgrade as ComplaintState['upgrade'], upgradeEventId };
}

/** A late over-level escalation takes the place of the ordinary (or a laxer over-level) type; group stays. */
function replaceBaseType(types: SlaTypeId[], overLevelType: SlaTypeId): void {
  const index = types.findIndex((t) => t === 'ordinary' || t.startsWith('over_level'));
  if (index >= 0) types[index] = overLevelType;
}

function extraSignals(state: ComplaintState) {
  const signals = [];
  if (state.upgrade)
    signals.push({ kind: 'upgrade' as const, at: state.upgrade.at, detail: state.upgrade.reason });
  if (state.overLevel)
    signals.push({ kind: 'over_level' as const, at: state.overLevel.since, detail: state.overLevel.body });
  return signals;
}

interface FineFacts {
  firstResponse: Clock;
  resolution: Clock;
  resolutionWarning: Clock | null;
  interceptionAttempted: boolean;
  assessmentEventId: string | null;
  upgradeEventId: string | null;
}

/** RULES.md 2 and 3: the fines a complaint implies. */
function complaintFines(
  policy: Policy,
  state: ComplaintState,
  context: ComplaintContext,
  facts: FineFacts,
): LedgerIntent[] {
  const { pack } = policy;
  const zone = pack.timeZone;
  const department = departmentParty(state.departmentId);
  const multiplier = groupMultiplier(pack, state.groupTier);
  const common = { source: 'complaint' as const, subjectId: state.subjectId, policyVersion: pack.version };
  const entries: LedgerIntent[] = [];

  // RULES.md 2.1-2.2, 2.4-2.5: the assessment fine, in the month of dispatch.
  const dispatchPeriod = periodOf(state.dispatchedAt, zone);
  const quotaRule = pack.complaints.quotas[state.assessment];
  const quota = quotaInForce(pack, state.assessment, context.quota);
  const rank = excessRank(context.quotaPosition ?? 1, quota);
  const priced = (baseFen: number) =>
    multiplied(quotaRule ? quotaFineFen(baseFen, quotaRule, rank) : baseFen, multiplier);
  const assessmentClass = pack.complaints.classes.find((cls) => cls.id === state.assessment);
  const overLevelPack = pack.complaints.overLevel;
  const assessmentFine = assessmentClass
    ? { rule: assessmentClass.rule, baseFen: assessmentClass.fineFen }
    : state.assessment === OVER_LEVEL_ASSESSMENT && overLevelPack && state.overLevel
      ? {
          rule: 'complaint.over_level',
          baseFen:
            state.overLevel.priorComplaintToDepartment && !facts.interceptionAttempted
              ? overLevelPack.fineFen.priorComplaintNotIntercepted
              : overLevelPack.fineFen.otherwise,
        }
      : { rule: 'complaint.ordinary', baseFen: pack.complaints.ordinary.fineFen };
  entries.push(
    ...intent({
      ...common,
      rule: assessmentFine.rule,
      cause: 'assessment',
      party: department,
      amountFen: priced(assessmentFine.baseFen),
      period: dispatchPeriod,
      causeEventId: facts.assessmentEventId,
    }),
  );

  // RULES.md 2.2: the ministry's personal fines, never multiplied.
  if (overLevelPack && state.overLevel) {
    const applies = !overLevelPack.personalFinesFollowResponsibility || state.responsibility !== 'enterprise';
    for (const fine of overLevelPack.personalFines) {
      if (!applies || !state.overLevel.bodies.includes(fine.body)) continue;
      const personId = fine.role === 'manager' ? context.departmentManagerId : context.hallHeadId;
      entries.push(
        ...intent({
          ...common,
          rule: fine.rule,
          cause: 'over_level',
          party: { departmentId: state.departmentId, personId: personId ?? null, personRole: fine.role },
          amountFen: fine.fineFen,
          period: dispatchPeriod,
          causeEventId: facts.assessmentEventId,
        }),
      );
    }
  }

  // RULES.md 2.3: the upgrade fine, in the month of the upgrade; an overdue upgrade of an ordinary
  // complaint is assessed as non-enterprise whatever its responsibility (RULES.md 3).
  const warning = pack.complaints.warning;
  const overdueAsNonEnterprise =
    state.upgrade?.reason === 'overdue' && pack.complaints.lateness.ordinaryBreachIsNonEnterpriseWarning;
  if (warning && state.upgrade) {
    const baseFen =
      state.responsibility === 'enterprise' && !overdueAsNonEnterprise
        ? warning.enterpriseFineFen
        : warning.nonEnterpriseFineFen;
    entries.push(
      ...intent({
        ...common,
        rule: 'complaint.warning',
        cause: 'upgrade',
        party: department,
        amountFen: multiplied(baseFen, multiplier),
        // An overdue upgrade happens as the deadline passes, so it belongs to the deadline's month (like lateness).
        period:
          state.upgrade.reason === 'overdue'
            ? periodOfDeadline(state.upgrade.at, zone)
            : periodOf(state.upgrade.at, zone),
        causeEventId: facts.upgradeEventId,
      }),
    );
  }

  // RULES.md 3: lateness fines, in the month of the missed deadline, never multiplied.
  const late = (clock: Clock | null, rule: string, amountFen: number) => {
    if (clock?.state !== 'breached') return;
    entries.push(
      ...intent({
        ...common,
        rule,
        cause: clock.name,
        party: department,
        amountFen,
        period: periodOfDeadline(clock.deadline, zone),
        causeEventId: null,
      }),
    );
  };
  const { firstResponseFen, resolutionFen } = pack.complaints.lateness;
  late(facts.firstResponse, 'sla.first_response.late', firstResponseFen);
  const breachBecameUpgrade =
    overdueAsNonEnterprise && state.upgrade?.at.toMillis() === facts.resolution.breachedAt?.toMillis();
  if (!breachBecameUpgrade) late(facts.resolution, 'sla.resolution.late', resolutionFen);
  late(facts.resolutionWarning, 'sla.resolution.late', resolutionFen);
  return entries;
}
