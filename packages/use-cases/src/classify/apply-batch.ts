import {
  appendEntriesReturning,
  assertCalendarsCurrent,
  closedPeriods,
  departmentFamilies,
  endedPeriods,
  eventsOfSubjects,
  findSubjects,
  lockPeriodsShared,
  lockSubjects,
  markEventsOfSubjects,
  markPolicyUsed,
  openedAtOfMany,
  postedEntriesOf,
  recordSignalsReturning,
  repeatsOfMany,
  requestEvaluation,
  type StoredEvent,
  type SubjectRef,
  type SubjectRow,
  saveClocksOfSubjects,
  saveEvaluations,
  subjectKey,
  type Trx,
} from '@engine/db';
import {
  type CallbackState,
  type DomainEvent,
  type Instant,
  openingEventOf,
  type Policy,
  type PostedEvent,
  parseInstant,
  reconcile,
  type SubjectKind,
  toDomainEvent,
} from '@engine/domain';
import { Happenings } from '../happenings.ts';
import { applySubject, type ClassifierDeps, type FollowUps, policyFor } from './apply-subject.ts';
import { type Evaluated, evaluateAlone, needsNeighbours, type StoredSubject } from './evaluate-stored.ts';
import {
  clocksOf,
  evaluationRow,
  eventsOutcome,
  nextCheckOf,
  provisionalYearsOf,
  signalRows,
  toNewClock,
} from './evaluation-rows.ts';

/** Stored events as the domain reads them. */
export function toDomainEvents(stored: readonly StoredEvent[]): DomainEvent[] {
  return stored.map((e) =>
    toDomainEvent({
      id: e.id,
      type: e.type,
      subjectId: e.subjectId,
      occurredAt: e.occurredAt.toISOString(),
      data: e.data,
    } as PostedEvent),
  );
}

/** A subject of the batch, read and judged, before it is evaluated. */
interface Prepared {
  ref: SubjectRef;
  subject: StoredSubject;
  existing: SubjectRow | undefined;
  policy: Policy;
}

interface Done extends Prepared {
  evaluated: Evaluated;
  nextCheckAt: Date | null;
  calendarNeeds: number[];
}

/**
 * Evaluates many subjects in one transaction with set-based SQL: their locks (in one order), events
 * and rows in a few statements, each evaluated alone by the domain, then their states, clocks, event
 * verdicts, signals and fines (posted in the same transaction, as the penalty calculator would)
 * stored together. What the same subjects' one-at-a-time evaluation would store, in a handful of
 * statements instead of a dozen per subject.
 *
 * Subjects whose evaluation needs neighbours (a quota's cases, a person's year, the department's
 * people), or that cannot be evaluated yet (no opening event, dated ahead), or whose evaluation
 * fails, go through applySubject one at a time afterwards, as does every subject when the batch
 * itself fails (a policy or calendar stored meanwhile): the same result, by the careful path.
 */
export async function applySubjects(
  deps: ClassifierDeps,
  targets: readonly SubjectRef[],
): Promise<{ followUps: FollowUps[]; failed: Map<string, unknown> }> {
  const unique = [...new Map(targets.map((t) => [subjectKey(t), { kind: t.kind, id: t.id }])).values()];
  let batch: { followUps: FollowUps[]; oneByOne: SubjectRef[] };
  const happened = new Happenings();
  try {
    batch = await deps.db.transaction().execute((trx) => evaluateBatch(deps, trx, unique, happened));
    happened.writeTo(deps.log);
  } catch {
    batch = { followUps: [], oneByOne: unique };
  }
  const followUps = [...batch.followUps];
  // By subjectKey: what went wrong for a subject of the careful path (its job is retried, the others' are done).
  const failed = new Map<string, unknown>();
  for (const ref of batch.oneByOne) {
    try {
      followUps.push(await applySubject(deps, ref.kind, ref.id));
    } catch (error) {
      failed.set(subjectKey(ref), error);
    }
  }
  return { followUps, failed };
}

