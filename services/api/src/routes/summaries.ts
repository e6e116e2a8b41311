import { hallNameOf, ledgerSummary, namesOf, slaSummary } from '@engine/db';
import { periodEnd, periodStart, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest } from '../problems.ts';
import { periodParam, requestProblems } from '../schemas.ts';
import { checkDepartmentFilter, departmentScope } from '../scope.ts';

/** A report's span: a month (YYYY-MM), an ISO week (YYYY-Www) or a day (YYYY-MM-DD), in the policy's zone. */
const reportPeriod = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$|^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
    'expected a month YYYY-MM, an ISO week YYYY-Www or a day YYYY-MM-DD',
  );

function reportWindow(period: string, zone: string): { from: Date; to: Date } {
  if (/^\d{4}-\d{2}$/.test(period)) {
    return { from: periodStart(period, zone).toJSDate(), to: periodEnd(period, zone).toJSDate() };
  }
  const start = DateTime.fromISO(period, { zone }).startOf('day');
  if (!start.isValid)
    throw invalidRequest([{ path: 'querystring.period', message: `${period} is not a date` }]);
  return {
    from: start.toJSDate(),
    to: start.plus(period.includes('W') ? { weeks: 1 } : { days: 1 }).toJSDate(),
  };
}

const clockTally = z
  .object({
    met: z.number().int(),
    breached: z.number().int(),
    running: z.number().int(),
    /** met / (met + breached); null while none has ended. */
    onTimeRate: z
      .number()
      .nullable()
      .meta({ description: 'met / (met + breached), 0 to 1; null while none has ended' }),
  })
  .meta({
    id: 'ClockTally',
    description: 'How many clocks of a kind were met, breached or are still running',
  });

const slaItem = z
  .object({
    departmentId: z.string().optional(),
    departmentName: z.string().nullable().optional(),
    hallId: z.string().nullable().optional(),
    hallName: z.string().nullable().optional(),
    complaintsReceived: z.number().int(),
    firstResponse: clockTally,
    resolution: clockTally,
    upgrades: z.number().int(),
    overLevel: z.number().int(),
  })
  .meta({
    id: 'SlaCounts',
    description: "One group's complaints of the month and the state of their clocks",
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
          period: reportPeriod,
          groupBy: z.enum(['department', 'hall']).default('department'),
        }),
        response: {
          200: z.object({
            period: z.string(),
            groupBy: z.enum(['department', 'hall']),
            from: z.string(),
            to: z.string(),
            items: z.array(slaItem),
          }),
          ...requestProblems,
        },
      },
    },
    async (request) => {
      const { period, groupBy } = request.query;
      const window = reportWindow(period, zone());
      const scope = departmentScope(request);
      const rows = await slaSummary(deps.db, { ...window, zone: zone(), groupBy, departments: scope });
      const ids = rows.flatMap((r) => (r.group_id ? [r.group_id] : []));
      const names = await namesOf(deps.db, groupBy === 'hall' ? { halls: ids } : { departments: ids });
      return {
        period,
        groupBy,
        from: instant(window.from, zone()),
        to: instant(window.to, zone()),
        items: rows.map((r) => ({
          ...(groupBy === 'hall'
            ? { hallId: r.group_id, hallName: hallNameOf(names, r.group_id, scope) }
            : { departmentId: r.group_id!, departmentName: names.departments.get(r.group_id!) ?? null }),
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
    '/v1/sla/trend',
    {
      config: { roles: ['manager', 'finance'] },
      schema: {
        summary: 'Month by month up to a month (12 by default): the same counts as the SLA summary, totalled',
        tags: ['views'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          to: periodParam,
          months: z.coerce.number().int().min(1).max(36).default(12),
          departmentId: z.string().min(1).max(128).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              slaItem
                .omit({ departmentId: true, departmentName: true, hallId: true, hallName: true })
                .extend({ period: z.string() }),
            ),
          }),
          ...requestProblems,
        },
      },
    },
    async (request) => {
      const { to, months, departmentId } = request.query;
      const scope = departmentScope(request);
      checkDepartmentFilter(scope, departmentId);
      const last = DateTime.fromISO(`${to}-01`, { zone: zone() });
      const periods = Array.from({ length: months }, (_, i) =>
        last.minus({ months: months - 1 - i }).toFormat('yyyy-MM'),
      );
      const items = [];
      for (const period of periods) {
        const rows = await slaSummary(deps.db, {
          from: periodStart(period, zone()).toJSDate(),
          to: periodEnd(period, zone()).toJSDate(),
          zone: zone(),
          groupBy: 'department',
          departments: departmentId ? [departmentId] : scope,
        });
        const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
        items.push({
          period,
          complaintsReceived: sum((r) => r.received),
          firstResponse: tally(
            sum((r) => r.fr_met),
            sum((r) => r.fr_breached),
            sum((r) => r.fr_running),
          ),
          resolution: tally(
            sum((r) => r.res_met),
            sum((r) => r.res_breached),
            sum((r) => r.res_running),
          ),
          upgrades: sum((r) => r.upgrades),
          overLevel: sum((r) => r.over_level),
        });
      }
      return { items };
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
                departmentName: z.string().nullable().optional(),
                personId: z.string().nullable().optional(),
                personName: z.string().nullable().optional(),
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
      const names = await namesOf(deps.db, {
        departments: rows.flatMap((r) => ('department_id' in r ? [r.department_id as string] : [])),
        people: rows.flatMap((r) => ('person_id' in r && r.person_id ? [r.person_id as string] : [])),
      });
      const items = rows.map((r) => {
        const { total_fen, department_id, person_id, person_role, ...rest } = r as typeof r & {
          department_id?: string;
          person_id?: string | null;
          person_role?: string | null;
        };
        return {
          ...('rule' in rest ? { rule: rest.rule } : {}),
          ...(department_id !== undefined
            ? { departmentId: department_id, departmentName: names.departments.get(department_id) ?? null }
            : {}),
          ...(groupBy === 'person'
            ? {
                personId: person_id ?? null,
                personName: person_id ? (names.people.get(person_id) ?? null) : null,
                personRole: person_role ?? null,
              }
            : {}),
          totalFen: Number(total_fen),
          entries: rest.entries,
          reversals: rest.reversals,
        };
      });
      return { period, groupBy, totalFen: items.reduce((sum, i) => sum + i.totalFen, 0), items };
    },
  );
};
