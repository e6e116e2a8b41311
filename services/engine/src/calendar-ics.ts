import ICAL from 'ical.js';

/** One stored holiday: a single date or an inclusive range, as in the State Council notice. */
export type IcsHoliday = string | { from: string; to: string };

export interface IcsCalendarYears {
  /** The feed's name (X-WR-CALNAME or NAME), for the stored year's `source`; null when absent. */
  name: string | null;
  /** Per Gregorian year ('2023'): holidays as single dates 'YYYY-MM-DD' or ranges { from, to } (inclusive), and make-up working days as dates; both sorted. */
  years: Record<string, { holidays: IcsHoliday[]; workdays: string[] }>;
}

/** Thrown when a feed cannot be loaded; `problems` names every bad event (SUMMARY and DTSTART) and why. */
export class IcsFeedError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`unusable holiday feed:\n${problems.join('\n')}`);
    this.name = 'IcsFeedError';
    this.problems = problems;
  }
}

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type DayKind = 'holiday' | 'workday';

interface EventDays {
  label: string;
  kind: DayKind;
  dates: string[];
}

// Apple's machine-readable marker (chinese-days sets it on every event); it wins over the SUMMARY wording.
const APPLE_SPECIAL_DAY: Record<string, DayKind> = {
  'ALTERNATE-WORKDAY': 'workday',
  'WORK-HOLIDAY': 'holiday',
};

// SUMMARY markers of a make-up working day (调休上班); anything else is a holiday, as in Zammad/Jira/Google feeds.
const WORKDAY_SUMMARY_MARKERS: readonly RegExp[] = [
  /[(（]班[)）]/, // chinese-days: 春节(班); full-width brackets when typed by hand
  /补班|上班/, // hand-made Chinese feeds: 春节补班, 调休上班
  // chinese-days English feed: "Spring Festival(Workday)"; also "working day", "work day". Not bare "work"
  // or "make-up": "International Workers' Day" and "make-up holiday" are days off.
  /\bwork(?:ing)?[\s-]?day\b/i,
];

const RECURRING_PROPERTIES = ['rrule', 'rdate', 'recurrence-id'];

/** Turns an iCalendar holiday feed into per-year holidays and make-up working days, or throws IcsFeedError. */
export function parseHolidayIcs(text: string): IcsCalendarYears {
  const calendars = readCalendars(text);
  const vevents = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  const problems: string[] = [];
  if (vevents.length === 0) problems.push('the feed has no events (no VEVENT): nothing to load');
  const events: EventDays[] = [];
  for (const vevent of vevents) {
    const result = readEvent(vevent);
    if ('problem' in result) problems.push(result.problem);
    else if (result.dates.length > 0) events.push(result);
  }
  const days = classifyDays(events, problems);
  if (problems.length > 0) throw new IcsFeedError(problems);
  return { name: feedName(calendars), years: byYear(days) };
}

/** Parses the text with ical.js into its VCALENDAR components; anything else is a one-line IcsFeedError. */
function readCalendars(text: string): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new IcsFeedError([`not an iCalendar file: ${reason}`]);
  }
  // ical.js returns one component, or a list of them when the text holds several.
  const list = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : jcal) as unknown[][];
  const components = list.map((item) => new ICAL.Component(item));
  const calendars = components.filter((component) => component.name === 'vcalendar');
  if (calendars.length === 0) {
    const found = components.map((component) => component.name.toUpperCase()).join(', ') || 'nothing';
    throw new IcsFeedError([`not an iCalendar file: no VCALENDAR (found ${found})`]);
  }
  return calendars;
}

