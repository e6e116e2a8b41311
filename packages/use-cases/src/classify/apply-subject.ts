import { createHash } from 'node:crypto';
import {
  assertCalendarsCurrent,
  awaitCalendarYear,
  type Db,
  departmentFamilies,
  findSubject,
  lockSubject,
  markEvents,
  markPolicyUsed,
  type PolicyStore,
  quotaCases,
  quotaSet,
  recordSignalsReturning,
  repeatsOf,
  requestEvaluation,
  StaleCalendarError,
  StalePolicyError,
  saveClocks,
  saveEvaluation,
  scheduleCheck,
  subjectEvents,
  type Trx,
} from '@engine/db';
import {
  CalendarCoverageError,
  type Clock,
  casesRepricedByMove,
  type DomainEvent,
  EvaluationError,
  type Instant,
  judgingPolicy,
  NoPolicyInForceError,
  openingEventOf,
  openingTypeOf,
  type Policy,
  type PostedEvent,
  parseInstant,
  quotaInForce,
  type SubjectKind,
  toDomainEvent,
} from '@engine/domain';
import { type HappeningLog, Happenings } from '../happenings.ts';
import { type Evaluated, evaluateStored } from './evaluate-stored.ts';
import {
  clocksOf,
  evaluationRow,
  eventsOutcome,
  nextCheckOf,
  provisionalYearsOf,
  signalRows,
  toNewClock,
} from './evaluation-rows.ts';

export interface ClassifierDeps {
  db: Db;
  /** The stored policy versions, as this process holds them. */
  policies: PolicyStore;
  /** The family that judges a department none was assigned to (RULES.md 9). */
  policyFamily: string;
  now: () => Date;
  /** Where what happened (events failed, signals, fines) is logged, after each commit. */
  log?: HappeningLog;
}

/** What must happen after the commit; each is also found again by the sla-timer's sweep if it is lost. */
export interface FollowUps {
  penalties: { kind: string; id: string; version: number } | null;
  timer: { kind: string; id: string; at: Date } | null;
  deliveries: number[];
  reevaluate: { kind: string; id: string; cause: string }[];
}

export const noFollowUps: FollowUps = { penalties: null, timer: null, deliveries: [], reevaluate: [] };

/** A subject's stored events as the domain takes them, in occurredAt order. */
export async function domainEventsOf(trx: Trx, kind: string, id: string): Promise<DomainEvent[]> {
  return (await subjectEvents(trx, kind, id)).map((e) =>
    toDomainEvent({
      id: e.id,
      type: e.type,
      subjectId: e.subjectId,
      occurredAt: e.occurredAt.toISOString(),
      data: e.data,
    } as PostedEvent),
  );
}

/**
 * The version frozen on the subject at its dispatch, never another one; a new subject takes the
 * version in force of the family that judges its department (RULES.md 9), `assignedFamily` (its
 * department's, read in the caller's transaction).
 */
export async function policyFor(
  deps: ClassifierDeps,
  frozenVersion: string | null,
  opening: DomainEvent,
  assignedFamily: () => Promise<string | undefined>,
): Promise<Policy> {
  if (!frozenVersion) {
    await deps.policies.refresh();
    return judgingPolicy(deps.policies.all(), await assignedFamily(), deps.policyFamily, opening.occurredAt);
  }
  const find = () => deps.policies.all().find((p) => p.pack.version === frozenVersion);
  // Loaded before its first use, it may since have been replaced: load the final body, once.
  if (!find() || !deps.policies.settled(frozenVersion)) await deps.policies.reload();
  const frozen = find();
  if (!frozen) throw new Error(`policy version ${frozenVersion} frozen on this subject is not stored`);
  return frozen;
}

/**
 * The classifier's one job: evaluate a subject from all its stored events (in occurredAt order,
 * whatever order they arrived in) at the current instant, and store its state, clocks, signals
 * and the fines it implies. Serialised per subject by an advisory lock, so any number of
 * classifier processes may run. Idempotent: evaluating twice stores the same thing.
 */
