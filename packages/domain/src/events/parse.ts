import { z } from 'zod';
import type { PostedEvent } from './event.ts';
import { describeIssues, type IssueProblem } from './issues.ts';
import { eventDataSchemas, eventEnvelopeSchema, eventSchema, eventTypes } from './schema.ts';

export type EventParse = { success: true; event: PostedEvent } | { success: false; problems: IssueProblem[] };

/** What a value that is not even an object was expected to be. */
export const NOT_AN_EVENT = 'expected an event: an object with id, type, subjectId, occurredAt and data';

/**
 * An event as posted, checked against the schema: every problem worded for the sender, and an
 * optional field sent as null dropped (it is absent), so nothing downstream ever sees a null.
 */
export function parseEvent(input: unknown): EventParse {
  const result = eventSchema.safeParse(input, { reportInput: true });
  if (result.success) return { success: true, event: withoutNulls(result.data) as PostedEvent };
  const problems = describeIssues(eventSchema, input, result.error.issues).map((problem) =>
    problem.path.length === 0 && (typeof input !== 'object' || input === null || Array.isArray(input))
      ? { path: [], message: NOT_AN_EVENT }
      : problem,
  );
  // Without a known type the union says only that: the fields every event has are checked besides.
  if (problems.some((p) => p.path.length === 1 && p.path[0] === 'type')) {
    const envelope = eventEnvelopeSchema.safeParse(input, { reportInput: true });
    if (!envelope.success)
      problems.push(...describeIssues(eventEnvelopeSchema, input, envelope.error.issues));
  }
  return { success: false, problems };
}

/** A copy without null-valued keys, at every level (after the schema, only optional fields can be null). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** An RFC 3339 instant written one way: UTC with milliseconds (what the event store keeps). */
export function canonicalInstant(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** The fields of each type's data that are instants (exemption from/to), read off the schemas. */
const instantFields: ReadonlyMap<string, readonly string[]> = new Map(
  eventTypes.map((type) => [
    type,
    Object.entries(eventDataSchemas[type].shape)
      .filter(([, field]) => isInstant(field as z.ZodType))
      .map(([name]) => name),
  ]),
);

function isInstant(schema: z.ZodType): boolean {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
    current = current.unwrap() as z.ZodType;
  return current instanceof z.ZodISODateTime;
}

/**
 * The event written one way, so that one event sent twice compares equal however it was
 * serialised: instants in UTC (2026-09-01T09:00:00+08:00 and 2026-09-01T01:00:00Z are one
 * instant), no nulls. Key order is left to the comparison (canonical JSON sorts keys).
 */
export function canonicalEvent<T extends { type: string; occurredAt: string; data: unknown }>(event: T): T {
  const data = withoutNulls(event.data) as Record<string, unknown>;
  const instants = instantFields.get(event.type) ?? [];
  const canonicalData =
    data && typeof data === 'object'
      ? Object.fromEntries(
          Object.entries(data).map(([k, v]) => [
            k,
            instants.includes(k) && typeof v === 'string' ? canonicalInstant(v) : v,
          ]),
        )
      : data;
  return { ...event, occurredAt: canonicalInstant(event.occurredAt), data: canonicalData };
}

/** Where two bodies of one id part: a field both have with other values, or one only of them has. */
export interface EventDifference {
  path: PropertyKey[];
  change: 'differs' | 'missing' | 'added';
}

/** The fields in which a re-sent event differs from the earlier one (both canonical); none: the same event. */
export function eventDifferences(
  sent: unknown,
  earlier: unknown,
  path: PropertyKey[] = [],
): EventDifference[] {
  if (isPlainObject(sent) && isPlainObject(earlier)) {
    const keys = [...new Set([...Object.keys(sent), ...Object.keys(earlier)])].sort();
    return keys.flatMap((key): EventDifference[] => {
      if (!(key in earlier)) return [{ path: [...path, key], change: 'added' }];
      if (!(key in sent)) return [{ path: [...path, key], change: 'missing' }];
      return eventDifferences(sent[key], earlier[key], [...path, key]);
    });
  }
  return sameJson(sent, earlier) ? [] : [{ path, change: 'differs' }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return eventDifferences(a, b).length === 0;
  return a === b;
}
