import type { DeliveryToSend, Names } from '@engine/db';
import { hallNameOf } from '@engine/db';
import { formatInstant } from '@engine/domain';

/**
 * What a webhook says of a signal: the fields it always carried (ids, `detail` as recorded), and
 * what a person acting on it needs without looking anything up: names, the summary, the clock with
 * its deadline in the policy's zone and the time over or left, and the subject's console page.
 */
export interface WebhookPayload {
  id: string;
  kind: string;
  key: string;
  subjectKind: string;
  subjectId: string;
  departmentId: string | null;
  at: string;
  detail: unknown;
  provisional?: true;
  provisionalYears?: number[];
  /** A Chinese headline ("超时：投诉 C-1001 首次回复"), what a robot's message leads with. */
  title: string;
  departmentName: string | null;
  hallId: string | null;
  hallName: string | null;
  /** The person concerned (a suspension's, a finding's), and the name the engine knows them by. */
  personId: string | null;
  personName: string | null;
  summary: string | null;
  slaType: string | null;
  clock: string | null;
  /** Warnings: the fraction of the allowed time reached. */
  fraction: number | null;
  deadline: string | null;
  /** The clock's state when sent: running, met, breached, cancelled. */
  clockState: string | null;
  /** Seconds past the deadline when sent (or when the clock stopped); null when not past. */
  overdueSeconds: number | null;
  /** Seconds left before the deadline when sent, the clock still running; null otherwise. */
  remainingSeconds: number | null;
  /** Upgrades: the reason; over-level complaints: the body gone to; suspensions: the person. */
  note: string | null;
  url: string;
}

export const kindLabels: Record<string, string> = {
  warning: '预警',
  breach: '超时',
  upgrade: '升级',
  over_level: '越级',
  suspension: '待岗',
  'calendar.expiring': '日历即将到期',
};
export const subjectLabels: Record<string, string> = {
  complaint: '投诉',
  fault: '障碍',
  callback: '回访',
  finding: '质检',
  person: '人员',
  calendar: '节假日日历',
};
export const clockLabels: Record<string, string> = {
  first_response: '首次回复',
  resolution: '处理时限',
  resolution_warning: '预警处理时限',
  repair: '障碍修复',
  callback: '回访时限',
};

export function webhookPayload(
  delivery: DeliveryToSend,
  names: Names,
  context: { now: Date; timeZone: string; baseUrl: string },
): WebhookPayload {
  const { signal, subject, clock } = delivery;
  const recorded = (signal.detail ?? {}) as {
    clock?: string | null;
    fraction?: number | null;
    detail?: unknown;
    provisionalYears?: number[];
  };
  const personId = signal.subjectKind === 'person' ? signal.subjectId : (subject?.personId ?? null);
  const hallId = subject?.hallId ?? null;
  const clockName = recorded.clock ?? null;
  const end = clock ? (clock.stoppedAt ?? context.now).getTime() : 0;
  const overBy = clock ? Math.floor((end - clock.deadline.getTime()) / 1000) : 0;
  return {
    id: `${signal.id}`,
    kind: signal.kind,
    key: signal.key,
    subjectKind: signal.subjectKind,
    subjectId: signal.subjectId,
    departmentId: signal.departmentId,
    at: formatInstant(signal.at.getTime(), context.timeZone),
    detail: signal.detail,
    // A warning or breach of a deadline counted on a year without official holiday data.
    ...(recorded.provisionalYears ? { provisional: true, provisionalYears: recorded.provisionalYears } : {}),
    title: titleOf(signal.kind, signal.subjectKind, signal.subjectId, clockName),
    departmentName: signal.departmentId ? (names.departments.get(signal.departmentId) ?? null) : null,
    hallId,
    hallName: hallNameOf(names, hallId, signal.departmentId ?? ''),
    personId,
    personName: personId ? (names.people.get(personId) ?? null) : null,
    summary: subject?.summary ?? null,
    slaType: subject?.slaType ?? null,
    clock: clockName,
    fraction: recorded.fraction ?? null,
    deadline: clock ? formatInstant(clock.deadline.getTime(), context.timeZone) : null,
    clockState: clock?.state ?? null,
    overdueSeconds: clock && overBy >= 0 ? overBy : null,
    remainingSeconds: clock?.state === 'running' && overBy < 0 ? -overBy : null,
    note: typeof recorded.detail === 'string' ? recorded.detail : null,
    url: consoleUrl(context.baseUrl, signal.subjectKind, signal.subjectId),
  };
}

/** The names a delivery's payload needs: its department, the subject's hall, the person concerned. */
export function namesWanted(delivery: DeliveryToSend) {
  const { signal, subject } = delivery;
  const person = signal.subjectKind === 'person' ? signal.subjectId : subject?.personId;
  return {
    departments: signal.departmentId ? [signal.departmentId] : [],
    halls: subject?.hallId ? [subject.hallId] : [],
    people: person ? [person] : [],
  };
}

function titleOf(kind: string, subjectKind: string, subjectId: string, clock: string | null): string {
  const what = `${subjectLabels[subjectKind] ?? subjectKind} ${subjectId}`;
  const which = clock ? ` ${clockLabels[clock] ?? clock}` : '';
  return `${kindLabels[kind] ?? kind}：${what}${which}`;
}

/** The console's page of what the signal is about. */
function consoleUrl(baseUrl: string, subjectKind: string, subjectId: string): string {
  if (subjectKind === 'person') return `${baseUrl}/console/people/${encodeURIComponent(subjectId)}`;
  if (subjectKind === 'calendar') return `${baseUrl}/console/admin`;
  return `${baseUrl}/console/subjects/${subjectKind}/${encodeURIComponent(subjectId)}`;
}
