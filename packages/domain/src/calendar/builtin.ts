import cnMainland from '../../calendars/cn-mainland.json' with { type: 'json' };
import { loadCalendar, type WorkingCalendar } from './working-calendar.ts';

/** The calendars shipped with the engine, by id. Adding a year is a change to the JSON file only. */
export const builtinCalendars: ReadonlyMap<string, WorkingCalendar> = new Map(
  [loadCalendar(cnMainland, 'calendars/cn-mainland.json')].map((calendar) => [calendar.id, calendar]),
);
