import type { DomainEvent } from '../src/events/event.ts';
import type { EventData, EventType } from '../src/events/schema.ts';
import type { LedgerIntent } from '../src/ledger/entry.ts';
import { fuling2012Policy } from '../src/policy/builtin.ts';
import { type Instant, parseInstant } from '../src/time.ts';

export const policy = fuling2012Policy;

/** A Shanghai wall-clock time ("2026-11-23T09:00") as an Instant. */
export function sh(localTime: string): Instant {
  return parseInstant(`${localTime.length === 16 ? `${localTime}:00` : localTime}+08:00`);
}

export function shLocal(instant: Instant | null | undefined): string | null {
  return instant ? instant.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm") : null;
}

/** An event of a subject at a Shanghai wall-clock time; the id is derived so replays match. */
export function event<T extends EventType>(
  type: T,
  localTime: string,
  data: EventData<T>,
  subjectId = 'C1',
): DomainEvent {
  return {
    id: `${subjectId}:${type}@${localTime}`,
    type,
    subjectId,
    occurredAt: sh(localTime),
    data,
  } as DomainEvent;
}

export function received(
  localTime: string,
  data: Partial<EventData<'complaint.received'>> = {},
  subjectId = 'C1',
) {
  return event(
    'complaint.received',
    localTime,
    { departmentId: 'D1', hallId: 'H1', channel: 'hotline', ...data },
    subjectId,
  );
}

export const miitOverLevel = (prior: boolean, intercepted: boolean, controlLevel: 1 | 2 = 1) => ({
  body: 'miit_appeal' as const,
  controlLevel,
  priorComplaintToDepartment: prior,
  interceptionAttempted: intercepted,
});

/** The fines as "rule amountYuan" strings, sorted, to compare with RULES.md's numbers. */
export function fines(entries: readonly LedgerIntent[]): string[] {
  return entries
    .map(
      (e) => `${e.rule} ${e.amountFen / 100}${e.personRole ? ` ${e.personRole}:${e.personId ?? '-'}` : ''}`,
    )
    .sort();
}
