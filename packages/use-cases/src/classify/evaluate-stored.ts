import {
  endedPeriods,
  lockDepartmentPeriod,
  lockPersonYear,
  openedAtOf,
  personFindings,
  quotaCases,
  quotaSet,
  responsibleParties,
  type Trx,
} from '@engine/db';
import {
  complaintQuotaFacts,
  type DomainEvent,
  evaluateCallback,
  evaluateComplaint,
  evaluateFault,
  evaluateFinding,
  hallHeadFor,
  type Instant,
  instantFromMillis,
  type Policy,
  periodOf,
  personFindingRanks,
  type QuotaCase,
  quotaPositionOf,
  type SubjectEvaluation,
} from '@engine/domain';
import { DateTime } from 'luxon';

/** What the classifier learns besides the subject's own evaluation. */
export interface Evaluated {
  evaluation: SubjectEvaluation<object & { status?: string; clocks?: readonly unknown[] }>;
  departmentId: string;
  hallId: string | null;
  /** RULES.md 2.4: the quota this case counts in, null when none applies (or cancelled). */
  quota: { assessment: string; period: string } | null;
  /** Findings of the same person later in the year, whose rank this one may have moved. */
  laterFindings: string[];
}

const toInstant = (date: Date | null): Instant | null => (date ? instantFromMillis(date.getTime()) : null);

type StoredQuotaCase = Awaited<ReturnType<typeof quotaCases>>[number];

// A quota's stored cases as the domain reads them, converted once per list read: a replay reads a
// quota's list once for all its cases (thousands, each placed among all the others).
const convertedCases = new WeakMap<readonly StoredQuotaCase[], QuotaCase[]>();
function quotaCasesOf(
  stored: readonly StoredQuotaCase[],
  group: { departmentId: string; period: string; assessment: string },
): QuotaCase[] {
  let cases = convertedCases.get(stored);
  if (!cases) {
    cases = stored.map((c) => ({ subjectId: c.id, ...group, dispatchedAt: toInstant(c.openedAt)! }));
    convertedCases.set(stored, cases);
  }
  return cases;
}

/** A stored subject as the classifier evaluates it. */
export interface StoredSubject {
  kind: string;
  id: string;
  /** Its stored events, in occurredAt order, and the one that opened it. */
  events: readonly DomainEvent[];
  opening: DomainEvent;
  /** The quota the subject counted in before this evaluation, if any. */
  previousQuota: string | null;
}

/** The opening event's data, as the stored subjects' evaluations read it. */
function openingData(subject: StoredSubject) {
  return subject.opening.data as {
    departmentId: string;
    hallId?: string;
    repeatOf?: string;
    personId?: string;
    rule?: string;
  };
}

function isOverLevel(subject: StoredSubject): boolean {
  return (
    (subject.opening.data as { overLevel?: unknown }).overLevel !== undefined ||
    subject.events.some((e) => e.type === 'complaint.escalated')
  );
}

/**
 * Whether evaluating the subject needs other subjects to stand still or the department's people:
 * a complaint entering, in or leaving a quota (RULES.md 2.4), an over-level complaint's personal
 * fines (RULES.md 2.2), a person's ranked findings of the year (RULES.md 7). Those are evaluated
 * one at a time, under their locks; every other subject can be evaluated in a batch.
 */
export function needsNeighbours(policy: Policy, subject: StoredSubject, now: Instant): boolean {
  const data = openingData(subject);
  switch (subject.kind) {
    case 'complaint': {
      if (subject.previousQuota !== null || isOverLevel(subject)) return true;
      const { assessment, cancelled } = complaintQuotaFacts(policy, subject.id, subject.events, now)!;
      return policy.pack.complaints.quotas[assessment] !== undefined && !cancelled;
    }
    case 'finding':
      return data.personId !== undefined && policy.pack.findings.rules[data.rule ?? '']?.progressive === true;
    default:
      return false;
  }
}

/** What a subject that needs no neighbours is evaluated with: when the order it repeats was opened, the ended periods. */
export interface AloneContext {
  repeatOpenedAt: Date | null;
  endedPeriods: ReadonlySet<string>;
}

/** Evaluates a subject that needs no neighbours (see needsNeighbours) with its context given. */
export function evaluateAlone(
  policy: Policy,
  subject: StoredSubject,
  now: Instant,
  context: AloneContext,
): Evaluated {
  const { kind, id, events } = subject;
  const data = openingData(subject);
  const base = {
    departmentId: data.departmentId,
    hallId: data.hallId ?? null,
    quota: null,
    laterFindings: [],
  };
  switch (kind) {
    case 'complaint':
      return {
        ...base,
        evaluation: evaluateComplaint(policy, id, events, now, {
          repeatOfDispatchedAt: toInstant(context.repeatOpenedAt),
        }),
      };
    case 'fault':
      return {
        ...base,
        evaluation: evaluateFault(policy, id, events, now, {
          repeatOfReportedAt: toInstant(context.repeatOpenedAt),
          // RULES.md 4: a period being closed prices its overdue faults as unfinished.
          closedPeriods: new Set(context.endedPeriods),
        }),
      };
    case 'callback':
      return { ...base, evaluation: evaluateCallback(policy, id, events, now) };
    default:
      return { ...base, evaluation: evaluateFinding(policy, id, events, now) };
  }
}

/**
 * What evaluating a stored subject reads besides its own events and row. Live, each read is a
 * query in the classifier's transaction, after the lock that keeps it still (liveReads); a replay
 * reads them once from one snapshot, where the locks have nothing to keep still.
 */
