import cnMainland from '../../calendars/cn-mainland.json' with { type: 'json' };
import type { CalendarData } from './calendar-data.ts';
import { loadCalendar, type WorkingCalendar } from './working-calendar.ts';

/** The calendar files shipped with the engine: what a new database is seeded with. */
export const builtinCalendarData: readonly { data: CalendarData; source: string }[] = [
  { data: cnMainland, source: 'calendars/cn-mainland.json' },
];

/** The shipped calendars, by id (the rules core's own tests and demo; the engine uses the stored ones). */
export const builtinCalendars: ReadonlyMap<string, WorkingCalendar> = new Map(
  builtinCalendarData.map(({ data, source }) => {
    const calendar = loadCalendar(data, source);
    return [calendar.id, calendar];
  }),
);
