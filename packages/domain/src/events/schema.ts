import { z } from 'zod';
import type { PostedEvent } from './event.ts';

/** API.md: the one schema source for events. The API validates with it and the OpenAPI document is generated from it. */

const id = z.string().min(1).max(128);
const note = (max: number) => z.string().max(max);
/** A code the policy pack defines (criterion, fault kind, finding rule...); checked against the pack in force. */
const code = z
  .string()
  .regex(/^[a-z0-9_.]+$/, 'expected a lower-case code')
  .max(64);

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
  controlLevel: z.union([z.literal(1), z.literal(2)]),
  priorComplaintToDepartment: z.boolean(),
  interceptionAttempted: z.boolean(),
});

export const customerSchema = z.strictObject({
  id: id,
  group: z.strictObject({ tier: z.string().min(1).max(32) }).optional(),
});

const empty = z.strictObject({});

export const eventDataSchemas = {
  'complaint.received': z.strictObject({
    departmentId: id,
    hallId: id.optional(),
    channel: z.enum(['hotline', 'hall', 'letter', 'visit', 'online']).optional(),
    customer: customerSchema.optional(),
    overLevel: overLevelSchema.optional(),
    repeatOf: id.optional(),
    overLevelTendency: z.boolean().optional(),
    summary: note(4000).optional(),
  }),
  'complaint.first_replied': empty,
  'complaint.reply_rejected': z.strictObject({ reason: note(2000).optional() }),
  'complaint.resolved': empty,
  'complaint.reopened': z.strictObject({ reason: note(2000).optional() }),
  'complaint.responsibility_set': z.strictObject({
    responsibility: z.enum(['enterprise', 'non_enterprise']),
    criteria: z.array(code).max(32).optional(),
  }),
  'complaint.escalated': z.strictObject({ overLevel: overLevelSchema }),
  'complaint.tendency_flagged': empty,
  'complaint.intercepted': empty,
  'complaint.cancelled': z.strictObject({ reason: note(2000).min(1) }),
  'fault.reported': z.strictObject({
    departmentId: id,
    hallId: id.optional(),
    kind: code,
    customer: customerSchema.optional(),
    repeatOf: id.optional(),
  }),
  'fault.restored': empty,
  'fault.exemption_approved': z
    .strictObject({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      cause: z.enum(['user', 'equipment', 'cable_cut', 'cable_theft', 'network', 'force_majeure']),
      approvedBy: id,
    })
    .refine((d) => Date.parse(d.to) > Date.parse(d.from), { message: 'to must be after from', path: ['to'] }),
  'callback.opened': z.strictObject({ kind: code, departmentId: id, relatedId: id.optional() }),
  'callback.completed': empty,
  'finding.recorded': z.strictObject({
    rule: code,
    departmentId: id,
    hallId: id.optional(),
    personId: id.optional(),
    relatedId: id.optional(),
    note: note(4000).optional(),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

const envelopeFields = {
  id,
  subjectId: id,
  occurredAt: z.iso.datetime({ offset: true }),
};

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
