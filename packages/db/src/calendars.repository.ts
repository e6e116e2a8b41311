import {
  builtinCalendarData,
  type CalendarData,
  loadCalendar,
  parseInstant,
  provisionalYearsToShow,
  type WorkingCalendar,
} from '@engine/domain';
import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

/** Who stored the years that come from the calendar files shipped with the engine. */
export const SHIPPED = 'shipped file';

/**
 * Stores the shipped calendars at first start: a calendar the database lacks, and each shipped
 * year it has no revision of. A year stored at run time is never overwritten by the file.
 */
export async function seedBuiltinCalendars(db: Db | Trx, now: Date): Promise<void> {
  for (const { data } of builtinCalendarData) {
    await db
      .insertInto('calendars')
      .values({ id: data.id, name: data.name, time_zone: data.timeZone, weekend: [...data.weekend] })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const years = Object.entries(data.years).map(([year, spec]) => ({
      calendar_id: data.id,
      year: Number(year),
      revision: 1,
      holidays: JSON.stringify(spec.holidays),
      workdays: JSON.stringify(spec.makeupWorkdays),
      source: spec.source,
      stored_by: SHIPPED,
    }));
    if (years.length === 0) continue;
    // A year with any revision stays as it is: the shipped file only fills what is missing.
    const added = await db
      .insertInto('calendar_years')
      .values(years)
      .onConflict((oc) => oc.columns(['calendar_id', 'year', 'revision']).doNothing())
      .returning('year')
      .execute();
    // A year the file added since the last start: the subjects that counted on it are due (the sweep queues them).
    for (const { year } of added) await markDependentsDue(db, year, now);
  }
}

/** Makes every subject whose deadlines counted on a year (provisionally, or waiting for it) due at `now`. */
async function markDependentsDue(
  db: Db | Trx,
  year: number,
  now: Date,
): Promise<{ kind: string; id: string }[]> {
  return db
    .updateTable('subjects')
    .set({ next_check_at: sql<Date>`least(coalesce(next_check_at, ${now}), ${now})` })
    .where(sql<boolean>`calendar_needs @> ARRAY[${year}]::smallint[]`)
    .where(sql<boolean>`calendar_needs <> '{}'`)
    .returning(['kind', 'id'])
    .execute();
}

export interface StoredCalendarYear {
  calendarId: string;
  year: number;
  revision: number;
  holidays: string[];
  workdays: string[];
  source: string;
  storedBy: string;
  storedAt: Date;
}

export interface StoredCalendar {
  id: string;
  name: string;
  timeZone: string;
  weekend: number[];
  /** Every revision of every year, by year then revision: the newest of a year is the one in force. */
  years: StoredCalendarYear[];
}

export async function storedCalendars(db: Db | Trx, calendarId?: string): Promise<StoredCalendar[]> {
  let calendars = db.selectFrom('calendars').select(['id', 'name', 'time_zone', 'weekend']).orderBy('id');
  let years = db
    .selectFrom('calendar_years')
    .selectAll()
    .orderBy('calendar_id')
    .orderBy('year')
    .orderBy('revision');
  if (calendarId !== undefined) {
    calendars = calendars.where('id', '=', calendarId);
    years = years.where('calendar_id', '=', calendarId);
  }
  const [calendarRows, yearRows] = await Promise.all([calendars.execute(), years.execute()]);
  return calendarRows.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.time_zone,
    weekend: c.weekend,
    years: yearRows
      .filter((y) => y.calendar_id === c.id)
      .map((y) => ({
        calendarId: y.calendar_id,
        year: y.year,
        revision: y.revision,
        holidays: y.holidays,
        workdays: y.workdays,
        source: y.source,
        storedBy: y.stored_by,
        storedAt: y.stored_at,
      })),
  }));
}

/** A stored calendar as the rules core takes it: each year's newest revision. */
export function calendarDataOf(calendar: StoredCalendar): CalendarData {
  const years: CalendarData['years'] = {};
  for (const y of calendar.years) {
    years[String(y.year)] = { source: y.source, holidays: y.holidays, makeupWorkdays: y.workdays };
  }
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    weekend: calendar.weekend,
    years,
  };
}

/** The stored calendars, validated as they are loaded, by id. */
export async function loadStoredCalendars(db: Db | Trx): Promise<Map<string, WorkingCalendar>> {
  return new Map(
    (await storedCalendars(db)).map((c) => [c.id, loadCalendar(calendarDataOf(c), `calendars/${c.id}`)]),
  );
}

/** Changes whenever a year is stored (the table is append-only): a cheap way for a process to notice. */
export async function calendarFingerprint(db: Db | Trx): Promise<string> {
  const { count } = await db
    .selectFrom('calendar_years')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return String(count);
}

/**
 * Storing a year and evaluating with a calendar that lacks it must not interleave: a year is stored
 * under the exclusive lock, and an evaluation that counted on a provisional or missing year checks
 * the calendar under the shared one before it commits. Either the evaluation sees the new year, or
 * the store sees the subject's recorded need and asks for it again.
 */
export async function lockCalendars(trx: Trx, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = sql`hashtextextended('calendars', 0)`;
  if (mode === 'shared') await sql`SELECT pg_advisory_xact_lock_shared(${key})`.execute(trx);
  else await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
}

/** A year was stored after this process loaded its calendars: reload and evaluate again. */
export class StaleCalendarError extends Error {
  constructor() {
    super('a calendar year was stored since the calendars were loaded');
    this.name = 'StaleCalendarError';
  }
}

