import { findPeriod, listPeriods, namesOf, periodEntriesOf } from '@engine/db';
import { periodEnd, periodEndRules, timeZoneOf } from '@engine/domain';
import { PeriodNotEndedError } from '@engine/use-cases';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant, ledgerEntry, ledgerEntrySchema } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { periodParam, problemSchema, requestProblems } from '../schemas.ts';
import { requireEveryDepartment } from '../scope.ts';

const periodView = z
  .object({
    period: z.string(),
    status: z.enum(['open', 'closing', 'closed']),
    endsAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Period', description: 'A month of the ledger: open, closing or closed' });

/** Finance's month end (RULES.md 8): the period-end rules, then the lock. */
export const periodRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());
  /** A month no policy version was in force in judged nothing: there is nothing to show or close. */
  const requireJudgedMonth = (period: string) => {
    const end = periodEnd(period, zone()).toMillis();
    if (!deps.policies().some((p) => p.effectiveAt.toMillis() < end)) {
      throw invalidRequest([
        { path: 'params.period', message: `${period} is before every stored policy version` },
      ]);
    }
  };
  const view = (period: string, row?: { status: 'open' | 'closing' | 'closed'; closed_at: Date | null }) => ({
    period,
    status: row?.status ?? ('open' as const),
    endsAt: instant(periodEnd(period, zone()).toJSDate(), zone()),
    closedAt: row?.closed_at ? instant(row.closed_at, zone()) : null,
  });

  /** A month that has not ended is a 409 naming when it ends; any other error stays as it is. */
  const notEnded = (error: unknown) =>
    error instanceof PeriodNotEndedError
      ? new ProblemError(
          409,
          'period-not-ended',
          'Period not ended',
          `Period ${error.period} has not ended: it ends at ${instant(error.endsAt, zone())}; it can be closed from then on.`,
        )
      : error;

  app.post(
    '/v1/periods/:period/close',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'Close a month: run its period-end rules, then lock it',
        description:
          'Prices the faults overdue and not restored at the month end as unfinished, posts the callback-rate shortfalls (one entry per department and callback kind), then locks the month; the answer lists those entries: later corrections of it go into the next open month, naming their origin. Closing again answers the same with alreadyClosed: true. A month that has not ended is refused (409). A close that was interrupted is finished by calling it again.',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        params: z.object({ period: periodParam }),
        response: {
          200: periodView.extend({
            alreadyClosed: z.boolean(),
            faultsAssessed: z.number().int(),
            entriesPosted: z.number().int(),
            /** The month's period-end entries (unfinished faults, callback-rate shortfalls), posted by its close. */
            entries: z.array(ledgerEntrySchema),
          }),
          ...requestProblems,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const { period } = request.params;
      requireEveryDepartment(request, `Closing ${period}`);
      requireJudgedMonth(period);
      try {
        const outcome = await deps.closePeriod(period, request.apiKey?.id ?? null);
        return {
          ...view(period, { status: 'closed', closed_at: outcome.closedAt }),
          alreadyClosed: outcome.alreadyClosed,
          faultsAssessed: outcome.faultsAssessed,
          entriesPosted: outcome.entriesPosted,
          entries: (await periodEntriesOf(deps.db, period, periodEndRules)).map((row) =>
            ledgerEntry(row, zone()),
          ),
        };
      } catch (error) {
        throw notEnded(error);
      }
    },
  );

  const previewEntry = z.object({
    rule: z.string(),
    departmentId: z.string(),
    departmentName: z.string().nullable(),
    personId: z.string().nullable(),
    personRole: z.string().nullable(),
    subjectId: z.string(),
    source: z.string(),
    /** The month the fact belongs to (a correction of a closed month goes into the next open one). */
    originPeriod: z.string(),
    period: z.string(),
    amountFen: z.number().int(),
    /** A reversal: the id of the entry it would cancel. */
    reversalOf: z.string().nullable(),
    policyVersion: z.string(),
  });

  app.get(
    '/v1/periods/:period/close-preview',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'A dry run of closing a month: what its period-end rules would post, posting nothing',
        description:
          'Runs the period-end rules exactly as POST /v1/periods/{period}/close would (unfinished faults, callback-rate shortfalls) inside a transaction that is rolled back: the ledger and the month stay as they are. A month that has not ended is refused (409), as the close is.',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        params: z.object({ period: periodParam }),
        response: {
          200: periodView.extend({
            alreadyClosed: z.boolean(),
            faultsAssessed: z.number().int(),
            totalFen: z.number().int(),
            entries: z.array(previewEntry),
          }),
          ...requestProblems,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const { period } = request.params;
      requireEveryDepartment(request, `Previewing the close of ${period}`);
      requireJudgedMonth(period);
      try {
        const preview = await deps.previewClose(period);
        const names = await namesOf(deps.db, { departments: preview.entries.map((e) => e.departmentId) });
        return {
          ...view(period, await findPeriod(deps.db, period)),
          alreadyClosed: preview.alreadyClosed,
          faultsAssessed: preview.faultsAssessed,
          totalFen: preview.entries.reduce((sum, e) => sum + e.amountFen, 0),
          entries: preview.entries.map((e) => ({
            rule: e.rule,
            departmentId: e.departmentId,
            departmentName: names.departments.get(e.departmentId) ?? null,
            personId: e.personId,
            personRole: e.personRole,
            subjectId: e.subjectId,
            source: e.source,
            originPeriod: e.originPeriod,
            period: e.period,
            amountFen: e.amountFen,
            reversalOf: e.reversalOf,
            policyVersion: e.policyVersion,
          })),
        };
      } catch (error) {
        throw notEnded(error);
      }
    },
  );

  app.get(
    '/v1/periods',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'The months that were closed or are closing (every other month is open)',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        response: { 200: z.object({ items: z.array(periodView) }), ...requestProblems },
      },
    },
    async () => ({ items: (await listPeriods(deps.db)).map((row) => view(row.period, row)) }),
  );

  app.get(
    '/v1/periods/:period',
    {
      config: { roles: ['finance'] },
      schema: {
        summary: 'Whether a month is open, closing or closed',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        params: z.object({ period: periodParam }),
        response: { 200: periodView, ...requestProblems },
      },
    },
    async (request) => {
      requireJudgedMonth(request.params.period);
      return view(request.params.period, await findPeriod(deps.db, request.params.period));
    },
  );
};
