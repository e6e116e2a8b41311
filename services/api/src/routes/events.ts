import { EventConflictError, findEventStatus, insertEvents } from '@engine/db';
import {
  eventSchema,
  NoPolicyInForceError,
  type PostedEvent,
  parseInstant,
  policyInForce,
  policyProblems,
  subjectKindOf,
} from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { bodyHash } from '../canonical-json.ts';
import { type FieldProblem, invalidRequest, ProblemError, problemsFromIssues } from '../problems.ts';
import {
  eventStatusResponse,
  MAX_BATCH,
  postEventsBody,
  postEventsResponse,
  problemSchema,
} from '../schemas.ts';

/** API.md: more than 5 minutes in the future is rejected (clocks of senders drift a little). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A batch's envelope; its items are checked one by one, so every item's problems are named. */
const batchEnvelope = z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

function isBatch(data: unknown): data is { events: unknown } {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'events' in data;
}

/**
 * Every problem of a post, by path: the schema's (per item) and those a schema cannot see:
 * instants against now, codes against the policy in force, an id repeated in a batch.
 */
function checkEvents(deps: AppDeps, body: unknown): { events: PostedEvent[]; batch: boolean } {
  const batch = isBatch(body);
  let items: unknown[] = [body];
  if (batch) {
    const envelope = batchEnvelope.safeParse(body);
    if (!envelope.success) throw invalidRequest(problemsFromIssues(envelope.error.issues));
    items = envelope.data.events;
  }
  const problems: FieldProblem[] = [];
  const events: PostedEvent[] = [];
  const latestAllowed = deps.now().getTime() + FUTURE_TOLERANCE_MS;
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, index) => {
    const prefix = batch ? ['events', index] : [];
    const at = (path: string) => (batch ? `events[${index}].${path}` : path);
    const parsed = eventSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(...problemsFromIssues(parsed.error.issues, prefix));
      return;
    }
    const event = parsed.data;
    events.push(event);
    if (Date.parse(event.occurredAt) > latestAllowed) {
      problems.push({ path: at('occurredAt'), message: 'is more than 5 minutes in the future' });
    }
    const earlier = firstIndexOf.get(event.id);
    if (earlier === undefined) firstIndexOf.set(event.id, index);
    else if (!bodyHash(items[earlier]).equals(bodyHash(event))) {
      problems.push({
        path: at('id'),
        message: `repeats the id of events[${earlier}] with a different body`,
      });
    }
    try {
      const policy = policyInForce(
        deps.policies(),
        deps.config.POLICY_FAMILY,
        parseInstant(event.occurredAt),
      );
      for (const p of policyProblems(policy, event)) problems.push({ path: at(p.path), message: p.message });
    } catch (error) {
      if (!(error instanceof NoPolicyInForceError)) throw error;
      problems.push({ path: at('occurredAt'), message: error.message });
    }
  });
  if (problems.length > 0) throw invalidRequest(problems);
  return { events, batch };
}

export const eventRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/events',
    {
      config: { roles: ['ingest'] },
      // The body is checked item by item in checkEvents; the schema below documents it.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        summary: 'Post one event, or an atomic batch of up to 1,000',
        tags: ['events'],
        security: [{ apiKey: [] }],
        body: postEventsBody,
        response: {
          202: postEventsResponse,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { events, batch: isBatch } = checkEvents(deps, request.body);
      try {
        const { results } = await insertEvents(
          deps.db,
          events.map((event) => ({
            id: event.id,
            type: event.type,
            subjectKind: subjectKindOf(event.type),
            subjectId: event.subjectId,
            occurredAt: new Date(event.occurredAt),
            data: event.data,
            bodyHash: bodyHash(event),
          })),
          request.apiKey?.id ?? null,
        );
        deps.onEventsStored();
        const accepted = results.filter((r) => r.status === 'accepted').length;
        return reply.status(202).send({ accepted, duplicates: results.length - accepted, results });
      } catch (error) {
        if (!(error instanceof EventConflictError)) throw error;
        const errors = events.flatMap((event, index) =>
          error.ids.includes(event.id)
            ? [
                {
                  path: isBatch ? `events[${index}].id` : 'id',
                  message: 'was posted before with a different body',
                },
              ]
            : [],
        );
        throw new ProblemError(
          409,
          'conflict',
          'Conflict',
          'An event id was posted before with a different body; nothing was stored.',
          errors,
        );
      }
    },
  );

  app.get(
    '/v1/events/:id',
    {
      config: { roles: ['ingest'] },
      schema: {
        summary: 'Whether the workers have applied an event',
        tags: ['events'],
        security: [{ apiKey: [] }],
        params: z.object({ id: z.string().min(1).max(128) }),
        response: { 200: eventStatusResponse, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const status = await findEventStatus(deps.db, request.params.id);
      if (!status) throw new ProblemError(404, 'not-found', 'Not found', `No event ${request.params.id}.`);
      return { id: status.id, status: status.status, ...(status.error ? { error: status.error } : {}) };
    },
  );
};
