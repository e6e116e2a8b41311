import {
  type EventConflict,
  EventConflictError,
  findEventStatus,
  frozenVersions,
  hallsByIds,
  listWaitingEvents,
} from '@engine/db';
import {
  canonicalEvent,
  describeIssues,
  type EventDifference,
  eventDifferences,
  hallNamedBy,
  hallProblems,
  type Instant,
  judgingPolicy,
  NOT_AN_EVENT,
  NoPolicyInForceError,
  openingTypeOf,
  type Policy,
  type PostedEvent,
  parseEvent,
  pathToString,
  policyProblems,
  type SubjectKind,
  subjectKindOf,
  timeZoneOf,
} from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { bodyHash } from '../canonical-json.ts';
import { DepartmentFamilies } from '../department-families.ts';
import type { AppDeps } from '../deps.ts';
import type { GroupCommit } from '../group-commit.ts';
import { decodeCursor, encodeCursor, instant } from '../present.ts';
import { type FieldProblem, invalidRequest, ProblemError } from '../problems.ts';
import {
  eventStatusResponse,
  MAX_BATCH,
  postEventsBody,
  postEventsResponse,
  problemSchema,
  requestProblems,
  waitingEventsQuery,
  waitingEventsResponse,
} from '../schemas.ts';

/** API.md: more than 5 minutes in the future is rejected (clocks of senders drift a little). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A batch's envelope; its items are checked one by one, so every item's problems are named. */
const batchEnvelope = z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

function isBatch(data: unknown): data is { events: unknown } {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'events' in data;
}

/** An event of the post with its index in the batch (0 for a single event). */
interface Item {
  index: number;
  event: PostedEvent;
}

/**
 * Every problem of a post, by path: the schema's (per item) and those a schema cannot see:
 * instants against now, codes against the policy in force, a hall of another department, an id
 * repeated in a batch with another body.
 */
async function checkEvents(
  deps: AppDeps,
  departments: DepartmentFamilies,
  body: unknown,
): Promise<{ events: PostedEvent[]; batch: boolean }> {
  const batch = isBatch(body);
  let items: unknown[] = [body];
  if (batch) {
    const envelope = batchEnvelope.safeParse(body, { reportInput: true });
    if (!envelope.success) {
      throw invalidRequest(
        describeIssues(batchEnvelope, body, envelope.error.issues).map((p) => ({
          path: pathToString(p.path),
          message: p.message,
        })),
      );
    }
    items = envelope.data.events;
  }
  const at = (index: number, path: readonly PropertyKey[]) =>
    pathToString(batch ? ['events', index, ...path] : path);
  const problems: FieldProblem[] = [];
  const parsed: Item[] = [];
  items.forEach((item, index) => {
    const result = parseEvent(item);
    if (!result.success) {
      for (const p of result.problems) {
        // A single event's body may also be a batch: say so.
        const message =
          !batch && p.message === NOT_AN_EVENT ? `${p.message}, or a batch {"events": [...]}` : p.message;
        problems.push({ path: at(index, p.path), message });
      }
      return;
    }
    parsed.push({ index, event: result.event });
  });
  const [judgeOf, halls] = await Promise.all([
    judges(
      deps,
      departments,
      parsed.map((p) => p.event),
    ),
    hallsByIds(
      deps.db,
      parsed.map((p) => hallNamedBy(p.event)).filter((h): h is string => h !== undefined),
    ),
  ]);
  for (const { index, event } of parsed) {
    for (const p of [...eventProblems(deps, event, judgeOf(event)), ...hallProblems(event, halls)]) {
      problems.push({ path: batch ? `events[${index}].${p.path}` : p.path, message: p.message });
    }
  }
  if (problems.length > 0) {
    // Named with the rest; alone, they are the store's 409 (which also sees ids stored before).
    throw invalidRequest([...problems, ...repeatedIdProblems(parsed, at)]);
  }
  return { events: parsed.map((p) => p.event), batch };
}

/** Which policy judges an event: a version, none in force yet (its family), or none known before its subject is. */
type Judge = { policy: Policy } | { before: string } | null;

/**
 * RULES.md 9: an event is checked against the pack that will judge it: its subject's frozen
 * version when the subject is known, else the version in force of its department's family. A
 * follow-up event of a subject not stored yet is checked when it is applied.
 */
