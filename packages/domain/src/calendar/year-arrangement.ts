import { z } from 'zod';
import { pathToString } from '../data-errors.ts';
import type { CalendarYear } from './calendar-data.ts';
import { STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays.ts';
import { yearProblems } from './working-calendar.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const holidayEntry = z.union([isoDate, z.strictObject({ from: isoDate, to: isoDate })], {
  error: 'expected a date YYYY-MM-DD or a range { "from": date, "to": date }',
});

/** A holiday as people write it: one date, or a range of dates (both ends included). */
export type HolidayEntry = string | { from: string; to: string };

/** A year's arrangement as the API and the operator's files give it (API.md: PUT .../years/{year}). */
export const yearArrangementInputSchema = z.strictObject({
  holidays: z.array(holidayEntry, { error: 'expected a list of dates and { from, to } ranges' }),
  /** Make-up working days (调休): weekend days that are working days. */
  workdays: z.array(isoDate, { error: 'expected a list of dates YYYY-MM-DD' }).default([]),
  /** Where the arrangement comes from, e.g. the State Council notice. */
  source: z
    .string({ error: 'required: where the arrangement comes from, such as the State Council notice' })
    .trim()
    .min(1, 'required: where the arrangement comes from, such as the State Council notice')
    // Its own message: the string's `error` above would name every problem "required".
    .max(500, 'at most 500 characters'),
});
export type YearArrangementInput = z.infer<typeof yearArrangementInputSchema>;

/**
 * Every problem of a year's arrangement as sent (API.md: bad input names every problem): its
 * shape, and the dates of every entry well formed enough to check, by the index it was sent at.
 * `arrangement` is what to store, when there is no problem.
 */
export function yearArrangementProblems(
  year: number,
  sent: unknown,
  weekend: readonly number[],
): { problems: { path: string; message: string }[]; arrangement: CalendarYear | null } {
  const parsed = yearArrangementInputSchema.safeParse(sent);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: pathToString(issue.path), message: issue.message }));
  const body = (typeof sent === 'object' && sent !== null ? sent : {}) as Record<string, unknown>;
  const listOf = (value: unknown) => (Array.isArray(value) ? value : []);
  const holidays = listOf(body.holidays).map((entry) => {
    const one = holidayEntry.safeParse(entry);
    return one.success ? storedHoliday(one.data) : null;
  });
  const workdays = listOf(body.workdays).map((date) =>
    isoDate.safeParse(date).success ? (date as string) : null,
  );
  for (const problem of yearProblems(year, { holidays, makeupWorkdays: workdays }, weekend)) {
    problems.push({ path: problem.path.replace(/^makeupWorkdays/, 'workdays'), message: problem.message });
  }
  return {
    problems,
    arrangement: problems.length === 0 && parsed.success ? calendarYearOf(parsed.data) : null,
  };
}

function storedHoliday(entry: HolidayEntry): string {
  return typeof entry === 'string' ? entry : `${entry.from}/${entry.to}`;
}

/** The input as the calendar keeps it ("from/to" ranges, as in the shipped file). */
export function calendarYearOf(input: YearArrangementInput): CalendarYear {
  return {
    source: input.source,
    holidays: input.holidays.map(storedHoliday),
    makeupWorkdays: input.workdays,
  };
}

/** A stored holiday entry as people read it: "from/to" becomes { from, to }. */
export function holidayEntryOf(stored: string): HolidayEntry {
  const [from, to] = stored.split('/') as [string, string?];
  return to === undefined ? from : { from, to };
}

/** The source named on a provisional year. */
export const PROVISIONAL_SOURCE =
  '《全国年节及纪念日放假办法》(2024 revision): statutory holidays only, no bridging or make-up days (provisional until the State Council notice is stored)';

/** What a year without official data is counted as: its statutory holidays, consecutive days as ranges. */
export function provisionalArrangement(year: number): { holidays: HolidayEntry[]; workdays: string[] } {
  const holidays: HolidayEntry[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) holidays.push(run[0]!);
    else if (run.length > 1) holidays.push({ from: run[0]!, to: run.at(-1)! });
    run = [];
  };
  for (const date of statutoryHolidays(year)) {
    const previous = run.at(-1);
    if (previous && Date.parse(`${date}T00:00:00Z`) - Date.parse(`${previous}T00:00:00Z`) !== 86_400_000)
      flush();
    run.push(date);
  }
  flush();
  return { holidays, workdays: [] };
}

/**
 * The years without official data worth showing next to the official ones: gaps between them,
 * every year after the last up to the one after `currentYear` (the cliff operators must see), and
 * any other year some subject's deadline counts on (`counted`).
 */
export function provisionalYearsToShow(
  officialYears: readonly number[],
  currentYear: number,
  counted: readonly number[] = [],
): number[] {
  const official = new Set(officialYears);
  const first = Math.min(...officialYears, currentYear);
  const last = Math.max(...officialYears, currentYear) + 1;
  const years = new Set(counted.filter((year) => !official.has(year)));
  for (let year = first; year <= last; year++) if (!official.has(year)) years.add(year);
  return [...years]
    .filter((year) => year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last)
    .sort((a, b) => a - b);
}
