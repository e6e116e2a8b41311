import { z } from 'zod';
import type { PostedEvent } from './event.ts';

/** API.md: the one schema source for events. The API validates with it and the OpenAPI document is generated from it. */

/**
 * API.md ids: 1-128 characters that print as what they are. A space at either end, a tab or line
 * break, or an invisible character would make two ids look alike in a view or a spreadsheet.
 */
export const identifierSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((text) => text.trim() === text, 'has a space at its start or end; an id has none')
  .refine(
    (text) => !/[\t\n\r\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/.test(text),
    'contains a tab, a line break or an invisible character; an id prints as what it is',
  );
const id = identifierSchema;
const note = (max: number) => z.string().max(max);
/** A code the policy pack defines (criterion, fault kind, finding rule...); checked against the pack in force. */
const code = z
  .string()
  .regex(/^[a-z0-9_.]+$/, {
    error: (issue) => `${String(issue.input)} is not a lower-case code (a-z, 0-9, _ and .)`,
  })
  .max(64);
/** API.md: an instant is RFC 3339 with an offset; a local time would leave its zone to a guess. */
export const instantSchema = z.iso.datetime({ offset: true });

/** An optional field: null is taken as absent (Java and .NET serialisers send null by default). */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}

export const overLevelBodies = [
  'miit_appeal',
  'comms_admin',
  'government',
  'cppcc',
  'npc',
  'aic',
  'price_bureau',
  'consumer_association',
  'municipal_media',
  'provincial_branch',
] as const;

export const overLevelSchema = z.strictObject({
  body: z.enum(overLevelBodies),
  controlLevel: z.literal([1, 2]),
  priorComplaintToDepartment: z.boolean(),
  interceptionAttempted: z.boolean(),
});

export const customerSchema = z.strictObject({
  id: id,
  group: optional(z.strictObject({ tier: z.string().min(1).max(32) })),
});

const empty = z.strictObject({});

export const eventDataSchemas = {
  'complaint.received': z.strictObject({
    departmentId: id,
    hallId: optional(id),
    channel: optional(z.enum(['hotline', 'hall', 'letter', 'visit', 'online'])),
    customer: optional(customerSchema),
    overLevel: optional(overLevelSchema),
    repeatOf: optional(id),
    overLevelTendency: optional(z.boolean()),
    summary: optional(note(4000)),
  }),
  'complaint.first_replied': empty,
  'complaint.reply_rejected': z.strictObject({ reason: optional(note(2000)) }),
  'complaint.resolved': empty,
  'complaint.reopened': z.strictObject({ reason: optional(note(2000)) }),
  'complaint.responsibility_set': z.strictObject({
    responsibility: z.enum(['enterprise', 'non_enterprise']),
    criteria: optional(z.array(code).max(32)),
  }),
  'complaint.escalated': z.strictObject({ overLevel: overLevelSchema }),
  'complaint.tendency_flagged': empty,
  'complaint.intercepted': empty,
  'complaint.cancelled': z.strictObject({ reason: note(2000).min(1) }),
  'fault.reported': z.strictObject({
    departmentId: id,
    hallId: optional(id),
    kind: code,
    customer: optional(customerSchema),
    repeatOf: optional(id),
  }),
  'fault.restored': empty,
  'fault.exemption_approved': z
    .strictObject({
      from: instantSchema,
      to: instantSchema,
      // The pack that judges the fault lists its causes (checked in policyProblems, RULES.md 4 and 9).
      cause: code,
      approvedBy: id,
    })
    .refine((d) => Date.parse(d.to) > Date.parse(d.from), {
      message: 'must be after data.from',
      path: ['to'],
    }),
  'callback.opened': z.strictObject({ kind: code, departmentId: id, relatedId: optional(id) }),
  'callback.completed': empty,
  'finding.recorded': z.strictObject({
    rule: code,
    departmentId: id,
    hallId: optional(id),
    personId: optional(id),
    relatedId: optional(id),
    note: optional(note(4000)),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];
/** A value as parsed events hold it: an optional field that was null is absent (parseEvent drops it). */
type WithoutNulls<T> = T extends readonly (infer U)[]
  ? WithoutNulls<U>[]
  : T extends object
    ? { [K in keyof T]: WithoutNulls<Exclude<T[K], null>> }
    : T;
export type EventData<T extends EventType> = WithoutNulls<z.infer<(typeof eventDataSchemas)[T]>>;

const envelopeFields = {
  id,
  subjectId: id,
  occurredAt: instantSchema,
};

/**
 * The fields every event has, whatever its type: checked on their own when the type is missing or
 * unknown (the union stops at its discriminator), so every problem of such an event is named.
 */
export const eventEnvelopeSchema = z.object(envelopeFields);

const eventVariants = eventTypes.map((type) =>
  z.strictObject({ ...envelopeFields, type: z.literal(type), data: eventDataSchemas[type] }),
);

/**
 * An event as posted: the envelope with its type-specific data. The union is built from the table
 * above, which TypeScript cannot follow, so its type is stated once, as PostedEvent.
 */
export const eventSchema = z.discriminatedUnion(
  'type',
  eventVariants as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<PostedEvent>;

export type SubjectKind = 'complaint' | 'fault' | 'callback' | 'finding';

export function subjectKindOf(type: EventType): SubjectKind {
  return type.slice(0, type.indexOf('.')) as SubjectKind;
}

/** The event that opens a subject of each kind: the subject's other events wait for it. */
export const openingTypeOf: Readonly<Record<SubjectKind, EventType>> = {
  complaint: 'complaint.received',
  fault: 'fault.reported',
  callback: 'callback.opened',
  finding: 'finding.recorded',
};
