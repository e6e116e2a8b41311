import { ledgerSummary, slaSummary } from '@engine/db';
import { periodEnd, periodStart, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { periodParam, requestProblems } from '../schemas.ts';
import { departmentScope } from '../scope.ts';

const clockTally = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  running: z.number().int(),
  /** met / (met + breached); null while none has ended. */
  onTimeRate: z.number().nullable(),
});

const tally = (met: number, breached: number, running: number) => ({
  met,
  breached,
  running,
  onTimeRate: met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000,
});

/** The month at a glance: SLA performance for managers, ledger totals for finance. */
export const summaryRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());

  app.get(
    '/v1/sla/summary',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary:
          "Per department (or hall): the month's complaints, their clocks met / breached / running, upgrades",
        description:
          'Counts the complaints dispatched in the month (cancelled ones excluded), with the state of their first-response and resolution clocks now.',
        tags: ['views'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          period: periodParam,
          groupBy: z.enum(['department', 'hall']).default('department'),
        }),
        response: {
          200: z.object({
            period: z.string(),
            groupBy: z.enum(['department', 'hall']),
            items: z.array(
              z.object({
                departmentId: z.string().optional(),
                hallId: z.string().nullable().optional(),
                complaintsReceived: z.number().int(),
                firstResponse: clockTally,
                resolution: clockTally,
                upgrades: z.number().int(),
                overLevel: z.number().int(),
              }),
            ),
          }),
          ...requestProblems,
        },
      },
    },
    async (request) => {
      const { period, groupBy } = request.query;
      const rows = await slaSummary(deps.db, {
        from: periodStart(period, zone()).toJSDate(),
        to: periodEnd(period, zone()).toJSDate(),
        groupBy,
        departments: departmentScope(request),
      });
      return {
        period,
        groupBy,
        items: rows.map((r) => ({
          ...(groupBy === 'hall' ? { hallId: r.group_id } : { departmentId: r.group_id! }),
          complaintsReceived: r.received,
          firstResponse: tally(r.fr_met, r.fr_breached, r.fr_running),
          resolution: tally(r.res_met, r.res_breached, r.res_running),
          upgrades: r.upgrades,
          overLevel: r.over_level,
        })),
      };
    },
  );

  app.get(
    '/v1/ledger/summary',
    {
      config: { roles: ['finance', 'manager'] },
      schema: {
        summary: 'Totals in fen of the entries posted into a period, by department, person or rule',
        description:
          'Reversals are netted into the totals. By person: personal fines only, to a named person or, where none was named, to the role in the department.',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          period: periodParam,
          groupBy: z.enum(['department', 'person', 'rule']).default('department'),
        }),
        response: {
          200: z.object({
            period: z.string(),
            groupBy: z.enum(['department', 'person', 'rule']),
            totalFen: z.number().int(),
            items: z.array(
              z.object({
                departmentId: z.string().optional(),
                personId: z.string().nullable().optional(),
                personRole: z.string().nullable().optional(),
                rule: z.string().optional(),
                totalFen: z.number().int(),
                entries: z.number().int(),
                reversals: z.number().int(),
              }),
            ),
          }),
          ...requestProblems,
        },
      },
    },
    async (request) => {
      const { period, groupBy } = request.query;
      const rows = await ledgerSummary(deps.db, { period, groupBy, departments: departmentScope(request) });
      const items = rows.map((r) => {
        const { total_fen, department_id, person_id, person_role, ...rest } = r as typeof r & {
          department_id?: string;
          person_id?: string | null;
          person_role?: string | null;
        };
        return {
          ...('rule' in rest ? { rule: rest.rule } : {}),
          ...(department_id !== undefined ? { departmentId: department_id } : {}),
          ...(groupBy === 'person' ? { personId: person_id ?? null, personRole: person_role ?? null } : {}),
          totalFen: Number(total_fen),
          entries: rest.entries,
          reversals: rest.reversals,
        };
      });
      return { period, groupBy, totalFen: items.reduce((sum, i) => sum + i.totalFen, 0), items };
    },
  );
};
