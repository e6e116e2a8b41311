import {
  assignedDepartments,
  findPolicyVersion,
  listPolicyVersions,
  loadStoredCalendars,
  putPolicyVersion,
} from '@engine/db';
import { loadPolicyPack, PolicyDataError, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { problemSchema, requestProblems } from '../schemas.ts';

const version = z.string().min(1).max(64);
const summary = z
  .object({
    version: z.string(),
    family: z.string(),
    effectiveFrom: z.string(),
    createdAt: z.string(),
    /** When a subject was first judged by it; from then on it cannot change. */
    firstUsedAt: z.string().nullable(),
    revision: z.number().int(),
  })
  .meta({ id: 'PolicyVersion', description: 'A stored policy version' });

/**
 * Policy packs by version (API.md): validated on upload with every problem named by its path, and
 * immutable once a subject was judged by them, since a version is the evidence in a dispute.
 */
export const policyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());
  const toSummary = (r: {
    version: string;
    family: string;
    effective_from: string;
    created_at: Date;
    first_used_at: Date | null;
    revision: number;
  }) => ({
    version: r.version,
    family: r.family,
    effectiveFrom: r.effective_from,
    createdAt: instant(r.created_at, zone()),
    firstUsedAt: r.first_used_at ? instant(r.first_used_at, zone()) : null,
    revision: r.revision,
  });

  app.get(
    '/v1/policies',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'The stored policy versions, and which departments each family judges (RULES.md 9)',
        tags: ['policies'],
        security: [{ apiKey: [] }],
        response: {
          200: z.object({
            items: z.array(summary),
            families: z.array(
              z.object({
                family: z.string(),
                /** The engine's default: it judges every department not assigned another family. */
                isDefault: z.boolean(),
                /** Departments assigned this family (PUT /v1/departments/{id} with policyFamily). */
                departments: z.array(z.string()),
              }),
            ),
          }),
          ...requestProblems,
        },
      },
    },
    async () => {
      const rows = await listPolicyVersions(deps.db);
      const assigned = await assignedDepartments(deps.db);
      const families = [...new Set([...rows.map((r) => r.family), deps.config.POLICY_FAMILY])].sort();
      return {
        items: rows.map(toSummary),
        families: families.map((family) => ({
          family,
          isDefault: family === deps.config.POLICY_FAMILY,
          departments: assigned.filter((d) => d.policy_family === family).map((d) => d.id),
        })),
      };
    },
  );

  app.get(
    '/v1/policies/:version',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'One policy version, with its pack',
        tags: ['policies'],
        security: [{ apiKey: [] }],
        params: z.object({ version }),
        response: { 200: summary.extend({ pack: z.unknown() }), ...requestProblems, 404: problemSchema },
      },
    },
    async (request) => {
      const row = await findPolicyVersion(deps.db, request.params.version);
      if (!row)
        throw new ProblemError(404, 'not-found', 'Not found', `No policy version ${request.params.version}.`);
      return { ...toSummary(row), pack: row.body };
    },
  );

  app.put(
    '/v1/policies/:version',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Store a policy pack under its version (validated; immutable once a subject used it)',
        description:
          "The body is a whole pack, as the engine's packs/fuling-2012.json. A new version answers 201; an unused one is replaced (200); a version a subject was judged by answers 409. A subject takes the version of its family in force at its dispatch.",
        tags: ['policies'],
        security: [{ apiKey: [] }],
        params: z.object({ version }),
        body: z.looseObject({}),
        response: { 200: summary, 201: summary, ...requestProblems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      let pack: ReturnType<typeof loadPolicyPack>['pack'];
      try {
        ({ pack } = loadPolicyPack(request.body, 'body', await loadStoredCalendars(deps.db)));
      } catch (error) {
        if (!(error instanceof PolicyDataError)) throw error;
        throw invalidRequest(
          error.problems.map((p) => ({ path: p.path, message: p.message })),
          'The policy pack has problems; nothing was stored.',
        );
      }
      if (pack.version !== request.params.version) {
        throw invalidRequest([
          { path: 'version', message: `the pack says ${pack.version}, the path ${request.params.version}` },
        ]);
      }
      const outcome = await putPolicyVersion(deps.db, pack);
      if (outcome === 'in-use') {
        throw new ProblemError(
          409,
          'policy-in-use',
          'Policy version in use',
          `Version ${pack.version} has judged subjects and cannot change; store the change as a new version.`,
        );
      }
      await deps.reloadPolicies();
      const row = (await findPolicyVersion(deps.db, pack.version))!;
      return reply.status(outcome === 'created' ? 201 : 200).send(toSummary(row));
    },
  );
};
