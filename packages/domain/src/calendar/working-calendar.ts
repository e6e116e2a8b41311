import { DateTime, IANAZone } from 'luxon';
import { type DataProblem, PolicyDataError, parseData } from '../data-errors.ts';
import { DAY_MS, type Instant } from '../time.ts';
import { type CalendarData, calendarDataSchema } from './calendar-data.ts';
import { STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays.ts';
import { ZoneOffsets } from './zone-offsets.ts';

/** Thrown when a computation needs a day of a year the calendar has no data for: never guess Monday-Friday. */
export class CalendarCoverageError extends Error {
  readonly calendarId: string;
  readonly year: number;

  constructor(calendarId: string, year: number) {
    super(`calendar ${calendarId} has no holiday data for ${year}; add the year's official arrangements`);
    this.name = 'CalendarCoverageError';
    this.calendarId = calendarId;
    this.year = year;
  }
}

/** RULES.md 3: how "N working days" is counted. */
export type WorkingDayMode = 'elapsed' | 'endOfDay';

/**
 * A pack's choice for a year with no official data: `provisional` counts weekends and the statutory
 * holidays (statutory-holidays.ts) until the official arrangement is stored; `refuse` stops.
 */
export type MissingYear = 'provisional' | 'refuse';

const DayStatus = { unknown: 0, working: 1, off: 2 } as const;

/** A day number counts local calendar dates: 0 is 1970-01-01. */
function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function dateOfDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function parseIsoDate(text: string): number {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return dayNumberOf(year, month, day);
}

interface LocalPosition {
  /** The local date as a day number. */
  day: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

/**
 * Working days of one calendar (RULES.md 3): Monday to Friday, minus public holidays,
 * plus make-up working days, evaluated in the calendar's time zone. Immutable.
 */
export class WorkingCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** The years with official data, ascending. */
  readonly years: readonly number[];
  readonly missingYear: MissingYear;
  readonly #days: CalendarDays;
  readonly #offsets: ZoneOffsets;

  constructor(data: CalendarData, missingYear: MissingYear = 'refuse', days = new CalendarDays(data)) {
    this.id = data.id;
    this.timeZone = data.timeZone;
    this.missingYear = missingYear;
    this.#offsets = new ZoneOffsets(data.timeZone);
    this.years = days.officialYears;
    this.#days = days;
  }

  /** The same days, with another choice for years without official data (a pack's `calendar.missingYear`). */
  withMissingYear(missingYear: MissingYear): WorkingCalendar {
    return missingYear === this.missingYear
      ? this
      : new WorkingCalendar(this.#days.data, missingYear, this.#days);
  }

  /** Whether a year has official data, is counted provisionally, or cannot be counted. */
  yearStatus(year: number): 'official' | 'provisional' | 'missing' {
    if (this.#days.isOfficial(year)) return 'official';
    return this.missingYear === 'provisional' && canProject(year) ? 'provisional' : 'missing';
  }

  /**
   * The years without official data that a span of local dates from `from` up to just before `to`
   * falls in (a deadline at 24:00 did not need the next day): those a deadline was counted on provisionally.
   */
  provisionalYearsBetween(from: Instant, to: Instant): number[] {
    if (this.missingYear !== 'provisional') return [];
    const first = dateOfDayNumber(this.#local(from).day).year;
    const last = dateOfDayNumber(this.#local(addMillisOf(to, -1)).day).year;
    const years: number[] = [];
    for (let year = first; year <= last; year++) if (!this.#days.isOfficial(year)) years.push(year);
    return years;
  }

  /** Whether a local date ("YYYY-MM-DD") is a working day; throws CalendarCoverageError outside the data. */
  isWorkingDate(isoDate: string): boolean {
    return this.#isWorkingDay(parseIsoDate(isoDate));
  }

  /**
   * Whole days from the local date of `at` to the end of the official data that covers it (the
   * last of the consecutive official years from `at`'s year); 0 when `at`'s year has none.
   */
  officialDaysLeft(at: Instant): number {
    const today = this.#local(at).day;
    let year = dateOfDayNumber(today).year;
    if (!this.#days.isOfficial(year)) return 0;
    while (this.#days.isOfficial(year + 1)) year++;
    return dayNumberOf(year + 1, 1, 1) - today;
  }

  /** Whether the instant falls on a working day, in the calendar's zone. */
  isWorkingInstant(instant: Instant): boolean {
    return this.#isWorkingDay(this.#local(instant).day);
  }

  /**
   * Adds N working days (RULES.md 3). `elapsed`: N x 24 hours counted only over working days,
   * starting at 00:00 of the next working day when the start is not on one. `endOfDay`: the
   * start day is not counted and the period ends at 24:00 of the N-th working day after it.
   */
  addWorkingDays(start: Instant, days: number, mode: WorkingDayMode): Instant {
    if (mode === 'elapsed') return this.addWorkingTime(start, days * DAY_MS);
    let day = this.#local(start).day;
    for (let counted = 0; counted < days; counted++) day = this.#nextWorkingDay(day + 1);
    return this.#instantAt({ day: day + 1, msOfDay: 0 });
  }

  /** Adds working time: milliseconds that only pass on working days. */
  addWorkingTime(start: Instant, ms: number): Instant {
    let { day, msOfDay } = this.#local(start);
    if (!this.#isWorkingDay(day)) {
      day = this.#nextWorkingDay(day);
      msOfDay = 0;
    }
    let remaining = ms;
    while (remaining > DAY_MS - msOfDay) {
      remaining -= DAY_MS - msOfDay;
      day = this.#nextWorkingDay(day + 1);
      msOfDay = 0;
    }
    return this.#instantAt({ day, msOfDay: msOfDay + remaining });
  }

  /** Working time between two instants (0 when `to` is not after `from`). */
  workingTimeBetween(from: Instant, to: Instant): number {
    if (to.toMillis() <= from.toMillis()) return 0;
    const a = this.#local(from);
    const b = this.#local(to);
    if (a.day === b.day) return this.#isWorkingDay(a.day) ? b.msOfDay - a.msOfDay : 0;
    let total = this.#isWorkingDay(a.day) ? DAY_MS - a.msOfDay : 0;
    for (let day = a.day + 1; day < b.day; day++) if (this.#isWorkingDay(day)) total += DAY_MS;
    return total + (this.#isWorkingDay(b.day) ? b.msOfDay : 0);
  }

  /** RULES.md 6: "within N days" counted by date ends at 24:00 of the N-th day after the start date. */
  addDateDays(start: Instant, days: number): Instant {
    return this.#instantAt({ day: this.#local(start).day + days + 1, msOfDay: 0 });
  }

  #isWorkingDay(day: number): boolean {
    const status = this.#days.official[day - this.#days.firstDay];
    if (status === DayStatus.working) return true;
    if (status === DayStatus.off) return false;
    const { year } = dateOfDayNumber(day);
    if (this.missingYear === 'refuse' || !canProject(year)) throw new CalendarCoverageError(this.id, year);
    return this.#days.provisionalYear(year)[day - dayNumberOf(year, 1, 1)] === DayStatus.working;
  }

  #nextWorkingDay(from: number): number {
    let day = from;
    while (!this.#isWorkingDay(day)) day++;
    return day;
  }

  #local(instant: Instant): LocalPosition {
    const utcMs = instant.toMillis();
    const localMs = utcMs + this.#offsets.offsetMs(utcMs);
    const day = Math.floor(localMs / DAY_MS);
    return { day, msOfDay: localMs - day * DAY_MS };
  }

  /** Local wall-clock position to an instant; a position of 24:00 is 00:00 of the next day. */
  #instantAt({ day, msOfDay }: LocalPosition): Instant {
    return DateTime.fromMillis(this.#offsets.utcOfLocal(day * DAY_MS + msOfDay), { zone: 'utc' }) as Instant;
  }
}

/** Whether statutory holidays can be projected for a year (the lunar library's verified range). */
function canProject(year: number): boolean {
  return year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last;
}

function addMillisOf(instant: Instant, ms: number): Instant {
  return DateTime.fromMillis(instant.toMillis() + ms, { zone: 'utc' }) as Instant;
}

/** The status of each day: official years built once; provisional years projected when first needed, shared by every view. */
class CalendarDays {
  readonly data: CalendarData;
  readonly officialYears: readonly number[];
  readonly firstDay: number;
  readonly official: Uint8Array;
  readonly #weekend: Set<number>;
  readonly #provisional = new Map<number, Uint8Array>();

  constructor(data: CalendarData) {
    this.data = data;
    this.#weekend = new Set(data.weekend);
    this.officialYears = Object.keys(data.years)
      .map(Number)
      .sort((a, b) => a - b);
    const first = this.officialYears[0] ?? 1970;
    const last = this.officialYears.at(-1) ?? 1969;
    this.firstDay = dayNumberOf(first, 1, 1);
    this.official = new Uint8Array(Math.max(0, dayNumberOf(last + 1, 1, 1) - this.firstDay));
    for (const year of this.officialYears) {
      const spec = data.years[String(year)]!;
      const days = this.#yearDays(
        year,
        spec.holidays.flatMap(expandRange),
        spec.makeupWorkdays.map(parseIsoDate),
      );
      this.official.set(days, dayNumberOf(year, 1, 1) - this.firstDay);
    }
  }

  isOfficial(year: number): boolean {
    return this.data.years[String(year)] !== undefined;
  }

  /** RULES.md 3 with no official data: weekends and the statutory holidays, no make-up days. */
  provisionalYear(year: number): Uint8Array {
    let days = this.#provisional.get(year);
    if (!days) {
      days = this.#yearDays(year, statutoryHolidays(year).map(parseIsoDate), []);
      this.#provisional.set(year, days);
    }
    return days;
  }

  #yearDays(year: number, holidays: readonly number[], makeupWorkdays: readonly number[]): Uint8Array {
    const offDays = new Set(holidays);
    const makeup = new Set(makeupWorkdays);
    const start = dayNumberOf(year, 1, 1);
    const days = new Uint8Array(dayNumberOf(year + 1, 1, 1) - start);
    for (let day = start; day < start + days.length; day++) {
      const working = makeup.has(day) || (!offDays.has(day) && !this.#weekend.has(isoWeekday(day)));
      days[day - start] = working ? DayStatus.working : DayStatus.off;
    }
    return days;
  }
}

/** How many days a year's holidays ("YYYY-MM-DD" or "from/to" entries) take off. */
export function daysOff(holidays: readonly string[]): number {
  return new Set(holidays.flatMap(expandRange)).size;
}

function expandRange(text: string): number[] {
  const [from, to = from] = text.split('/') as [string, string?];
  const days: number[] = [];
  for (let day = parseIsoDate(from); day <= parseIsoDate(to); day++) days.push(day);
  return days;
}

/** Validates calendar data (schema, zone, each year's dates: see yearProblems) and builds it. */
export function loadCalendar(data: unknown, source: string): WorkingCalendar {
  const parsed = parseData(calendarDataSchema, data, source);
  const problems: DataProblem[] = [];
  if (!IANAZone.isValidZone(parsed.timeZone)) {
    problems.push({ source, path: 'timeZone', message: `unknown IANA time zone ${parsed.timeZone}` });
  }
  for (const [year, spec] of Object.entries(parsed.years)) {
    for (const problem of yearProblems(Number(year), spec, parsed.weekend)) {
      problems.push({ source, path: `years.${year}.${problem.path}`, message: problem.message });
    }
  }
  if (problems.length > 0) throw new PolicyDataError(problems);
  return new WorkingCalendar(parsed);
}

/**
 * One year's arrangement checked as the State Council publishes it: a year of 1901-2099 (the years
 * provisional counting covers), every date real and in its year,
 * ranges in order, make-up working days on weekend days, and no day both off and working.
 * Paths are relative to the year (`holidays[2]`, `makeupWorkdays[0]`).
 */
export function yearProblems(
  year: number,
  /** Entries that are not dates at all are null here (the schema names them), so the rest keep their index. */
  spec: { holidays: readonly (string | null)[]; makeupWorkdays: readonly (string | null)[] },
  weekend: readonly number[],
): { path: string; message: string }[] {
  if (!canProject(year)) {
    const range = `${STATUTORY_YEARS.first}-${STATUTORY_YEARS.last}`;
    return [{ path: 'year', message: `${year} is not a year a calendar keeps (${range})` }];
  }
  const problems: { path: string; message: string }[] = [];
  const weekendDays = new Set(weekend);
  const offDays = new Set<number>();
  spec.holidays.forEach((entry, index) => {
    if (entry === null) return;
    const path = `holidays[${index}]`;
    const parts = entry.split('/');
    const wrong = parts.filter((part) => !isRealDateInYear(part, year));
    for (const part of wrong) problems.push({ path, message: `${part} is not a date of ${year}` });
    if (wrong.length > 0) return;
    if (parts.length === 2 && parts[0]! > parts[1]!) {
      problems.push({ path, message: `the range ${entry} ends before it starts` });
      return;
    }
    const days = expandRange(entry);
    const again = days.find((day) => offDays.has(day));
    if (again !== undefined) problems.push({ path, message: `${isoDateOf(again)} is listed twice` });
    for (const day of days) offDays.add(day);
  });
  const workDays = new Set<number>();
  spec.makeupWorkdays.forEach((date, index) => {
    if (date === null) return;
    const path = `makeupWorkdays[${index}]`;
    if (!isRealDateInYear(date, year)) problems.push({ path, message: `${date} is not a date of ${year}` });
    else if (workDays.has(parseIsoDate(date))) problems.push({ path, message: `${date} is listed twice` });
    else if (!weekendDays.has(isoWeekday(parseIsoDate(date)))) {
      problems.push({ path, message: `${date} is not a weekend day, so it cannot be a make-up working day` });
    } else if (offDays.has(parseIsoDate(date))) {
      problems.push({ path, message: `${date} is also listed as a holiday; a day is either off or working` });
    }
    if (isRealDateInYear(date, year)) workDays.add(parseIsoDate(date));
  });
  return problems;
}

function isRealDateInYear(text: string, year: number): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && text.startsWith(`${year}-`) && DateTime.fromISO(text).isValid;
}
