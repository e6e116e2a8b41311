import { DateTime, IANAZone } from 'luxon';
import { type DataProblem, PolicyDataError, parseData } from '../data-errors.ts';
import { DAY_MS, type Instant } from '../time.ts';
import { type CalendarData, calendarDataSchema } from './calendar-data.ts';
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

const DayStatus = { unknown: 0, working: 1, off: 2 } as const;

/** A day number counts local calendar dates: 0 is 1970-01-01. */
function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
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
  readonly years: readonly number[];
  readonly #firstDay: number;
  readonly #status: Uint8Array;
  readonly #offsets: ZoneOffsets;

  constructor(data: CalendarData) {
    this.id = data.id;
    this.timeZone = data.timeZone;
    this.#offsets = new ZoneOffsets(data.timeZone);
    this.years = Object.keys(data.years)
      .map(Number)
      .sort((a, b) => a - b);
    const first = this.years[0] ?? 1970;
    const last = this.years.at(-1) ?? 1969;
    this.#firstDay = dayNumberOf(first, 1, 1);
    this.#status = new Uint8Array(Math.max(0, dayNumberOf(last + 1, 1, 1) - this.#firstDay));
    const weekend = new Set(data.weekend);
    for (const year of this.years) {
      const spec = data.years[String(year)]!;
      const offDays = new Set(spec.holidays.flatMap(expandRange));
      const makeup = new Set(spec.makeupWorkdays.map(parseIsoDate));
      for (let day = dayNumberOf(year, 1, 1); day < dayNumberOf(year + 1, 1, 1); day++) {
        const working = makeup.has(day) || (!offDays.has(day) && !weekend.has(isoWeekday(day)));
        this.#status[day - this.#firstDay] = working ? DayStatus.working : DayStatus.off;
      }
    }
  }

  /** Whether a local date ("YYYY-MM-DD") is a working day; throws CalendarCoverageError outside the data. */
  isWorkingDate(isoDate: string): boolean {
    return this.#isWorkingDay(parseIsoDate(isoDate));
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
    const status = this.#status[day - this.#firstDay];
    if (status === undefined || status === DayStatus.unknown) {
      throw new CalendarCoverageError(this.id, dateOfDayNumber(day).year);
    }
    return status === DayStatus.working;
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

function expandRange(text: string): number[] {
  const [from, to = from] = text.split('/') as [string, string?];
  const days: number[] = [];
  for (let day = parseIsoDate(from); day <= parseIsoDate(to); day++) days.push(day);
  return days;
}

/** Validates calendar data (schema, zone, dates inside their year, make-up days that are really off days) and builds it. */
export function loadCalendar(data: unknown, source: string): WorkingCalendar {
  const parsed = parseData(calendarDataSchema, data, source);
  const problems: DataProblem[] = [];
  if (!IANAZone.isValidZone(parsed.timeZone)) {
    problems.push({ source, path: 'timeZone', message: `unknown IANA time zone ${parsed.timeZone}` });
  }
  const weekend = new Set(parsed.weekend);
  for (const [year, spec] of Object.entries(parsed.years)) {
    spec.holidays.forEach((entry, index) => {
      for (const part of entry.split('/')) {
        if (!isRealDateInYear(part, year)) {
          problems.push({
            source,
            path: `years.${year}.holidays[${index}]`,
            message: `${part} is not a date of ${year}`,
          });
        }
      }
    });
    spec.makeupWorkdays.forEach((date, index) => {
      const path = `years.${year}.makeupWorkdays[${index}]`;
      if (!isRealDateInYear(date, year))
        problems.push({ source, path, message: `${date} is not a date of ${year}` });
      else if (!weekend.has(isoWeekday(parseIsoDate(date)))) {
        problems.push({
          source,
          path,
          message: `${date} is not a weekend day, so it cannot be a make-up working day`,
        });
      }
    });
  }
  if (problems.length > 0) throw new PolicyDataError(problems);
  return new WorkingCalendar(parsed);
}

function isRealDateInYear(text: string, year: string): boolean {
  return text.startsWith(`${year}-`) && DateTime.fromISO(text).isValid;
}
