import { hallNameOf, listClocks, namesOf, subjectView } from '@engine/db';
import { parseStoredState, responsibilities, slaTypeIds, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import {
  clock,
  clockSchema,
  decodeCursor,
  encodeCursor,
  instant,
  ledgerEntry,
  ledgerEntrySchema,
} from '../present.ts';
import { ProblemError } from '../problems.ts';
import { problemSchema } from '../schemas.ts';
import { checkDepartmentFilter, departmentScope } from '../scope.ts';

const subjectSchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    /** null: no department of that id is defined (the subject is judged and fined all the same). */
    departmentName: z.string().nullable(),
    hallId: z.string().nullable(),
    hallName: z.string().nullable().optional(),
    /** Complaints: the hotline's summary. */
    summary: z.string().nullable().optional(),
    status: z.string(),
    policyVersion: z.string(),
    // complaints (API.md)
    responsibility: z.enum(responsibilities).optional(),
    assessment: z.string().optional(),
    slaType: z.string().optional(),
    upgraded: z.boolean().optional(),
    upgrade: z.object({ at: z.string(), reason: z.string() }).nullable().optional(),
    // faults and callbacks
    kind: z.string().optional(),
    // findings (RULES.md 5 and 7)
    rule: z.string().optional(),
    personId: z.string().nullable().optional(),
    personName: z.string().nullable().optional(),
    relatedId: z.string().nullable().optional(),
    recordedAt: z.string().optional(),
    /** A progressive finding's rank among the person's findings of the calendar year. */
    rankInYear: z.number().int().nullable().optional(),
    /** This finding took the person past the yearly limit: suspended (待岗) from it on. */
    suspends: z.boolean().optional(),
    clocks: z.array(clockSchema),
    fines: z.array(ledgerEntrySchema),
    /** Entries of this subject charged to departments the key does not cover (left out of fines, amounts not shown). */
    finesOutsideScope: z.number().int().meta({
      description:
        'Entries of this subject charged to departments the key does not cover (left out of fines)',
    }),
    events: z.array(
      z.object({ id: z.string(), type: z.string(), occurredAt: z.string(), status: z.string() }),
    ),
    /** What the engine signalled about it, in order: warnings at each fraction, breaches, the upgrade, over-level. */
    signals: z.array(
      z.object({
        kind: z.string(),
        at: z.string(),
        clock: z.string().nullable(),
        fraction: z.number().nullable(),
        detail: z.string().nullable(),
      }),
    ),
  })
  .meta({
    id: 'Subject',
    description:
      'A complaint, fault, callback or finding: its state, clocks, fines, events and signals (fields of other kinds absent)',
  });

/** A clock of the live list, with what the board shows of its subject. */
const boardClockSchema = clockSchema
  .extend({
    /** null: no department of that id is defined. */
    departmentName: z.string().nullable(),
    hallId: z.string().nullable(),
    hallName: z.string().nullable(),
    /** Complaints: the SLA type (RULES.md 3) and the hotline's summary; null for other kinds. */
    slaType: z.string().nullable(),
    summary: z.string().nullable(),
  })
  .meta({
    id: 'BoardClock',
    description: 'A clock of the live list, with what the board shows of its subject',
  });

// Only what this API gives: a deadline instant and the clock's kind, id and name.
const clockCursor = z.strictObject({
  d: z.iso.datetime(),
  k: z.string().max(32),
  i: z.string().max(128),
  n: z.string().max(32),
});