async function evaluateBatch(
  deps: ClassifierDeps,
  trx: Trx,
  refs: readonly SubjectRef[],
  happened: Happenings,
): Promise<{ followUps: FollowUps[]; oneByOne: SubjectRef[] }> {
  await lockSubjects(trx, refs);
  const now = parseInstant(deps.now().toISOString());
  const stored = await eventsOfSubjects(trx, refs);
  const existingRows = await findSubjects(trx, refs);
  const oneByOne: SubjectRef[] = [];
  const prepared = await prepare(deps, trx, refs, stored, existingRows, now, oneByOne);
  const done = await evaluateAll(trx, prepared, now, oneByOne);
  if (done.length === 0) return { followUps: [], oneByOne };

  // Counted on a year without official data: make sure it was not stored meanwhile (else the batch fails, see above).
  if (done.some((d) => d.calendarNeeds.length > 0))
    await assertCalendarsCurrent(trx, deps.policies.calendarFingerprint());
  for (const version of new Set(
    done.filter((d) => !d.existing?.policyVersion).map((d) => d.policy.pack.version),
  ))
    await markPolicyUsed(trx, version, deps.policies.revision(version) ?? 0);
  const { closed, leftBehind } = await periodsForFines(trx, done);
  const versions = await saveEvaluations(
    trx,
    done.map((d) => ({
      ...evaluationRow({
        kind: d.ref.kind,
        id: d.ref.id,
        policy: d.policy,
        opening: d.subject.opening,
        evaluated: d.evaluated,
        nextCheckAt: d.nextCheckAt,
        calendarNeeds: d.calendarNeeds,
      }),
      // Its fines are posted below, in this transaction.
      ledgerInStep: !leftBehind.has(subjectKey(d.ref)),
    })),
  );
  await saveClocksOfSubjects(
    trx,
    done.map((d) => ({
      subject: { ...d.ref, departmentId: d.evaluated.departmentId },
      clocks: clocksOf(d.evaluated).map(toNewClock),
    })),
  );
  happened.failed(
    await markEventsOfSubjects(
      trx,
      done.map((d) => ({ ...d.ref, ...eventsOutcome(d.evaluated, d.subject.events, now) })),
    ),
  );
  const { deliveries, recorded } = await recordSignalsReturning(
    trx,
    done.flatMap((d) =>
      signalRows(d.ref.kind, d.ref.id, d.evaluated.departmentId, d.evaluated.evaluation.signals),
    ),
  );
  happened.signals(recorded);
  const repeats = await repeatsArrivedFirst(trx, done, now);
  await postFines(
    trx,
    done.filter((d) => !leftBehind.has(subjectKey(d.ref))),
    closed,
    happened,
  );

  const followUps = done.map((d, index): FollowUps => {
    const key = subjectKey(d.ref);
    return {
      penalties: leftBehind.has(key) ? { ...d.ref, version: versions.get(key)! } : null,
      timer: d.nextCheckAt ? { ...d.ref, at: d.nextCheckAt } : null,
      // The batch's deliveries ride on its first follow-up; each is queued once.
      deliveries: index === 0 ? deliveries : [],
      reevaluate: (repeats.get(key) ?? []).map((id) => ({
        kind: d.ref.kind,
        id,
        cause: `repeat-of-${d.ref.id}`,
      })),
    };
  });
  return { followUps, oneByOne };
}

/** Reads each subject's events and frozen policy; those the batch cannot take go to `oneByOne`. */
async function prepare(
  deps: ClassifierDeps,
  trx: Trx,
  refs: readonly SubjectRef[],
  stored: Map<string, StoredEvent[]>,
  existingRows: Map<string, SubjectRow>,
  now: Instant,
  oneByOne: SubjectRef[],
): Promise<Prepared[]> {
  const readable = refs.flatMap((ref) => {
    const events = toDomainEvents(stored.get(subjectKey(ref)) ?? []);
    const opening = openingEventOf(ref.kind as SubjectKind, events);
    // Waiting for its opening event, or opened a little ahead of now: applySubject records which.
    if (!opening || opening.occurredAt > now) {
      oneByOne.push(ref);
      return [];
    }
    return [{ ref, events, opening, existing: existingRows.get(subjectKey(ref)) }];
  });
  const newDepartments = readable
    .filter((r) => !r.existing?.policyVersion)
    .map((r) => (r.opening.data as { departmentId: string }).departmentId);
  const families = await departmentFamilies(trx, newDepartments);
  const prepared: Prepared[] = [];
  for (const { ref, events, opening, existing } of readable) {
    try {
      const policy = await policyFor(deps, existing?.policyVersion ?? null, opening, async () =>
        families.get((opening.data as { departmentId: string }).departmentId),
      );
      const subject = { ...ref, events, opening, previousQuota: existing?.quotaAssessment ?? null };
      if (needsNeighbours(policy, subject, now)) oneByOne.push(ref);
      else prepared.push({ ref, subject, existing, policy });
    } catch {
      oneByOne.push(ref);
    }
  }
  return prepared;
}

