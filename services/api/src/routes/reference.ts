import {
  departmentExists,
  departmentFamilies,
  hallsByIds,
  listDepartments,
  listHalls,
  putDepartment,
  putHall,
  quotasOf,
  requestEvaluationOfHall,
  setQuotas,
  unknownDepartments,
} from '@engine/db';
import {
  identifierSchema,
  judgingPolicy,
  NoPolicyInForceError,
  periodStart,
  quotaInForce,
  timeZoneOf,
} from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { periodParam, problemSchema, requestProblems } from '../schemas.ts';
import { checkDepartmentFilter, departmentScope } from '../scope.ts';

const id = identifierSchema;
const name = z.string().min(1).max(200);

const department = z
  .object({
    id: z.string(),
    name: z.string(),
    managerId: z.string().nullable(),
    /** RULES.md 9: the policy family assigned to the department; null: the engine's default. */
    policyFamily: z.string().nullable(),
    /** The family that judges its new subjects: the assigned one, or the engine's default. */
    judgedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Department', description: 'A department, whose manager takes the manager personal fines' });
/** A department id subjects name but nobody defined. */
const unknownDepartment = z
  .object({
    id: z.string(),
    name: z.null(),
    known: z.literal(false),
    /** Subjects (complaints, faults, callbacks, findings) that name it. */
    subjects: z.number().int(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    /** What it was charged in all, net of reversals, in fen. */
    chargedFen: z.number().int(),
  })
  .meta({ id: 'UnknownDepartment', description: 'A department id subjects name but nobody defined' });
const hall = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    name: z.string(),
    headId: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Hall', description: 'A business hall, whose head takes the hall-head personal fines' });
const quota = z
  .object({
    assessment: z.string(),
    /** null: unlimited (no quota set and the policy has no default). */
    quota: z.number().int().nullable(),
    source: z.enum(['set', 'policy']),
    setAt: z.string().optional(),
  })
  .meta({ id: 'Quota', description: "One quota of a department's month" });

/**
 * Reference data: departments and halls (whose named manager and hall head take personal fines,
 * API.md) and finance's quotas per department and month (RULES.md 2.4).
 */
export const referenceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());
  const toDepartment = (r: {
    id: string;
    name: string;
    manager_id: string | null;
    policy_family: string | null;
    updated_at: Date;
  }) => ({
    id: r.id,
    name: r.name,
    managerId: r.manager_id,
    policyFamily: r.policy_family,
    judgedBy: r.policy_family ?? deps.config.POLICY_FAMILY,
    updatedAt: instant(r.updated_at, zone()),
  });
  const toHall = (r: {
    id: string;
    department_id: string;
    name: string;
    head_id: string | null;
    updated_at: Date;
  }) => ({
    id: r.id,
    departmentId: r.department_id,
    name: r.name,
    headId: r.head_id,
    updatedAt: instant(r.updated_at, zone()),
  });

  app.put(
    '/v1/departments/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Create or update a department; its manager takes the manager personal fines',
        description:
          "Fines already posted stay with whoever they were charged to; a complaint evaluated again later charges the manager named then. policyFamily (RULES.md 9) names the policy family that judges the department's new complaints, faults, callbacks and findings (null: the engine's default; absent: unchanged); a subject keeps the version frozen at its dispatch.",
        tags: ['reference'],
        security: [{ apiKey: [] }],
        params: z.object({ id }),
        body: z.strictObject({
          name,
          managerId: id.nullable().optional(),
          policyFamily: z.string().min(1).max(64).nullable().optional(),
        }),
        response: { 200: department, 201: department, ...requestProblems },
      },
    },
    async (request, reply) => {
      const { policyFamily } = request.body;
      const families = [...new Set(deps.policies().map((p) => p.pack.family))].sort();
      if (policyFamily && !families.includes(policyFamily)) {
        throw invalidRequest([
          {
            path: 'policyFamily',
            message: `no policy family ${policyFamily} is stored (known: ${families.join(', ')})`,
          },
        ]);
      }
      const row = await putDepartment(
        deps.db,
        request.params.id,
        request.body.name,
        request.body.managerId ?? null,
        policyFamily,
      );
      return reply.status(row.created ? 201 : 200).send(toDepartment(row));
    },
  );

  app.get(
    '/v1/departments',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary:
          'The departments (a manager key: its own); ?unknown=true: ids seen in events but never defined',
        description:
          'An event naming a department nobody defined is never dropped: it is judged and fined like any other. unknown=true lists those ids with how many subjects name them and what they were charged, so an admin can name them (PUT /v1/departments/{id}).',
        tags: ['reference'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({ unknown: z.enum(['true', 'false']).optional() }),
        response: {
          200: z.object({ items: z.array(z.union([department, unknownDepartment])) }),
          ...requestProblems,
        },
      },
    },
    async (request) => {
      const scope = departmentScope(request);
      if (request.query.unknown === 'true') {
        return {
          items: (await unknownDepartments(deps.db, scope)).map((r) => ({
            id: r.id,
            name: null,
            known: false as const,
            subjects: r.subjects,
            firstSeenAt: instant(r.first_seen, zone()),
            lastSeenAt: instant(r.last_seen, zone()),
            chargedFen: r.charged_fen,
          })),
        };
      }
      const rows = await listDepartments(deps.db);
      return { items: rows.filter((r) => scope === null || scope.includes(r.id)).map(toDepartment) };
    },
  );

  app.put(
    '/v1/halls/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Create or update a business hall; its head takes the hall-head personal fines',
        tags: ['reference'],
        security: [{ apiKey: [] }],
        params: z.object({ id }),
        body: z.strictObject({ departmentId: id, name, headId: id.nullable().optional() }),
        response: { 200: hall, 201: hall, ...requestProblems },
      },
    },
    async (request, reply) => {
      const { departmentId } = request.body;
      if (!(await departmentExists(deps.db, departmentId))) {
        throw invalidRequest([
          {
            path: 'departmentId',
            message: `no department ${departmentId}: PUT /v1/departments/${departmentId} first`,
          },
        ]);
      }
      const before = (await hallsByIds(deps.db, [request.params.id])).get(request.params.id);
      const row = await putHall(
        deps.db,
        request.params.id,
        departmentId,
        request.body.name,
        request.body.headId ?? null,
      );
      // Moved, or its head changed: the subjects naming it are judged again (whom their fines name).
      if (
        before &&
        (before.departmentId !== departmentId || before.headId !== (request.body.headId ?? null))
      ) {
        const due = await requestEvaluationOfHall(deps.db, request.params.id, deps.now());
        for (const kind of new Set(due.map((d) => d.kind))) {
          await deps.requestEvaluations(
            kind,
            due.filter((d) => d.kind === kind).map((d) => d.id),
            `hall-${request.params.id}`,
          );
        }
      }
      return reply.status(row.created ? 201 : 200).send(toHall(row));
    },
  );

  app.get(
    '/v1/halls',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary: 'The business halls (a manager key: those of its departments)',
        tags: ['reference'],
        security: [{ apiKey: [] }],
        response: { 200: z.object({ items: z.array(hall) }), ...requestProblems },
      },
    },
    async (request) => {
      const scope = departmentScope(request);
      const rows = await listHalls(deps.db);
      return { items: rows.filter((r) => scope === null || scope.includes(r.department_id)).map(toHall) };
    },
  );

  const quotaAnswer = z.object({ departmentId: z.string(), period: z.string(), items: z.array(quota) });
  /** RULES.md 9: the version of the department's family in force at the month's start judges its quotas. */
  const departmentPolicy = async (departmentId: string, period: string) => {
    const assigned = (await departmentFamilies(deps.db, [departmentId])).get(departmentId);
    try {
      return judgingPolicy(deps.policies(), assigned, deps.config.POLICY_FAMILY, periodStart(period, zone()));
    } catch (error) {
      if (!(error instanceof NoPolicyInForceError)) throw error;
      throw invalidRequest([
        {
          path: 'params.period',
          message: `${period} is before any version of policy ${error.family}`,
        },
      ]);
    }
  };
  const quotasNow = async (departmentId: string, period: string) => {
    const policy = await departmentPolicy(departmentId, period);
    const set = await quotasOf(deps.db, departmentId, period);
    const assessments = [
      ...new Set([...Object.keys(policy.pack.complaints.quotas), ...set.map((s) => s.assessment)]),
    ];
    return {
      departmentId,
      period,
      items: assessments.sort().map((assessment) => {
        const row = set.find((s) => s.assessment === assessment);
        return row
          ? { assessment, quota: row.quota, source: 'set' as const, setAt: instant(row.set_at, zone()) }
          : {
              assessment,
              quota: quotaInForce(policy.pack, assessment, undefined),
              source: 'policy' as const,
            };
      }),
    };
  };

  app.put(
    '/v1/quotas/:departmentId/:period',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: "Set a department's quotas for a month; its cases are re-priced",
        description:
          "RULES.md 2.4. Each key is a quota of the department's pack (the default pack: `class4`, `over_level`), its value the number of cases allowed in the month. Every case counted in a changed quota is evaluated again, so the ledger re-prices the month; corrections of a closed month go into the next open one.",
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        params: z.object({ departmentId: id, period: periodParam }),
        body: z
          .record(z.string().min(1).max(64), z.number().int().min(0).max(1_000_000))
          .refine((b) => Object.keys(b).length > 0, {
            message: 'give at least one quota, e.g. {"class4": 3}',
          }),
        response: { 200: quotaAnswer.extend({ casesRepriced: z.number().int() }), ...requestProblems },
      },
    },
    async (request) => {
      const { departmentId, period } = request.params;
      checkDepartmentFilter(departmentScope(request), departmentId);
      const quotas = request.body;
      const known = Object.keys((await departmentPolicy(departmentId, period)).pack.complaints.quotas);
      const unknown = Object.keys(quotas).filter((key) => !known.includes(key));
      if (unknown.length > 0) {
        throw invalidRequest(
          unknown.map((key) => ({
            path: key,
            message: `not a quota of the department's policy (its quotas: ${known.join(', ') || 'none'})`,
          })),
        );
      }
      const cases = await setQuotas(
        deps.db,
        departmentId,
        period,
        quotas,
        request.apiKey?.id ?? null,
        deps.now(),
      );
      await deps.requestEvaluations('complaint', cases, `quota-${departmentId}-${period}-${Date.now()}`);
      return { ...(await quotasNow(departmentId, period)), casesRepriced: cases.length };
    },
  );

  app.get(
    '/v1/quotas/:departmentId/:period',
    {
      config: { roles: ['finance', 'manager'] },
      schema: {
        summary: "A department's quotas for a month: set by finance, or the policy's default",
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        params: z.object({ departmentId: id, period: periodParam }),
        response: { 200: quotaAnswer, ...requestProblems, 404: problemSchema },
      },
    },
    async (request) => {
      const { departmentId, period } = request.params;
      const scope = departmentScope(request);
      if (scope !== null && !scope.includes(departmentId))
        throw new ProblemError(404, 'not-found', 'Not found', `No department ${departmentId}.`);
      return quotasNow(departmentId, period);
    },
  );
};