export async function applySubject(
  deps: ClassifierDeps,
  kind: string,
  id: string,
  calendarReloads = 0,
): Promise<FollowUps> {
  const happened = new Happenings();
  try {
    const followUps = await deps.db.transaction().execute(async (trx) => {
      await lockSubject(trx, kind, id);
      const events = await domainEventsOf(trx, kind, id);
      const seen = events.map((e) => e.id);
      const now = parseInstant(deps.now().toISOString());
      const opening = openingEventOf(kind as SubjectKind, events);
      if (!opening) {
        // Events before their subject's opening event wait (status waiting) until it arrives.
        await markEvents(trx, kind, id, { seen, applied: [], failed: [], waiting: true });
        return noFollowUps;
      }
      if (opening.occurredAt > now) {
        // Dated up to 5 minutes ahead (API.md): look again when it has happened.
        await scheduleCheck(trx, kind, id, opening.occurredAt.toJSDate());
        await markEvents(trx, kind, id, { seen, applied: [], failed: [] });
        return { ...noFollowUps, timer: { kind, id, at: opening.occurredAt.toJSDate() } };
      }
      const existing = await findSubject(trx, kind, id);
      const frozenVersion = existing?.policyVersion ?? null;
      const { departmentId } = opening.data as { departmentId: string };
      const policy = await policyFor(deps, frozenVersion, opening, async () =>
        (await departmentFamilies(trx, [departmentId])).get(departmentId),
      );
      if (!frozenVersion)
        await markPolicyUsed(trx, policy.pack.version, deps.policies.revision(policy.pack.version) ?? 0);
      const result = await evaluateStored(
        trx,
        policy,
        { kind, id, events, opening, previousQuota: existing?.quotaAssessment ?? null },
        now,
      );
      const { evaluation } = result;
      const clocks = clocksOf(result);
      const calendarNeeds = provisionalYearsOf(clocks);
      const nextCheck = nextCheckOf(result, events, now);
      // Counted on a year without official data: make sure it was not stored meanwhile.
      if (calendarNeeds.length > 0) await assertCalendarsCurrent(trx, deps.policies.calendarFingerprint());
      const version = await storeEvaluation(trx, happened, {
        kind,
        id,
        policy,
        opening,
        events,
        result,
        clocks,
        now,
        nextCheckAt: nextCheck,
        calendarNeeds,
      });
      const { deliveries, recorded } = await recordSignalsReturning(
        trx,
        signalRows(kind, id, result.departmentId, evaluation.signals),
      );
      happened.signals(recorded);
      const cause = `moved-${createHash('sha1').update(`${kind}:${id}:${version}`).digest('hex').slice(0, 16)}`;
      const moved = await neighboursMoved(trx, policy, { kind, id, opening, existing, result });
      for (const group of ['complaint', 'fault', 'finding']) {
        await requestEvaluation(
          trx,
          group,
          moved.filter((m) => m.kind === group).map((m) => m.id),
          now.toJSDate(),
        );
      }
      return {
        penalties: { kind, id, version },
        timer: nextCheck ? { kind, id, at: nextCheck } : null,
        deliveries,
        reevaluate: moved.map((m) => ({ ...m, cause })),
      };
    });
    happened.writeTo(deps.log);
    return followUps;
  } catch (error) {
    // A year stored since the calendars were loaded (expected right after a store): load and evaluate again.
    if (error instanceof StaleCalendarError && calendarReloads < MAX_CALENDAR_RELOADS) {
      await deps.policies.reload();
      return applySubject(deps, kind, id, calendarReloads + 1);
    }
    // Replaced since this process loaded it: load it again; the job's retry judges by the stored body.
    if (error instanceof StalePolicyError) await deps.policies.reload();
    if (error instanceof CalendarCoverageError) {
      return await awaitCalendar(deps, kind, id, error).catch(async (stale) => {
        if (!(stale instanceof StaleCalendarError) || calendarReloads >= MAX_CALENDAR_RELOADS) throw stale;
        await deps.policies.reload();
        return applySubject(deps, kind, id, calendarReloads + 1);
      });
    }
    if (!(error instanceof EvaluationError) && !(error instanceof NoPolicyInForceError)) throw error;
    // An event the policy cannot apply fails, with why; the subject's other events are kept.
    const eventId = error instanceof EvaluationError ? error.eventId : null;
    await deps.db.transaction().execute(async (trx) => {
      await lockSubject(trx, kind, id);
      const stored = await subjectEvents(trx, kind, id);
      const failing = eventId ?? stored.find((e) => e.type === openingTypeOf[kind as SubjectKind])?.id;
      happened.failed(
        await markEvents(trx, kind, id, {
          seen: stored.map((e) => e.id),
          applied: [],
          failed: failing ? [{ eventId: failing, reason: error.message }] : [],
        }),
      );
    });
    happened.writeTo(deps.log);
    return noFollowUps;
  }
}

const CALENDAR_RETRY_MS = 3_600_000;
/** Years stored faster than this, one after another, leave the rest to the job's retry. */
const MAX_CALENDAR_RELOADS = 3;