function feedName(calendars: Component[]): string | null {
  for (const calendar of calendars) {
    const name = calendar.getFirstPropertyValue('x-wr-calname') ?? calendar.getFirstPropertyValue('name');
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return null;
}

/** The days one event covers and whether they are off or worked, or why the event cannot be used. */
function readEvent(vevent: Component): EventDays | { problem: string } {
  const start = vevent.getFirstProperty('dtstart');
  const summary = vevent.getFirstPropertyValue('summary');
  const label = `"${typeof summary === 'string' ? summary : '(no SUMMARY)'}" (DTSTART ${start ? rawValue(start) : 'missing'})`;
  const fail = (why: string) => ({ problem: `${label}: ${why}` });
  if (!start) return fail('has no DTSTART');
  if (RECURRING_PROPERTIES.some((name) => vevent.hasProperty(name))) {
    return fail("recurring events are not supported: list each year's dates");
  }
  // A publisher withdraws a day by cancelling its event: it covers no days.
  if (vevent.getFirstPropertyValue('status') === 'CANCELLED') return { label, kind: 'holiday', dates: [] };
  const end = vevent.getFirstProperty('dtend');
  if (start.type !== 'date' || (end && end.type !== 'date')) {
    return fail('not an all-day event (expected DTSTART;VALUE=DATE and DTEND;VALUE=DATE)');
  }
  if (!isRealDate(rawValue(start)) || (end && !isRealDate(rawValue(end)))) {
    return fail('DTSTART or DTEND is not a valid calendar date');
  }
  if (hasTimeOfDay(vevent)) return fail('DURATION must be whole days for an all-day event');
  // ical.js's Event gives the exclusive end from DTEND, DURATION or, when neither is there, start + 1 day.
  const event = new ICAL.Event(vevent);
  const dates = datesBetween(event.startDate, event.endDate);
  if (dates.length === 0) return fail(`ends (DTEND ${event.endDate.toString()}) before it starts`);
  return { label, kind: dayKind(vevent, summary), dates };
}

/** The property's value as written (jCal form), e.g. '2023-01-28' or '2023-01-28T09:00:00'. */
function rawValue(property: InstanceType<typeof ICAL.Property>): string {
  return String(property.jCal[3]);
}

// ical.js is lenient ('2023123' reads as 2023-12-03, 20230231 is kept): a wrong date must not shift a holiday.
function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= ICAL.Time.daysInMonth(month, year);
}

function hasTimeOfDay(vevent: Component): boolean {
  const duration = vevent.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
  return !!duration && (duration.hours !== 0 || duration.minutes !== 0 || duration.seconds !== 0);
}

/** Every date from start up to, not including, end (DTEND is exclusive, RFC 5545 3.6.1). */
function datesBetween(start: Time, end: Time): string[] {
  const dates: string[] = [];
  for (const day = start.clone(); day.compare(end) < 0; day.adjust(1, 0, 0, 0)) dates.push(day.toString());
  return dates;
}

function dayKind(vevent: Component, summary: unknown): DayKind {
  const special = vevent.getFirstPropertyValue('x-apple-special-day');
  const marked = typeof special === 'string' ? APPLE_SPECIAL_DAY[special.trim().toUpperCase()] : undefined;
  if (marked) return marked;
  const text = typeof summary === 'string' ? summary : '';
  return WORKDAY_SUMMARY_MARKERS.some((marker) => marker.test(text)) ? 'workday' : 'holiday';
}

/** Each covered date's kind; a date both off and worked is a problem naming both events. */
function classifyDays(events: EventDays[], problems: string[]): Map<string, DayKind> {
  const claimedBy = new Map<string, EventDays>();
  for (const event of events) {
    const clashes = new Map<EventDays, string[]>();
    for (const date of event.dates) {
      const other = claimedBy.get(date);
      if (!other) claimedBy.set(date, event);
      else if (other.kind !== event.kind) clashes.set(other, [...(clashes.get(other) ?? []), date]);
    }
    for (const [other, dates] of clashes) {
      problems.push(
        `${event.label}: ${dates.join(', ')} ${kindText(event.kind)} but ${other.label} ${kindText(other.kind)}`,
      );
    }
  }
  return new Map([...claimedBy].map(([date, event]) => [date, event.kind]));
}

function kindText(kind: DayKind): string {
  return kind === 'workday' ? 'is a make-up working day' : 'is a holiday';
}

/** Groups dates by Gregorian year, so an event across New Year lands in both years. */
function byYear(days: Map<string, DayKind>): IcsCalendarYears['years'] {
  const split: Record<string, { holidays: string[]; workdays: string[] }> = {};
  for (const date of [...days.keys()].sort()) {
    split[date.slice(0, 4)] ??= { holidays: [], workdays: [] };
    const year = split[date.slice(0, 4)]!;
    (days.get(date) === 'workday' ? year.workdays : year.holidays).push(date);
  }
  const years: IcsCalendarYears['years'] = {};
  for (const [year, { holidays, workdays }] of Object.entries(split)) {
    years[year] = { holidays: mergeRuns(holidays), workdays };
  }
  return years;
}

/** Sorted dates to single dates and { from, to } runs of consecutive days. */
function mergeRuns(sorted: string[]): IcsHoliday[] {
  const runs: { from: string; to: string }[] = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    if (last && nextDay(last.to) === date) last.to = date;
    else runs.push({ from: date, to: date });
  }
  return runs.map((run) => (run.from === run.to ? run.from : run));
}

function nextDay(date: string): string {
  const day = ICAL.Time.fromDateString(date);
  day.adjust(1, 0, 0, 0);
  return day.toString();
}
