import { eventSchema, isPeriod } from '@engine/domain';
import { z } from 'zod';

/** API.md: a batch holds 1 to 1,000 events. */
export const MAX_BATCH = 1_000;

/** The body of POST /v1/events, as the OpenAPI document shows it: one event or a batch. */
const event = eventSchema.meta({
  id: 'Event',
  description: 'One event: the envelope (id, type, subjectId, occurredAt) with the data of its type',
});
export const postEventsBody = z.union([
  event,
  z
    .strictObject({ events: z.array(event).min(1).max(MAX_BATCH) })
    .meta({ id: 'EventBatch', description: 'Up to 1,000 events, stored atomically: all or none' }),
]);

export const postEventsResponse = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    results: z.array(z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) })),
  })
  .meta({ id: 'PostEventsResult', description: 'What became of each posted event, in the order posted' });

export const eventStatusResponse = z
  .object({
    id: z.string(),
    /** waiting: nothing has opened the event's subject yet; it is applied once its opening event arrives. */
    status: z.enum(['pending', 'waiting', 'applied', 'failed']),
    error: z.string().optional(),
    /** With status waiting: the event it waits for. */
    reason: z.string().optional(),
  })
  .meta({ id: 'EventStatus', description: 'Whether the workers have applied an event' });

/** GET /v1/events?status=waiting: the events waiting for their subject's opening event, oldest first. */
export const waitingEventsQuery = z.strictObject({
  status: z.enum(['waiting'], {
    error: 'expected waiting: the list served is ?status=waiting (events waiting for their opening event)',
  }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(256).optional(),
});

export const waitingEventsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      subjectKind: z.string(),
      subjectId: z.string(),
      occurredAt: z.string(),
      receivedAt: z.string(),
      /** Seconds since the engine received it. */
      ageSeconds: z.number().int(),
      reason: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const problemSchema = z
  .object({
    type: z.string().meta({
      description: 'What kind of problem, e.g. /problems/invalid-request',
      examples: ['/problems/invalid-request'],
    }),
    title: z.string(),
    status: z.number().int().meta({ description: 'The HTTP status' }),
    detail: z.string().meta({ description: 'What went wrong and what to do, for a person' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({
            description: 'Where in the request: events[2].data.departmentId, cursor, params.period',
          }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Every problem of the request (bad input: at most 100 are listed)' }),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json)',
    examples: [
      {
        type: '/problems/invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: 'The request has problems; nothing of it was stored.',
        errors: [{ path: 'events[1].occurredAt', message: 'expected an RFC 3339 instant with an offset' }],
      },
    ],
  });

/** The answers every keyed route may give besides its own: bad input, no key, wrong role. */
export const requestProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** A month, as periods are named (RULES.md 8). */
export const periodParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month, YYYY-MM')
  .refine(isPeriod, 'expected a month of 1901-2099, the years the calendars can count');
