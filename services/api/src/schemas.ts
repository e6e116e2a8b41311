import { eventSchema } from '@engine/domain';
import { z } from 'zod';

/** API.md: a batch holds 1 to 1,000 events. */
export const MAX_BATCH = 1_000;

/** The body of POST /v1/events, as the OpenAPI document shows it: one event or a batch. */
export const postEventsBody = z.union([
  eventSchema,
  z.strictObject({ events: z.array(eventSchema).min(1).max(MAX_BATCH) }),
]);

export const postEventsResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  results: z.array(z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) })),
});

export const eventStatusResponse = z.object({
  id: z.string(),
  status: z.enum(['pending', 'applied', 'failed']),
  error: z.string().optional(),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** The answers every keyed route may give besides its own: bad input, no key, wrong role. */
export const requestProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** A month, as periods are named (RULES.md 8). */
export const periodParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month, YYYY-MM');
