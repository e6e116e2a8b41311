import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const dateOrRange = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/,
    'expected a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD',
  );

/** One year's official arrangement (a State Council notice). */
export const calendarYearSchema = z.strictObject({
  source: z.string().min(1).max(500),
  holidays: z.array(dateOrRange),
  makeupWorkdays: z.array(isoDate),
});

/** A working-day calendar as data: weekend days plus, per year, public holidays and make-up working days (调休). */
export const calendarDataSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  timeZone: z.string().min(1).max(64),
  /** ISO weekdays (1 = Monday ... 7 = Sunday) that are off unless made up. */
  weekend: z.array(z.number().int().min(1).max(7)),
  years: z.record(z.string().regex(/^\d{4}$/, 'expected a year YYYY'), calendarYearSchema),
});

export type CalendarData = z.infer<typeof calendarDataSchema>;

export type CalendarYear = z.infer<typeof calendarYearSchema>;