async function judges(
  deps: AppDeps,
  departments: DepartmentFamilies,
  events: readonly PostedEvent[],
): Promise<(event: PostedEvent) => Judge> {
  const departmentOf = (event: PostedEvent) => (event.data as { departmentId?: string }).departmentId;
  const [families, versions] = await Promise.all([
    departments.of(events.map(departmentOf).filter((d): d is string => d !== undefined)),
    // Only follow-up events need their subject's version; an opening event names its department.
    frozenVersions(
      deps.db,
      events
        .filter((e) => e.type !== openingTypeOf[subjectKindOf(e.type)])
        .map((e) => ({ kind: subjectKindOf(e.type), id: e.subjectId })),
    ),
  ]);
  const policies = deps.policies();
  return (event) => {
    const version = versions.get(`${subjectKindOf(event.type)}\u0000${event.subjectId}`);
    const frozen = version ? policies.find((p) => p.pack.version === version) : undefined;
    if (frozen) return { policy: frozen };
    const departmentId = departmentOf(event);
    if (departmentId === undefined) return null;
    try {
      return {
        policy: judgingPolicy(
          policies,
          families.get(departmentId),
          deps.config.POLICY_FAMILY,
          // The schema took occurredAt as RFC 3339 with an offset, which Date.parse reads exactly (luxon's parser costs more).
          DateTime.fromMillis(Date.parse(event.occurredAt), { zone: 'utc' }) as Instant,
        ),
      };
    } catch (error) {
      if (!(error instanceof NoPolicyInForceError)) throw error;
      return { before: error.family };
    }
  };
}