/** Evaluates each subject alone, with the context of the whole batch read in two or three statements. */
async function evaluateAll(trx: Trx, prepared: readonly Prepared[], now: Instant, oneByOne: SubjectRef[]) {
  const repeatOf = (p: Prepared) => (p.subject.opening.data as { repeatOf?: string }).repeatOf;
  const openedAt = new Map<string, Map<string, Date>>();
  for (const kind of ['complaint', 'fault']) {
    const ids = prepared.filter((p) => p.ref.kind === kind).flatMap((p) => repeatOf(p) ?? []);
    openedAt.set(kind, await openedAtOfMany(trx, kind, ids));
  }
  // An order repeated by another subject of the same batch is opened by it (as if evaluated first).
  const openedHere = new Map(
    prepared.map((p) => [subjectKey(p.ref), p.subject.opening.occurredAt.toJSDate()]),
  );
  const ended = prepared.some((p) => p.ref.kind === 'fault') ? await endedPeriods(trx) : new Set<string>();
  const done: Done[] = [];
  for (const p of prepared) {
    try {
      const original = repeatOf(p);
      const evaluated = evaluateAlone(p.policy, p.subject, now, {
        repeatOpenedAt: original
          ? (openedAt.get(p.ref.kind)?.get(original) ??
            openedHere.get(subjectKey({ kind: p.ref.kind, id: original })) ??
            null)
          : null,
        endedPeriods: ended,
      });
      done.push({
        ...p,
        evaluated,
        nextCheckAt: nextCheckOf(evaluated, p.subject.events, now),
        calendarNeeds: provisionalYearsOf(clocksOf(evaluated)),
      });
    } catch {
      // An event the policy cannot apply, a missing calendar year: applySubject records why.
      oneByOne.push(p.ref);
    }
  }
  return done;
}

/**
 * RULES.md 2.3: complaints and faults that arrived before the order they repeat can now be
 * upgraded; asked for in Postgres (the sweep finds them if the job is lost) and returned, by subject.
 */
async function repeatsArrivedFirst(trx: Trx, done: readonly Done[], now: Instant) {
  const repeats = new Map<string, string[]>();
  for (const kind of ['complaint', 'fault']) {
    const opened = done.filter((d) => d.ref.kind === kind && !d.existing?.openedAt);
    const found = await repeatsOfMany(
      trx,
      kind,
      opened.map((d) => d.ref.id),
    );
    await requestEvaluation(trx, kind, [...found.values()].flat(), now.toJSDate());
    for (const [original, ids] of found) repeats.set(subjectKey({ kind, id: original }), ids);
  }
  return repeats;
}

/**
 * The periods the batch's fines go into, read under the periods' shared lock (a month close waits
 * for the batch, and the batch sees a close that committed while it waited). A callback whose rate
 * period is closed also corrects that period's rate: it is left to the penalty calculator.
 */
async function periodsForFines(trx: Trx, done: readonly Done[]) {
  await lockPeriodsShared(trx);
  // Read after the lock, in a statement of its own: its snapshot sees a close that committed while we waited.
  const closed = await closedPeriods(trx);
  const leftBehind = new Set(
    done
      .filter((d) => {
        if (d.ref.kind !== 'callback') return false;
        const { ratePeriod } = d.evaluated.evaluation.state as CallbackState;
        return closed.has(ratePeriod);
      })
      .map((d) => subjectKey(d.ref)),
  );
  return { closed, leftBehind };
}

/**
 * The penalty calculator's work for the batch, in its transaction: each subject's fines reconciled
 * with its posted entries and appended (postPenalties, set-based); saveEvaluations stored these
 * subjects' ledgers as in step.
 */
async function postFines(trx: Trx, posting: readonly Done[], closed: Set<string>, happened: Happenings) {
  const posted = await postedEntriesOf(
    trx,
    posting.map((d) => d.ref),
  );
  happened.entries(
    await appendEntriesReturning(
      trx,
      posting.flatMap((d) =>
        reconcile(d.evaluated.evaluation.entries, posted.get(subjectKey(d.ref)) ?? [], closed),
      ),
    ),
  );
}
