import { type Instant, parseInstant } from '../time.ts';
import { type EventData, type EventType, openingTypeOf, type SubjectKind } from './schema.ts';

/** An event as posted and stored: instants are still RFC 3339 strings. */
export type PostedEvent = {
  [T in EventType]: { id: string; type: T; subjectId: string; occurredAt: string; data: EventData<T> };
}[EventType];

/** An event as the rules see it. */
export type DomainEvent = {
  [T in EventType]: { id: string; type: T; subjectId: string; occurredAt: Instant; data: EventData<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export function toDomainEvent(event: PostedEvent): DomainEvent {
  return { ...event, occurredAt: parseInstant(event.occurredAt) } as DomainEvent;
}

const openingTypes: ReadonlySet<EventType> = new Set(Object.values(openingTypeOf));

function precedence(type: EventType): number {
  if (openingTypes.has(type)) return 0;
  return type === 'complaint.cancelled' ? 2 : 1;
}

/**
 * The order the rules apply events in, whatever order they arrived in: by occurredAt, then the
 * opening event first and a cancellation last at the same instant, then by id. A repeated id counts once.
 */
export function inApplicationOrder(events: readonly DomainEvent[]): DomainEvent[] {
  const unique = new Map<string, DomainEvent>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, event);
  return [...unique.values()].sort(
    (a, b) =>
      a.occurredAt.toMillis() - b.occurredAt.toMillis() ||
      precedence(a.type) - precedence(b.type) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The event that opens a subject as the rules take it: the first of its kind's opening type in
 * application order (two dispatches at one instant: the lower event id), so the adapters store the
 * subject under the department the rules charge, whatever order the events arrived in.
 */
export function openingEventOf(kind: SubjectKind, events: readonly DomainEvent[]): DomainEvent | undefined {
  return inApplicationOrder(events).find((e) => e.type === openingTypeOf[kind]);
}