export interface ContextReads {
  openedAt(kind: string, id: string): Promise<Date | null>;
  endedPeriods(): Promise<ReadonlySet<string>>;
  responsibleParties(departmentId: string, hallId: string | null): ReturnType<typeof responsibleParties>;
  lockDepartmentPeriod(departmentId: string, period: string): Promise<void>;
  quotaCases(departmentId: string, period: string, assessment: string): ReturnType<typeof quotaCases>;
  quotaSet(departmentId: string, period: string, assessment: string): Promise<number | undefined>;
  lockPersonYear(personId: string, year: number): Promise<void>;
  personFindings(personId: string, from: Date, to: Date): ReturnType<typeof personFindings>;
}

/** The context as the classifier reads it: queries in its transaction, under its locks. */
export function liveReads(trx: Trx): ContextReads {
  return {
    openedAt: (kind, id) => openedAtOf(trx, kind, id),
    endedPeriods: () => endedPeriods(trx),
    responsibleParties: (departmentId, hallId) => responsibleParties(trx, departmentId, hallId),
    lockDepartmentPeriod: (departmentId, period) => lockDepartmentPeriod(trx, departmentId, period),
    quotaCases: (departmentId, period, assessment) => quotaCases(trx, departmentId, period, assessment),
    quotaSet: (departmentId, period, assessment) => quotaSet(trx, departmentId, period, assessment),
    lockPersonYear: (personId, year) => lockPersonYear(trx, personId, year),
    personFindings: (personId, from, to) => personFindings(trx, personId, from, to),
  };
}

/**
 * Evaluates a subject through the domain, with the context only the database knows: the complaint
 * a repeat names, the department's manager and hall head, the case's place in its quota, a
 * person's earlier findings of the year, the closed periods.
 */
export async function evaluateStored(
  trx: Trx,
  policy: Policy,
  subject: StoredSubject,
  now: Instant,
): Promise<Evaluated> {
  return evaluateWithContext(liveReads(trx), policy, subject, now);
}

/** evaluateStored with its context read through `reads`. */
export async function evaluateWithContext(
  reads: ContextReads,
  policy: Policy,
  subject: StoredSubject,
  now: Instant,
): Promise<Evaluated> {
  const { kind, id, events, opening, previousQuota } = subject;
  const data = openingData(subject);
  if (!needsNeighbours(policy, subject, now)) {
    return evaluateAlone(policy, subject, now, {
      repeatOpenedAt: data.repeatOf ? await reads.openedAt(kind, data.repeatOf) : null,
      endedPeriods: kind === 'fault' ? await reads.endedPeriods() : new Set(),
    });
  }
  const zone = policy.pack.timeZone;
  const base = {
    departmentId: data.departmentId,
    hallId: data.hallId ?? null,
    quota: null,
    laterFindings: [],
  };
  if (kind === 'complaint') {
    const period = periodOf(opening.occurredAt, zone);
    // Only the ministry's over-level complaints charge persons (RULES.md 2.2).
    const parties = isOverLevel(subject)
      ? await reads.responsibleParties(data.departmentId, data.hallId ?? null)
      : null;
    const context = {
      ...(parties
        ? {
            departmentManagerId: parties.departmentManagerId,
            hallHeadId: hallHeadFor(data.departmentId, parties.hall),
          }
        : {}),
      repeatOfDispatchedAt: data.repeatOf
        ? toInstant(await reads.openedAt('complaint', data.repeatOf))
        : null,
    };
    // RULES.md 2.4: the facts alone say whether it takes a place in a quota; then it is evaluated once.
    const { assessment, cancelled } = complaintQuotaFacts(policy, id, events, now)!;
    const rule = policy.pack.complaints.quotas[assessment];
    const counts = rule !== undefined && !cancelled;
    // Only cases entering, in or leaving a quota need the department's month to stand still.
    if (counts || previousQuota !== null) await reads.lockDepartmentPeriod(data.departmentId, period);
    if (!counts) return { ...base, evaluation: evaluateComplaint(policy, id, events, now, context) };
    const group = { departmentId: data.departmentId, period, assessment };
    const cases = quotaCasesOf(await reads.quotaCases(data.departmentId, period, assessment), group);
    // Its own stored case (if any) is replaced by the one its events give now.
    const quotaPosition = quotaPositionOf(
      { subjectId: id, ...group, dispatchedAt: opening.occurredAt },
      cases,
    );
    const setQuota = await reads.quotaSet(data.departmentId, period, assessment);
    const evaluation = evaluateComplaint(policy, id, events, now, {
      ...context,
      quotaPosition,
      ...(setQuota === undefined ? {} : { quota: setQuota }),
    });
    return { ...base, evaluation, quota: { assessment, period } };
  }
  // RULES.md 7: a person's progressive findings of the calendar year, ranked.
  const year = opening.occurredAt.setZone(zone).startOf('year');
  await reads.lockPersonYear(data.personId!, year.year);
  const others = (
    await reads.personFindings(data.personId!, year.toJSDate(), year.plus({ years: 1 }).toJSDate())
  ).filter((f) => f.id !== id);
  const { ranks } = personFindingRanks(policy, [
    ...others.map((f) => ({
      subjectId: f.id,
      personId: data.personId!,
      rule: f.rule,
      recordedAt: toInstant(f.recordedAt)!,
    })),
    { subjectId: id, personId: data.personId!, rule: data.rule!, recordedAt: opening.occurredAt },
  ]);
  const laterFindings = others
    .filter((f) => DateTime.fromJSDate(f.recordedAt) >= opening.occurredAt)
    .map((f) => f.id);
  return {
    ...base,
    laterFindings,
    evaluation: evaluateFinding(policy, id, events, now, { rankInYear: ranks.get(id)! }),
  };
}
