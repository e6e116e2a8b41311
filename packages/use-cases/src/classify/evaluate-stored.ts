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
  type Policy,
  parseInstant,
  periodOf,
  personFindingRanks,
  quotaPositions,
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

const toInstant = (date: Date | null): Instant | null => (date ? parseInstant(date.toISOString()) : null);

/**
 * Evaluates a subject through the domain, with the context only the database knows: the complaint
 * a repeat names, the department's manager and hall head, the case's place in its quota, a
 * person's earlier findings of the year, the closed periods.
 */
export interface StoredSubject {
  kind: string;
  id: string;
  /** Its stored events, in occurredAt order, and the one that opened it. */
  events: readonly DomainEvent[];
  opening: DomainEvent;
  /** The quota the subject counted in before this evaluation, if any. */
  previousQuota: string | null;
}

export async function evaluateStored(
  trx: Trx,
  policy: Policy,
  subject: StoredSubject,
  now: Instant,
): Promise<Evaluated> {
  const { kind, id, events, opening, previousQuota } = subject;
  const zone = policy.pack.timeZone;
  const data = opening.data as {
    departmentId: string;
    hallId?: string;
    repeatOf?: string;
    personId?: string;
    rule?: string;
  };
  const base = {
    departmentId: data.departmentId,
    hallId: data.hallId ?? null,
    quota: null,
    laterFindings: [],
  };
  switch (kind) {
    case 'complaint': {
      const period = periodOf(opening.occurredAt, zone);
      // Only the ministry's over-level complaints charge persons (RULES.md 2.2).
      const overLevel =
        (opening.data as { overLevel?: unknown }).overLevel !== undefined ||
        events.some((e) => e.type === 'complaint.escalated');
      const parties = overLevel
        ? await responsibleParties(trx, data.departmentId, data.hallId ?? null)
        : null;
      const context = {
        ...(parties
          ? {
              departmentManagerId: parties.departmentManagerId,
              hallHeadId: hallHeadFor(data.departmentId, parties.hall),
            }
          : {}),
        repeatOfDispatchedAt: data.repeatOf
          ? toInstant(await openedAtOf(trx, 'complaint', data.repeatOf))
          : null,
      };
      // RULES.md 2.4: the facts alone say whether it takes a place in a quota; then it is evaluated once.
      const { assessment, cancelled } = complaintQuotaFacts(policy, id, events, now)!;
      const rule = policy.pack.complaints.quotas[assessment];
      const counts = rule !== undefined && !cancelled;
      // Only cases entering, in or leaving a quota need the department's month to stand still.
      if (counts || previousQuota !== null) await lockDepartmentPeriod(trx, data.departmentId, period);
      if (!counts) return { ...base, evaluation: evaluateComplaint(policy, id, events, now, context) };
      const others = (await quotaCases(trx, data.departmentId, period, assessment)).filter(
        (c) => c.id !== id,
      );
      const positions = quotaPositions(
        [
          ...others.map((c) => ({ subjectId: c.id, openedAt: c.openedAt })),
          { subjectId: id, openedAt: opening.occurredAt.toJSDate() },
        ].map((c) => ({
          subjectId: c.subjectId,
          departmentId: data.departmentId,
          period,
          assessment,
          dispatchedAt: toInstant(c.openedAt)!,
        })),
      );
      const setQuota = await quotaSet(trx, data.departmentId, period, assessment);
      const evaluation = evaluateComplaint(policy, id, events, now, {
        ...context,
        quotaPosition: positions.get(id)!,
        ...(setQuota === undefined ? {} : { quota: setQuota }),
      });
      return { ...base, evaluation, quota: { assessment, period } };
    }
    case 'fault':
      return {
        ...base,
        evaluation: evaluateFault(policy, id, events, now, {
          repeatOfReportedAt: data.repeatOf ? toInstant(await openedAtOf(trx, 'fault', data.repeatOf)) : null,
          // RULES.md 4: a period being closed prices its overdue faults as unfinished.
          closedPeriods: await endedPeriods(trx),
        }),
      };
    case 'callback':
      return { ...base, evaluation: evaluateCallback(policy, id, events, now) };
    default: {
      const progressive =
        data.personId !== undefined && policy.pack.findings.rules[data.rule ?? '']?.progressive;
      if (!progressive) return { ...base, evaluation: evaluateFinding(policy, id, events, now) };
      const year = opening.occurredAt.setZone(zone).startOf('year');
      await lockPersonYear(trx, data.personId!, year.year);
      const others = (
        await personFindings(trx, data.personId!, year.toJSDate(), year.plus({ years: 1 }).toJSDate())
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
  }
}