/** The problems of a well-formed event that only now and the policy that judges it can see. */
function eventProblems(deps: AppDeps, event: PostedEvent, judge: Judge): FieldProblem[] {
  const now = deps.now();
  if (Date.parse(event.occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    const clock = instant(now, timeZoneOf(deps.policies()));
    return [{ path: 'occurredAt', message: `is more than 5 minutes ahead of the engine's clock (${clock})` }];
  }
  if (judge === null) return [];
  if ('before' in judge) return [{ path: 'occurredAt', message: beforeAnyPolicy(deps, judge.before) }];
  return policyProblems(judge.policy, event);
}

/** Why no policy judges an instant: it is before the family's first version, or there is none. */
function beforeAnyPolicy(deps: AppDeps, family: string): string {
  const first = deps
    .policies()
    .filter((p) => p.pack.family === family)
    .sort((a, b) => a.effectiveAt.toMillis() - b.effectiveAt.toMillis())[0];
  if (!first) return `cannot be judged: no version of policy ${family} is stored (an admin stores one)`;
  const from = instant(first.effectiveAt.toJSDate(), timeZoneOf(deps.policies()));
  return `is before policy ${family} takes effect: its first version, ${first.pack.version}, is in force from ${from}`;
}

/** Events of one batch under one id with different bodies (the same body twice is a duplicate). */
function repeatedIdProblems(
  items: readonly Item[],
  at: (index: number, path: readonly PropertyKey[]) => string,
) {
  const first = new Map<string, Item>();
  return items.flatMap((item) => {
    const earlier = first.get(item.event.id);
    if (!earlier) {
      first.set(item.event.id, item);
      return [];
    }
    return eventDifferences(canonicalEvent(item.event), canonicalEvent(earlier.event)).map((d) => ({
      path: at(item.index, d.path),
      message: differenceMessage(d, { id: item.event.id, earlierIndex: earlier.index }),
    }));
  });
}

/** How a field of a re-sent event differs from the event first posted under its id. */
function differenceMessage(
  difference: EventDifference,
  earlier: { id: string; earlierIndex: number | null },
): string {
  if (earlier.earlierIndex === null) {
    const before = `event ${earlier.id}`;
    if (difference.change === 'missing') return `is missing, but ${before} was posted before with it`;
    if (difference.change === 'added') return `was not in ${before} as posted before`;
    return `differs from ${before} as posted before`;
  }
  const sibling = `events[${earlier.earlierIndex}]`;
  if (difference.change === 'missing') return `is missing, but ${sibling}, with the same id, has it`;
  if (difference.change === 'added') return `is not in ${sibling}, which has the same id`;
  return `differs from ${sibling}, which has the same id`;
}

/** A 409's errors: each field in which each conflicting event differs from the one first posted under its id. */
function conflictProblems(conflicts: readonly EventConflict[], batch: boolean): FieldProblem[] {
  const at = (index: number, path: readonly PropertyKey[]) =>
    pathToString(batch ? ['events', index, ...path] : path);
  return conflicts.flatMap((conflict) =>
    conflict.differences.length === 0
      ? [{ path: at(conflict.index, ['id']), message: 'was posted before with a different body' }]
      : conflict.differences.map((d) => ({
          path: at(conflict.index, d.path),
          message: differenceMessage(d, conflict),
        })),
  );
}

/** Why an event waits: its subject's opening event has not arrived. */
function waitingReason(subjectKind: string, subjectId: string): string {
  const opening = openingTypeOf[subjectKind as SubjectKind] ?? 'opening event';
  return `waiting for the subject's ${opening}: nothing has opened ${subjectKind} ${subjectId} yet`;
}

const waitingCursor = z.object({ s: z.number().int().positive() });

export const eventRoutes: FastifyPluginAsyncZod<AppDeps & { groupCommit: GroupCommit }> = async (
  app,
  deps,
) => {
  const departments = new DepartmentFamilies(deps.db);
  app.post(
    '/v1/events',
    {
      config: { roles: ['ingest'] },
      // The body is checked item by item in checkEvents; the schema below documents it.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        summary: 'Post one event, or an atomic batch of up to 1,000',
        description:
          'An id names one event: re-sending it is a duplicate (instants may be written in any offset, keys in any order); ' +
          'the same id with another body is a 409 naming the fields that differ. An optional field sent as null is absent.',
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
      const { events, batch } = await checkEvents(deps, departments, request.body);
      try {
        // Written with the posts arriving meanwhile (group commit); settles after their commit.
        const { results } = await deps.groupCommit.store({
          events: events.map((event) => ({
            id: event.id,
            type: event.type,
            subjectKind: subjectKindOf(event.type),
            subjectId: event.subjectId,
            occurredAt: new Date(event.occurredAt),
            data: event.data,
            // One event written two ways (another offset, another key order) hashes the same.
            bodyHash: bodyHash(canonicalEvent(event)),
          })),
          apiKeyId: request.apiKey?.id ?? null,
        });
        const accepted = results.filter((r) => r.status === 'accepted').length;
        return reply.status(202).send({ accepted, duplicates: results.length - accepted, results });
      } catch (error) {
        if (!(error instanceof EventConflictError)) throw error;
        throw new ProblemError(
          409,
          'conflict',
          'Conflict',
          'An event id was used before with a different body; nothing was stored. An id names one event: ' +
            're-send it unchanged, or post a new event under a new id.',
          conflictProblems(error.conflicts, batch),
        );
      }
    },
  );

  app.get(
    '/v1/events',
    {
      config: { roles: ['ingest'] },
      schema: {
        summary: "Events waiting for their subject's opening event (status=waiting), oldest first",
        description:
          'An event whose subject nothing has opened yet (a fault.restored with no fault.reported) waits; ' +
          'it is applied as soon as the opening event arrives. Keyset pagination: follow nextCursor.',
        tags: ['events'],
        security: [{ apiKey: [] }],
        querystring: waitingEventsQuery,
        response: { 200: waitingEventsResponse, ...requestProblems },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, waitingCursor) : null;
      const rows = await listWaitingEvents(deps.db, { limit, ...(after ? { afterSeq: after.s } : {}) });
      const now = deps.now().getTime();
      const zone = timeZoneOf(deps.policies());
      const last = rows.length === limit ? rows.at(-1) : undefined;
      return {
        items: rows.map((row) => ({
          id: row.id,
          type: row.type,
          subjectKind: row.subjectKind,
          subjectId: row.subjectId,
          occurredAt: instant(row.occurredAt, zone),
          receivedAt: instant(row.receivedAt, zone),
          ageSeconds: Math.max(0, Math.floor((now - row.receivedAt.getTime()) / 1000)),
          reason: waitingReason(row.subjectKind, row.subjectId),
        })),
        nextCursor: last ? encodeCursor({ s: last.seq }) : null,
      };
    },
  );

  app.get(
    '/v1/events/:id',
    {
      config: { roles: ['ingest'] },
      schema: {
        summary: 'Whether the workers have applied an event, or why it waits',
        tags: ['events'],
        security: [{ apiKey: [] }],
        params: z.object({ id: z.string().min(1).max(128) }),
        response: { 200: eventStatusResponse, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const status = await findEventStatus(deps.db, request.params.id);
      if (!status) throw new ProblemError(404, 'not-found', 'Not found', `No event ${request.params.id}.`);
      return {
        id: status.id,
        status: status.status,
        ...(status.error ? { error: status.error } : {}),
        ...(status.status === 'waiting'
          ? { reason: waitingReason(status.subjectKind, status.subjectId) }
          : {}),
      };
    },
  );
};