/**
 * For an evaluation that counted on years without official data: holds the shared lock to its
 * commit and checks that no year was stored since `loaded` (see lockCalendars).
 */
export async function assertCalendarsCurrent(trx: Trx, loaded: string): Promise<void> {
  await lockCalendars(trx, 'shared');
  if ((await calendarFingerprint(trx)) !== loaded) throw new StaleCalendarError();
}

/**
 * Stores a year's arrangement as its next revision (validated by the caller) and makes every
 * subject whose deadlines needed that year due now; returns the stored year and those subjects.
 * The same arrangement sent again (a retry) changes nothing and returns the revision in force.
 */
export async function storeCalendarYear(
  trx: Trx,
  year: {
    calendarId: string;
    year: number;
    holidays: string[];
    workdays: string[];
    source: string;
    storedBy: string;
  },
  now: Date,
): Promise<{ stored: StoredCalendarYear; due: { kind: string; id: string }[]; unchanged: boolean }> {
  await lockCalendars(trx, 'exclusive');
  const newest = await trx
    .selectFrom('calendar_years')
    .selectAll()
    .where('calendar_id', '=', year.calendarId)
    .where('year', '=', year.year)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (
    newest &&
    newest.source === year.source &&
    JSON.stringify(newest.holidays) === JSON.stringify(year.holidays) &&
    JSON.stringify(newest.workdays) === JSON.stringify(year.workdays)
  ) {
    const stored = {
      ...year,
      revision: newest.revision,
      storedBy: newest.stored_by,
      storedAt: newest.stored_at,
    };
    return { stored, due: [], unchanged: true };
  }
  const row = await trx
    .insertInto('calendar_years')
    .values({
      calendar_id: year.calendarId,
      year: year.year,
      revision: sql<number>`(SELECT coalesce(max(revision), 0) + 1 FROM calendar_years
        WHERE calendar_id = ${year.calendarId} AND year = ${year.year})`,
      holidays: JSON.stringify(year.holidays),
      workdays: JSON.stringify(year.workdays),
      source: year.source,
      stored_by: year.storedBy,
    })
    .returning(['revision', 'stored_at'])
    .executeTakeFirstOrThrow();
  const due = await markDependentsDue(trx, year.year, now);
  const { storedBy, calendarId, holidays, workdays, source } = year;
  return {
    stored: {
      calendarId,
      year: year.year,
      revision: row.revision,
      holidays,
      workdays,
      source,
      storedBy,
      storedAt: row.stored_at,
    },
    due,
    unchanged: false,
  };
}

/** A subject that cannot be evaluated until a year is stored (a pack that refuses to count without it). */
export async function awaitCalendarYear(trx: Trx, kind: string, id: string, year: number): Promise<void> {
  await trx
    .updateTable('subjects')
    .set({ calendar_needs: [year] })
    .where('kind', '=', kind)
    .where('id', '=', id)
    .execute();
}

/** How many subjects count on each year without official data (the partial index keeps this small). */
export async function subjectsCountingOn(db: Db): Promise<Map<number, number>> {
  const { rows } = await sql<{ year: number; subjects: string }>`
    SELECT year, count(*) AS subjects FROM subjects, unnest(calendar_needs) AS year
    WHERE calendar_needs <> '{}' GROUP BY year`.execute(db);
  return new Map(rows.map((r) => [Number(r.year), Number(r.subjects)]));
}

/** What a person reads of a calendar: the years in force, the replaced ones, and how far official data reaches. */
export interface CalendarOverview {
  calendar: StoredCalendar;
  /** Each official year's newest revision, by year. */
  official: StoredCalendarYear[];
  /** Replaced revisions, oldest first. */
  history: StoredCalendarYear[];
  /** Days from today to the end of the official data that covers it (0: none for this year). */
  officialDaysLeft: number;
  /** The last day of that data, YYYY-MM-DD; null when none covers today. */
  officialThrough: string | null;
  /** Years counted provisionally worth showing (domain's provisionalYearsToShow), with the subjects counting on each. */
  provisional: { year: number; subjectsCounting: number }[];
}

/** The stored calendars (or one) as of `now`: what GET /v1/calendars and `engine.sh calendar show` print. */
export async function calendarOverviews(db: Db, now: Date, calendarId?: string): Promise<CalendarOverview[]> {
  const [calendars, counting] = await Promise.all([storedCalendars(db, calendarId), subjectsCountingOn(db)]);
  const at = parseInstant(now.toISOString());
  return calendars.map((calendar) => {
    const current = new Map(calendar.years.map((y) => [y.year, y]));
    const officialDaysLeft = loadCalendar(
      calendarDataOf(calendar),
      `calendars/${calendar.id}`,
    ).officialDaysLeft(at);
    const today = at.setZone(calendar.timeZone).startOf('day');
    return {
      calendar,
      official: [...current.values()],
      history: calendar.years.filter((y) => current.get(y.year) !== y),
      officialDaysLeft,
      officialThrough: officialDaysLeft > 0 ? today.plus({ days: officialDaysLeft - 1 }).toISODate() : null,
      provisional: provisionalYearsToShow([...current.keys()], today.year, [...counting.keys()]).map(
        (year) => ({
          year,
          subjectsCounting: counting.get(year) ?? 0,
        }),
      ),
    };
  });
}
