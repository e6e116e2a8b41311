import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import {
  calendarOverviews,
  type Db,
  type StoredCalendar,
  storeCalendarYear,
  storedCalendars,
} from '@engine/db';
import {
  type CalendarYear,
  calendarDataSchema,
  calendarYearOf,
  daysOff,
  yearArrangementProblems,
  yearProblems,
} from '@engine/domain';
import type { Producer } from '@engine/queue';
import { WARN_DAYS } from '@engine/use-cases';
import { parseHolidayIcs } from './calendar-ics.ts';
import { CommandError } from './command-error.ts';

/** `calendar show [ID]`: each calendar's years, official or provisional, and the days of official data left. */
export async function showCalendars(db: Db, now: Date, calendarId?: string): Promise<string> {
  const overviews = await calendarOverviews(db, now, calendarId);
  if (calendarId && overviews.length === 0) throw new CommandError(`no calendar ${calendarId}`);
  return overviews
    .flatMap(({ calendar, official, officialDaysLeft, provisional }) => [
      `${calendar.id}  ${calendar.name} (${calendar.timeZone})`,
      `  official data: ${officialDaysLeft} days left${officialDaysLeft < WARN_DAYS ? '  <- store the next year' : ''}`,
      ...official.map(
        (year) =>
          `  ${year.year}  official     ${daysOff(year.holidays)} days off, ${year.workdays.length} make-up days; revision ${year.revision}, stored by ${year.storedBy} on ${year.storedAt.toISOString().slice(0, 10)}; ${year.source}`,
      ),
      ...provisional.map(
        ({ year, subjectsCounting }) =>
          `  ${year}  provisional  weekends and statutory holidays only; ${subjectsCounting} subjects count on it`,
      ),
    ])
    .join('\n');
}

/**
 * `calendar import FILE`: the years of a file, stored as their next revisions in one transaction
 * (all or none), then the subjects that counted on them evaluated again. The file is the shipped
 * calendar form (`{ "years": { "2027": {...} } }`), one year's arrangement as the API takes it
 * (with --year), or an iCalendar holiday feed (.ics).
 */
export async function importCalendar(
  db: Db,
  /** Connects to Redis only when some subject is to be evaluated again. */
  producer: () => Producer,
  file: string,
  options: { calendarId: string; year?: string; source?: string; storedBy: string },
): Promise<string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(
      `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  const [stored] = await storedCalendars(db, options.calendarId);
  if (!stored) throw new CommandError(`no calendar ${options.calendarId}`);
  let years =
    extname(file).toLowerCase() === '.ics'
      ? yearsOfIcs(text, file, options)
      : yearsOfJson(text, file, options, stored.weekend);
  if (options.year) {
    years = years.filter(([year]) => year === Number(options.year));
    if (years.length === 0) throw new CommandError(`${file} has nothing for ${options.year}`);
  }
  checkYears(stored, years, file);
  const { stored: storedYears, due } = await db.transaction().execute(async (trx) => {
    const results = [];
    for (const [year, spec] of years) {
      const result = await storeCalendarYear(
        trx,
        {
          calendarId: stored.id,
          year,
          holidays: spec.holidays,
          workdays: spec.makeupWorkdays,
          source: spec.source,
          storedBy: options.storedBy,
        },
        new Date(),
      );
      results.push({ year, spec, revision: result.stored.revision, due: result.due });
    }
    return { stored: results, due: results.flatMap((r) => r.due) };
  });
  if (due.length > 0)
    await producer().evaluateAll(
      due.map((d) => ({
        ...d,
        cause: `calendar-${stored.id}-${storedYears.map((y) => `${y.year}r${y.revision}`).join('-')}`,
      })),
    );
  return [
    ...storedYears.map(
      (y) =>
        `stored ${y.year} in ${stored.id} (revision ${y.revision}): ${daysOff(y.spec.holidays)} days off, ${y.spec.makeupWorkdays.length} make-up working days; ${y.spec.source}`,
    ),
    due.length === 0
      ? 'no subject counted on it provisionally'
      : `${due.length} ${due.length === 1 ? 'subject that counted on it is' : 'subjects that counted on it are'} being evaluated again`,
  ].join('\n');
}

function yearsOfIcs(text: string, file: string, options: { source?: string }): [number, CalendarYear][] {
  const feed = (() => {
    try {
      return parseHolidayIcs(text);
    } catch (error) {
      throw new CommandError(`${file}: ${(error as Error).message}`);
    }
  })();
  const source = options.source ?? `${feed.name ?? 'iCalendar feed'} (${basename(file)})`;
  return Object.entries(feed.years).map(([year, arrangement]) => [
    Number(year),
    calendarYearOf({ ...arrangement, source }),
  ]);
}

function yearsOfJson(
  text: string,
  file: string,
  options: { year?: string; source?: string },
  weekend: readonly number[],
): [number, CalendarYear][] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CommandError(`${file} is neither JSON nor an iCalendar feed (name it .ics)`);
  }
  if (data && typeof data === 'object' && 'years' in data) {
    // The shipped calendar form: its id, name and zone come from the stored calendar.
    const parsed = calendarDataSchema.shape.years.safeParse((data as { years: unknown }).years);
    if (!parsed.success) {
      throw problemsError(
        file,
        parsed.error.issues.map((i) => [`years.${i.path.join('.')}`, i.message]),
      );
    }
    return Object.entries(parsed.data).map(([year, spec]) => [
      Number(year),
      options.source ? { ...spec, source: options.source } : spec,
    ]);
  }
  if (!options.year)
    throw new CommandError(`${file} holds one year's arrangement: say which with --year YYYY`);
  const sent = { ...(data as object), ...(options.source ? { source: options.source } : {}) };
  const { problems, arrangement } = yearArrangementProblems(Number(options.year), sent, weekend);
  if (!arrangement)
    throw problemsError(
      file,
      problems.map((p) => [`${options.year}: ${p.path}`, p.message]),
    );
  return [[Number(options.year), arrangement]];
}

function checkYears(stored: StoredCalendar, years: readonly [number, CalendarYear][], file: string): void {
  const problems = years.flatMap(([year, spec]) =>
    yearProblems(year, spec, stored.weekend).map((p): [string, string] => [`${year}: ${p.path}`, p.message]),
  );
  if (years.length === 0) problems.push(['', 'no years to store']);
  if (problems.length > 0) throw problemsError(file, problems);
}

function problemsError(file: string, problems: readonly [string, string][]): CommandError {
  return new CommandError(
    [
      `${file} has problems; nothing was stored:`,
      ...problems.map(([path, message]) => `  ${path || '(file)'}: ${message}`),
    ].join('\n'),
  );
}
