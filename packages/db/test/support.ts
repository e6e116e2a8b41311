import { randomBytes } from 'node:crypto';
import type { Db, Trx } from '../src/database.ts';
import type { SubjectEvaluationRow } from '../src/subjects.repository.ts';

/** An id no other test of the run uses: the whole run shares one database. */
export const uid = (label: string) => `${label}-${randomBytes(5).toString('hex')}`;

export interface TestSubject {
  kind: 'complaint' | 'fault' | 'callback' | 'finding';
  id: string;
  departmentId?: string | null;
  hallId?: string | null;
  openedAt?: Date | null;
  nextCheckAt?: Date | null;
  quotaAssessment?: string | null;
  quotaPeriod?: string | null;
  calendarNeeds?: number[];
}

/** A subject row as the classifier leaves it, inserted directly: only the columns a test cares about vary. */
export async function insertSubject(db: Db | Trx, subject: TestSubject): Promise<void> {
  await db
    .insertInto('subjects')
    .values({
      kind: subject.kind,
      id: subject.id,
      department_id: subject.departmentId === undefined ? 'D1' : subject.departmentId,
      hall_id: subject.hallId ?? null,
      status: 'open',
      policy_version: 'fuling-2012',
      opened_at: subject.openedAt === undefined ? new Date() : subject.openedAt,
      state: '{}',
      next_check_at: subject.nextCheckAt ?? null,
      quota_assessment: subject.quotaAssessment ?? null,
      quota_period: subject.quotaPeriod ?? null,
      assessment: subject.quotaAssessment ?? null,
      upgraded: null,
      calendar_needs: subject.calendarNeeds ?? [],
    })
    .execute();
}

/** The stored next_check_at of a subject. */
export async function nextCheckOf(db: Db, kind: string, id: string): Promise<Date | null> {
  const row = await db
    .selectFrom('subjects')
    .select('next_check_at')
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.next_check_at;
}

/** A whole evaluation row for saveEvaluation: an open subject of department D1 with nothing else set, then `row`. */
export function evaluationRow(
  row: Partial<SubjectEvaluationRow> & { kind: string; id: string },
): SubjectEvaluationRow {
  return {
    departmentId: 'D1',
    hallId: null,
    status: 'open',
    policyVersion: 'fuling-2012',
    openedAt: new Date(),
    state: {},
    desiredEntries: [],
    nextCheckAt: null,
    quotaAssessment: null,
    quotaPeriod: null,
    assessment: null,
    upgraded: null,
    personId: null,
    findingRule: null,
    ratePeriod: null,
    callbackKind: null,
    countsAsDone: null,
    slaType: null,
    summary: null,
    completedAt: null,
    calendarNeeds: [],
    ...row,
  };
}