/**
 * A deadline needs a year the calendar has no holidays for, and the pack says `missingYear:
 * refuse` (RULES.md 3: never guess). The subject's events fail with the reason, and the subject
 * records the year it waits for: storing that year makes it due at once (and it is looked at again
 * hourly besides), so it is applied with no one re-posting anything.
 */
async function awaitCalendar(
  deps: ClassifierDeps,
  kind: string,
  id: string,
  error: CalendarCoverageError,
): Promise<FollowUps> {
  const retryAt = new Date(deps.now().getTime() + CALENDAR_RETRY_MS);
  const happened = new Happenings();
  await deps.db.transaction().execute(async (trx) => {
    await lockSubject(trx, kind, id);
    // Stored since this process loaded its calendars: evaluate again with it (applySubject reloads).
    await assertCalendarsCurrent(trx, deps.policies.calendarFingerprint());
    const stored = await subjectEvents(trx, kind, id);
    happened.failed(
      await markEvents(trx, kind, id, {
        seen: stored.map((e) => e.id),
        applied: [],
        failed: stored.map((e) => ({ eventId: e.id, reason: error.message })),
      }),
    );
    await scheduleCheck(trx, kind, id, retryAt);
    await awaitCalendarYear(trx, kind, id, error.year);
  });
  happened.writeTo(deps.log);
  return { ...noFollowUps, timer: { kind, id, at: retryAt } };
}

/**
 * The other subjects this evaluation moves, to be evaluated again: RULES.md 7, a new finding
 * re-ranks the person's later ones; RULES.md 2.3, repeats that arrived before their original can
 * now be upgraded; RULES.md 2.4, a case entering or leaving a quota re-prices the later cases whose
 * price changes (the domain decides which).
 */
async function neighboursMoved(
  trx: Trx,
  policy: Policy,
  subject: {
    kind: string;
    id: string;
    opening: DomainEvent;
    existing:
      | { openedAt: Date | null; quotaAssessment: string | null; quotaPeriod: string | null }
      | undefined;
    result: Evaluated;
  },
): Promise<{ kind: string; id: string }[]> {
  const { kind, id, opening, existing, result } = subject;
  const moved: { kind: string; id: string }[] = existing?.openedAt
    ? []
    : [
        ...result.laterFindings.map((later) => ({ kind: 'finding', id: later })),
        ...(kind === 'complaint' || kind === 'fault'
          ? (await repeatsOf(trx, kind, id)).map((r) => ({ kind, id: r }))
          : []),
      ];
  const quotaBefore = existing?.quotaAssessment && existing.quotaPeriod ? existing.quotaAssessment : null;
  const quotaAfter = result.quota?.assessment ?? null;
  if (quotaBefore === quotaAfter) return moved;
  const period = result.quota?.period ?? existing!.quotaPeriod!;
  const changes = [
    ...(quotaBefore ? [{ assessment: quotaBefore, change: 'left' as const }] : []),
    ...(quotaAfter ? [{ assessment: quotaAfter, change: 'entered' as const }] : []),
  ];
  for (const { assessment, change } of changes) {
    const group = await quotaCases(trx, result.departmentId, period, assessment);
    const repriced = casesRepricedByMove(
      policy.pack.complaints.quotas[assessment],
      quotaInForce(policy.pack, assessment, await quotaSet(trx, result.departmentId, period, assessment)),
      group.map((c) => ({ subjectId: c.id, dispatchedAt: parseInstant(c.openedAt.toISOString()) })),
      { subjectId: id, dispatchedAt: opening.occurredAt },
      change,
    );
    for (const other of repriced) moved.push({ kind, id: other });
  }
  return moved;
}

/** Stores the subject's state, clocks and typed columns, and each event's verdict; returns the state version. */
async function storeEvaluation(
  trx: Trx,
  happened: Happenings,
  input: {
    kind: string;
    id: string;
    policy: Policy;
    opening: DomainEvent;
    events: readonly DomainEvent[];
    result: Evaluated;
    /** The state's clocks, as the domain gave them. */
    clocks: readonly Clock[];
    now: Instant;
    nextCheckAt: Date | null;
    calendarNeeds: number[];
  },
): Promise<number> {
  const { kind, id, policy, opening, events, result, clocks, now } = input;
  const version = await saveEvaluation(
    trx,
    evaluationRow({
      kind,
      id,
      policy,
      opening,
      evaluated: result,
      nextCheckAt: input.nextCheckAt,
      calendarNeeds: input.calendarNeeds,
    }),
  );
  await saveClocks(trx, { kind, id, departmentId: result.departmentId }, clocks.map(toNewClock));
  happened.failed(await markEvents(trx, kind, id, eventsOutcome(result, events, now)));
  return version;
}
