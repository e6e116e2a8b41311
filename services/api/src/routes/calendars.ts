import {
  type CalendarOverview,
  calendarOverviews,
  type StoredCalendarYear,
  storeCalendarYear,
  storedCalendars,
} from '@engine/db';
import {
  holidayEntryOf,
  PROVISIONAL_SOURCE,
  provisionalArrangement,
  timeZoneOf,
  yearArrangementInputSchema,
  yearArrangementProblems,
} from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { problemSchema, requestProblems } from '../schemas.ts';

const holiday = z.union([z.string(), z.object({ from: z.string(), to: z.string() })]);
const year = z
  .object({
    year: z.number().int(),
    /** `official`: a stored arrangement; `provisional`: weekends and statutory holidays, counted until one is stored. */
    status: z.enum(['official', 'provisional']),
    source: z.string(),
    holidays: z.array(holiday),
    /** Make-up working days (调休). */
    workdays: z.array(z.string()),
    /** Official years: the revision in force, who stored it (an API key's name, or "shipped file") and when. */
    revision: z.number().int().optional(),
    storedBy: z.string().optional(),
    storedAt: z.string().optional(),
    /** Provisional years: subjects whose deadlines count on it now; storing the year evaluates them again. */
    subjectsCounting: z.number().int().optional(),
  })
  .meta({
    id: 'CalendarYear',
    description: 'A year of a calendar: official (a stored arrangement) or provisional',
  });
const calendar = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    weekend: z.array(z.number().int()),
    /** The last day of official data from today on (null: none for this year). */
    officialThrough: z.string().nullable(),
    /** Days from today to the end of the official data: below 60 the engine warns, below 45 it signals `calendar.expiring`. */
    officialDaysLeft: z.number().int(),
    years: z.array(year),
  })
  .meta({ id: 'Calendar', description: 'A working-day calendar that deadlines count on' });
const calendarDetail = calendar.extend({
  /** Replaced revisions of official years, oldest first: what deadlines were counted with before. */
  history: z.array(year),
});
const calendarId = z.string().min(1).max(64);

/**
 * Working-day calendars (RULES.md 3) as data the engine stores: any key reads them; an admin
 * stores a year's official arrangement, and every subject whose deadlines counted on that year is
 * evaluated again by itself (fines that no longer stand reversed, new ones posted).
 */
export const calendarRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());
  const common = { tags: ['calendars'], security: [{ apiKey: [] }] };
  const anyRole = ['ingest', 'manager', 'finance'] as const;

  const officialYear = (y: StoredCalendarYear) => ({
    year: y.year,
    status: 'official' as const,
    source: y.source,
    holidays: y.holidays.map(holidayEntryOf),
    workdays: y.workdays,
    revision: y.revision,
    storedBy: y.storedBy,
    storedAt: instant(y.storedAt, zone()),
  });

  const present = (overview: CalendarOverview) => {
    const { calendar } = overview;
    const provisional = overview.provisional.map(({ year, subjectsCounting }) => ({
      year,
      status: 'provisional' as const,
      source: PROVISIONAL_SOURCE,
      ...provisionalArrangement(year),
      subjectsCounting,
    }));
    return {
      id: calendar.id,
      name: calendar.name,
      timeZone: calendar.timeZone,
      weekend: calendar.weekend,
      officialThrough: overview.officialThrough,
      officialDaysLeft: overview.officialDaysLeft,
      years: [...overview.official.map(officialYear), ...provisional].sort((a, b) => a.year - b.year),
      history: overview.history.map(officialYear),
    };
  };

  app.get(
    '/v1/calendars',
    {
      config: { roles: anyRole },
      schema: {
        ...common,
        summary:
          'The working-day calendars: each year official or provisional, and the days of official data left',
        response: { 200: z.object({ items: z.array(calendar) }), ...requestProblems },
      },
    },
    async () => {
      return { items: (await calendarOverviews(deps.db, deps.now())).map((c) => withoutHistory(present(c))) };
    },
  );

  app.get(
    '/v1/calendars/:calendarId',
    {
      config: { roles: anyRole },
      schema: {
        ...common,
        summary: 'One calendar, with the replaced revisions of its years',
        params: z.object({ calendarId }),
        response: { 200: calendarDetail, ...requestProblems, 404: problemSchema },
      },
    },
    async (request) => {
      const [overview] = await calendarOverviews(deps.db, deps.now(), request.params.calendarId);
      if (!overview) throw notFound(request.params.calendarId);
      return present(overview);
    },
  );

  app.put(
    '/v1/calendars/:calendarId/years/:year',
    {
      config: { roles: ['admin'] },
      // Shape and dates are checked together in the handler, so one 400 names every problem.
      attachValidation: true,
      schema: {
        ...common,
        summary: "Store a year's official arrangement (holidays and make-up working days)",
        description:
          'Validated like the shipped calendar file: a year of 1901-2099, each date in its year, ranges in order, make-up working days on weekend days, no day listed twice or both off and working; one 400 names every problem. The year replaces any earlier revision (kept as history); the same arrangement sent again changes nothing. Subjects whose deadlines counted on the year, provisionally or by waiting for it, are evaluated again within seconds; fines that no longer stand are reversed and new ones posted.',
        params: z.object({
          calendarId,
          year: z.string().regex(/^\d{4}$/, 'expected a year YYYY'),
        }),
        body: yearArrangementInputSchema,
        response: {
          200: year.extend({ reevaluating: z.number().int() }),
          ...requestProblems,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const { calendarId: id, year: yearText } = request.params as { calendarId: string; year: string };
      if (!/^\d{4}$/.test(yearText)) {
        throw invalidRequest([{ path: 'params.year', message: 'expected a year YYYY' }]);
      }
      const yearNumber = Number(yearText);
      const [stored] = await storedCalendars(deps.db, id);
      if (!stored) throw notFound(id);
      const { problems, arrangement: spec } = yearArrangementProblems(
        yearNumber,
        request.body,
        stored.weekend,
      );
      if (!spec) {
        throw invalidRequest(
          problems.map((p) => (p.path === 'year' ? { ...p, path: 'params.year' } : p)),
          `The arrangement for ${yearText} has problems; nothing was stored.`,
        );
      }
      const {
        stored: storedYear,
        due,
        unchanged,
      } = await deps.db.transaction().execute((trx) =>
        storeCalendarYear(
          trx,
          {
            calendarId: stored.id,
            year: yearNumber,
            holidays: spec.holidays,
            workdays: spec.makeupWorkdays,
            source: spec.source,
            storedBy: request.apiKey?.name ?? 'unknown key',
          },
          deps.now(),
        ),
      );
      await deps.reloadPolicies();
      for (const kind of new Set(due.map((d) => d.kind))) {
        const ids = due.filter((d) => d.kind === kind).map((d) => d.id);
        await deps.requestEvaluations(
          kind,
          ids,
          `calendar-${stored.id}-${yearNumber}-r${storedYear.revision}`,
        );
      }
      request.log.info(
        {
          calendarId: stored.id,
          year: yearNumber,
          revision: storedYear.revision,
          unchanged,
          reevaluating: due.length,
        },
        unchanged ? 'calendar year sent again, unchanged' : 'calendar year stored',
      );
      return { ...officialYear(storedYear), reevaluating: due.length };
    },
  );
};

function withoutHistory<T extends { history: unknown }>({ history: _, ...rest }: T): Omit<T, 'history'> {
  return rest;
}

function notFound(id: string): ProblemError {
  return new ProblemError(404, 'not-found', 'Not found', `No calendar ${id}.`);
}