/** Managers' views: one subject with its clocks, fines and timeline; the live list of clocks. */
export const subjectRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zoneOf = (version: string | null) =>
    deps.policies().find((p) => p.pack.version === version)?.pack.timeZone ?? timeZoneOf(deps.policies());

  for (const kind of ['complaint', 'fault', 'callback', 'finding'] as const) {
    app.get(
      `/v1/${kind}s/:id`,
      {
        config: { roles: ['manager', 'finance'] },
        schema: {
          summary: `One ${kind}: its state, clocks, fines and events`,
          tags: ['views'],
          security: [{ apiKey: [] }],
          params: z.object({ id: z.string().min(1).max(128) }),
          response: { 200: subjectSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        // A scoped key never learns whether another department's subject exists (API.md, Auth).
        const view = await subjectView(deps.db, kind, request.params.id, departmentScope(request));
        if (!view) {
          throw new ProblemError(404, 'not-found', 'Not found', `No ${kind} ${request.params.id}.`);
        }
        const { subject } = view;
        const zone = zoneOf(subject.policy_version);
        const now = deps.now();
        const source = `subjects/${kind}/${subject.id}`;
        // RULES.md 2.3: complaints and faults are upgraded (why, when).
        const upgradeOf = (state: { upgraded: boolean; upgrade: { at: string; reason: string } | null }) => ({
          upgraded: state.upgraded,
          upgrade: state.upgrade
            ? { at: instant(new Date(state.upgrade.at), zone), reason: state.upgrade.reason }
            : null,
        });
        const byKind = () => {
          switch (kind) {
            case 'complaint': {
              const state = parseStoredState('complaint', subject.state, source);
              return {
                responsibility: state.responsibility,
                assessment: state.assessment,
                slaType: state.slaType,
                ...upgradeOf(state),
              };
            }
            case 'fault': {
              const state = parseStoredState('fault', subject.state, source);
              return { kind: state.kind, ...upgradeOf(state) };
            }
            case 'finding': {
              const state = parseStoredState('finding', subject.state, source);
              return {
                rule: state.rule,
                personId: state.personId,
                relatedId: state.relatedId,
                recordedAt: instant(new Date(state.recordedAt), zone),
                rankInYear: state.rankInYear,
                suspends: state.suspends,
              };
            }
            default:
              return { kind: parseStoredState('callback', subject.state, source).kind };
          }
        };
        const kindFields = byKind();
        const personId = 'personId' in kindFields ? kindFields.personId : null;
        const names = await namesOf(deps.db, {
          halls: subject.hall_id ? [subject.hall_id] : [],
          people: [
            ...(personId ? [personId] : []),
            ...view.fines.flatMap((f) => (f.person_id ? [f.person_id] : [])),
          ],
        });
        return {
          id: subject.id,
          departmentId: subject.department_id!,
          departmentName: subject.department_name,
          hallId: subject.hall_id,
          hallName: hallNameOf(names, subject.hall_id, subject.department_id ?? ''),
          ...(kind === 'complaint' ? { summary: subject.summary } : {}),
          status: subject.status!,
          policyVersion: subject.policy_version!,
          ...kindFields,
          ...(personId ? { personName: names.people.get(personId) ?? null } : {}),
          clocks: view.clocks.map((row) => clock(row, now, zone, false)),
          fines: view.fines.map((row) => ({
            ...ledgerEntry(row, zone),
            ...(row.person_id ? { personName: names.people.get(row.person_id) ?? null } : {}),
          })),
          finesOutsideScope: view.finesOutsideScope,
          events: view.events.map((e) => ({
            id: e.id,
            type: e.type,
            occurredAt: instant(e.occurred_at, zone),
            status: e.status,
          })),
          signals: view.signals.map((g) => {
            const detail = (g.detail ?? {}) as {
              clock?: string | null;
              fraction?: number | null;
              detail?: string | null;
            };
            return {
              kind: g.kind,
              at: instant(g.at, zone),
              clock: detail.clock ?? null,
              fraction: detail.fraction ?? null,
              detail: detail.detail ?? null,
            };
          }),
        };
      },
    );
  }

  app.get(
    '/v1/clocks',
    {
      config: { roles: ['manager'] },
      schema: {
        summary:
          'The live list of clocks, by deadline; at_risk = running and past the at-risk fraction of the policy',
        tags: ['views'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          departmentId: z.string().min(1).max(128).optional(),
          hallId: z.string().min(1).max(128).optional(),
          kind: z.enum(['complaint', 'fault', 'callback', 'finding']).optional(),
          slaType: z.enum(slaTypeIds).optional(),
          /** Work orders whose number contains this text. */
          search: z.string().min(1).max(128).optional(),
          state: z.enum(['running', 'at_risk', 'breached', 'met']).optional(),
          /** true: only clocks not stopped (still counting, or breached and still open): what the live board shows. */
          open: z.enum(['true', 'false']).optional(),
          deadlineBefore: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(512).optional(),
        }),
        response: {
          200: z.object({ items: z.array(boardClockSchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const { departmentId, hallId, kind, slaType, search, state, open, deadlineBefore, limit, cursor } =
        request.query;
      const scope = departmentScope(request);
      checkDepartmentFilter(scope, departmentId);
      const after = cursor ? decodeCursor(cursor, clockCursor) : null;
      const now = deps.now();
      const rows = await listClocks(deps.db, {
        departments: scope,
        ...(departmentId ? { departmentId } : {}),
        ...(hallId ? { hallId } : {}),
        ...(kind ? { subjectKind: kind } : {}),
        ...(slaType ? { slaType } : {}),
        ...(search ? { search } : {}),
        ...(state ? { state } : {}),
        open: open === 'true',
        ...(deadlineBefore ? { deadlineBefore: new Date(deadlineBefore) } : {}),
        ...(after
          ? { after: { deadline: new Date(after.d), kind: after.k, id: after.i, name: after.n } }
          : {}),
        limit,
        now,
      });
      const zone = zoneOf(null);
      const last = rows.length === limit ? rows.at(-1) : undefined;
      const names = await namesOf(deps.db, {
        departments: rows.map((r) => r.department_id),
        halls: rows.flatMap((r) => (r.hall_id ? [r.hall_id] : [])),
      });
      return {
        items: rows.map((row) => ({
          ...clock(row, now, zone, true),
          departmentName: names.departments.get(row.department_id) ?? null,
          hallId: row.hall_id,
          hallName: hallNameOf(names, row.hall_id, row.department_id),
          slaType: row.sla_type,
          summary: row.summary,
        })),
        nextCursor: last
          ? encodeCursor({
              d: last.deadline.toISOString(),
              k: last.subject_kind,
              i: last.subject_id,
              n: last.name,
            })
          : null,
      };
    },
  );
};
