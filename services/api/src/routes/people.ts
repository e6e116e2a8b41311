import { listPeople, namesOf, personFindingsView, putPerson } from '@engine/db';
import { parseStoredState, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant, ledgerEntry, ledgerEntrySchema } from '../present.ts';
import { ProblemError } from '../problems.ts';
import { problemSchema, requestProblems } from '../schemas.ts';
import { departmentScope } from '../scope.ts';

const personView = z
  .object({
    personId: z.string(),
    /** null: nobody named them yet (PUT /v1/people/{personId}). */
    name: z.string().nullable(),
    year: z.number().int(),
    /** RULES.md 7: more progressive findings than the policy allows in a calendar year suspends the person (待岗). */
    suspended: z.boolean(),
    /** The instant of the finding that crossed the limit; null when not suspended. */
    suspendedSince: z.string().nullable(),
    /** The year's fines of the person, net of reversals, in fen. */
    totalFen: z.number().int(),
    findings: z.array(
      z.object({
        id: z.string(),
        rule: z.string(),
        departmentId: z.string(),
        hallId: z.string().nullable(),
        recordedAt: z.string(),
        /** Rank among the person's progressive findings of the year (the n-th costs base x 2^(n-1)); null for flat rules. */
        rankInYear: z.number().int().nullable(),
        suspends: z.boolean(),
        policyVersion: z.string(),
        /** Net of reversals, in fen. */
        fineFen: z.number().int(),
        fines: z.array(ledgerEntrySchema),
      }),
    ),
  })
  .meta({
    id: 'PersonYear',
    description: "A person's findings of a year, their fines and rank, and whether suspended",
  });

/** RULES.md 5 and 7 for a person: the year's findings in order, their fines and rank, and the suspension. */
export const peopleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const person = z.object({
    id: z.string(),
    /** null: nobody named them yet. */
    name: z.string().nullable(),
    /** The departments they were seen in (as manager, hall head, or in findings and fines). */
    departmentIds: z.array(z.string()),
    roles: z.array(z.string()),
  });

  app.get(
    '/v1/people',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary:
          'The people the engine knows of (a manager key: those seen in its departments), with their names',
        tags: ['reference'],
        security: [{ apiKey: [] }],
        response: { 200: z.object({ items: z.array(person) }), ...requestProblems },
      },
    },
    async (request) => ({
      items: (await listPeople(deps.db, departmentScope(request))).map((r) => ({
        id: r.id,
        name: r.name,
        departmentIds: r.department_ids,
        roles: r.roles,
      })),
    }),
  );

  app.put(
    '/v1/people/:personId',
    {
      config: { roles: ['admin'] },
      schema: {
        summary:
          'Name a person (a manager, hall head or staff member), so pages and spreadsheets show the name',
        tags: ['reference'],
        security: [{ apiKey: [] }],
        params: z.object({ personId: z.string().min(1).max(128) }),
        body: z.strictObject({ name: z.string().trim().min(1).max(200) }),
        response: {
          200: z.object({ id: z.string(), name: z.string() }),
          201: z.object({ id: z.string(), name: z.string() }),
          ...requestProblems,
        },
      },
    },
    async (request, reply) => {
      const row = await putPerson(deps.db, request.params.personId, request.body.name);
      return reply.status(row.created ? 201 : 200).send({ id: row.id, name: row.name });
    },
  );

  app.get(
    '/v1/people/:personId',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary:
          "A person's findings of a year, with their fines and rank, and whether suspended (RULES.md 7)",
        description:
          "The year is a calendar year in the policy's zone (default: the current one). A manager limited to departments sees the findings of those departments only.",
        tags: ['views'],
        security: [{ apiKey: [] }],
        params: z.object({ personId: z.string().min(1).max(128) }),
        querystring: z.strictObject({ year: z.coerce.number().int().min(1901).max(2099).optional() }),
        response: { 200: personView, ...requestProblems, 404: problemSchema },
      },
    },
    async (request) => {
      const zone = timeZoneOf(deps.policies());
      const year = request.query.year ?? DateTime.fromJSDate(deps.now(), { zone }).year;
      const from = DateTime.fromObject({ year }, { zone });
      const { personId } = request.params;
      const { findings, fines } = await personFindingsView(
        deps.db,
        personId,
        from.toJSDate(),
        from.plus({ years: 1 }).toJSDate(),
        departmentScope(request),
      );
      if (findings.length === 0) {
        throw new ProblemError(404, 'not-found', 'Not found', `No findings of ${personId} in ${year}.`);
      }
      const items = findings.map((f) => {
        const state = parseStoredState('finding', f.state, `subjects/finding/${f.id}`);
        const own = fines.filter(
          (e) => e.subject_id === f.id && (e.person_id === personId || e.person_id === null),
        );
        return {
          id: f.id,
          rule: state.rule,
          departmentId: f.department_id!,
          hallId: f.hall_id,
          recordedAt: instant(f.opened_at!, zone),
          rankInYear: state.rankInYear,
          suspends: state.suspends,
          policyVersion: f.policy_version!,
          fineFen: own.reduce((sum, e) => sum + e.amount_fen, 0),
          fines: own.map((e) => ledgerEntry(e, zone)),
        };
      });
      const crossing = items.find((f) => f.suspends);
      const names = await namesOf(deps.db, { people: [personId] });
      return {
        personId,
        name: names.people.get(personId) ?? null,
        year,
        suspended: crossing !== undefined,
        suspendedSince: crossing?.recordedAt ?? null,
        totalFen: items.reduce((sum, f) => sum + f.fineFen, 0),
        findings: items,
      };
    },
  );
};
