import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type IcsCalendarYears, IcsFeedError, parseHolidayIcs } from '../src/calendar-ics.ts';

const chineseDays = new URL('../../../node_modules/chinese-days/dist/', import.meta.url);
const shippedCalendar = new URL('../../../packages/domain/calendars/cn-mainland.json', import.meta.url);
const read = (url: URL) => readFileSync(fileURLToPath(url), 'utf8');
const feed = (path: string) => read(new URL(path, chineseDays));

/** Every date of a 'YYYY-MM-DD', 'from/to' or { from, to } holiday, inclusive. */
function datesOf(holiday: string | { from: string; to: string }): string[] {
  const [from, to = from] = typeof holiday === 'string' ? holiday.split('/') : [holiday.from, holiday.to];
  const dates: string[] = [];
  for (
    let day = new Date(`${from}T00:00Z`);
    day <= new Date(`${to}T00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

/** All holiday dates and make-up working days of a parsed feed, across its years. */
function allDays(parsed: IcsCalendarYears) {
  const years = Object.values(parsed.years);
  return {
    holidays: years.flatMap((year) => year.holidays.flatMap(datesOf)).sort(),
    workdays: years.flatMap((year) => year.workdays).sort(),
  };
}

function ics(...events: string[][]): string {
  const body = events.flatMap((lines) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT']);
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...body, 'END:VCALENDAR', ''].join('\r\n');
}

function problemsOf(text: string): string[] {
  try {
    parseHolidayIcs(text);
  } catch (error) {
    expect(error).toBeInstanceOf(IcsFeedError);
    return (error as IcsFeedError).problems;
  }
  throw new Error('expected an IcsFeedError');
}

describe('real feeds from the chinese-days package', () => {
  it('finds the fixture files', () => {
    expect(existsSync(fileURLToPath(new URL('holidays.ics', chineseDays)))).toBe(true);
    expect(existsSync(fileURLToPath(shippedCalendar))).toBe(true);
  });

  it('reads years/2023.ics as the official 2023 arrangement', () => {
    expect(parseHolidayIcs(feed('years/2023.ics'))).toEqual({
      name: '中国节假日',
      years: {
        '2023': {
          holidays: [
            { from: '2023-01-01', to: '2023-01-02' },
            { from: '2023-01-21', to: '2023-01-27' },
            '2023-04-05',
            { from: '2023-04-29', to: '2023-05-03' },
            { from: '2023-06-22', to: '2023-06-24' },
            { from: '2023-09-29', to: '2023-10-06' },
          ],
          workdays: [
            '2023-01-28',
            '2023-01-29',
            '2023-04-23',
            '2023-05-06',
            '2023-06-25',
            '2023-10-07',
            '2023-10-08',
          ],
        },
      },
    });
  });

  it('reads holidays.ics (2024-2026) day by day as our shipped cn-mainland calendar', () => {
    const shipped = JSON.parse(read(shippedCalendar)) as {
      years: Record<string, { holidays: string[]; makeupWorkdays: string[] }>;
    };
    const parsed = parseHolidayIcs(feed('holidays.ics'));
    expect(Object.keys(parsed.years)).toEqual(['2024', '2025', '2026']);
    for (const year of ['2024', '2025', '2026']) {
      const ours = shipped.years[year]!;
      const theirs = parsed.years[year]!;
      expect(theirs.holidays.flatMap(datesOf), year).toEqual(ours.holidays.flatMap(datesOf).sort());
      expect(theirs.workdays, year).toEqual([...ours.makeupWorkdays].sort());
    }
    expect(parsed.years['2025']!.holidays).toContainEqual({ from: '2025-10-01', to: '2025-10-08' });
  });

  it('reads the English feed exactly as the Chinese one', () => {
    const english = parseHolidayIcs(feed('holidays.en.ics'));
    expect(english.name).toBe('Chinese Public Holidays');
    expect(english.years).toEqual(parseHolidayIcs(feed('holidays.ics')).years);
  });

  it.each(Array.from({ length: 23 }, (_, i) => String(2004 + i)))(
    'reads years/%s.ics as years/%s.json says',
    (year) => {
      const json = JSON.parse(feed(`years/${year}.json`)) as {
        holidays: Record<string, string>;
        workdays: Record<string, string>;
      };
      const parsed = parseHolidayIcs(feed(`years/${year}.ics`));
      expect(Object.keys(parsed.years)).toEqual([year]);
      expect(allDays(parsed)).toEqual({
        holidays: Object.keys(json.holidays).sort(),
        workdays: Object.keys(json.workdays).sort(),
      });
      expect(parseHolidayIcs(feed(`years/${year}.en.ics`)).years).toEqual(parsed.years);
    },
  );

  it('does not need the Apple marker: the SUMMARY wording alone gives the same years', () => {
    for (const path of ['holidays.ics', 'holidays.en.ics', 'years/2015.ics', 'years/2015.en.ics']) {
      const text = feed(path);
      const withoutAppleMarker = text.replace(/^X-APPLE-SPECIAL-DAY:.*\r?\n/gm, '');
      expect(withoutAppleMarker, path).not.toContain('X-APPLE-SPECIAL-DAY');
      expect(parseHolidayIcs(withoutAppleMarker).years, path).toEqual(parseHolidayIcs(text).years);
    }
  });
});

describe('event shapes', () => {
  it('takes a missing DTEND as one day and DTEND as exclusive', () => {
    const parsed = parseHolidayIcs(
      ics(
        ['SUMMARY:清明', 'DTSTART;VALUE=DATE:20230405'],
        ['SUMMARY:春节', 'DTSTART;VALUE=DATE:20230121', 'DTEND;VALUE=DATE:20230128'],
        ['SUMMARY:劳动节', 'DTSTART;VALUE=DATE:20230429', 'DURATION:P5D'],
      ),
    );
    expect(parsed).toEqual({
      name: null,
      years: {
        '2023': {
          holidays: [
            { from: '2023-01-21', to: '2023-01-27' },
            '2023-04-05',
            { from: '2023-04-29', to: '2023-05-03' },
          ],
          workdays: [],
        },
      },
    });
  });

  it('splits an event across New Year between the two years', () => {
    const parsed = parseHolidayIcs(
      ics(['SUMMARY:New Year holiday', 'DTSTART;VALUE=DATE:20241230', 'DTEND;VALUE=DATE:20250102']),
    );
    expect(parsed.years).toEqual({
      '2024': { holidays: [{ from: '2024-12-30', to: '2024-12-31' }], workdays: [] },
      '2025': { holidays: ['2025-01-01'], workdays: [] },
    });
  });

  it('recognises make-up working days by their SUMMARY and keeps public holidays as holidays', () => {
    const parsed = parseHolidayIcs(
      ics(
        ['SUMMARY:春节（班）', 'DTSTART;VALUE=DATE:20230128'],
        ['SUMMARY:春节补班', 'DTSTART;VALUE=DATE:20230129'],
        ['SUMMARY:劳动节调休上班', 'DTSTART;VALUE=DATE:20230423'],
        ['SUMMARY:Labour Day (working day)', 'DTSTART;VALUE=DATE:20230506'],
        ["SUMMARY:International Workers' Day", 'DTSTART;VALUE=DATE:20230501'],
        ['SUMMARY:端午节', 'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY', 'DTSTART;VALUE=DATE:20230625'],
        ['SUMMARY:国庆节(休)', 'DTSTART;VALUE=DATE:20231001'],
        ['SUMMARY:Withdrawn', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20231002'],
      ),
    );
    expect(parsed.years['2023']).toEqual({
      holidays: ['2023-05-01', '2023-10-01'],
      workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25'],
    });
  });
});

describe('feeds that cannot be loaded', () => {
  it('rejects a timed event', () => {
    const problems = problemsOf(
      ics(['SUMMARY:Team offsite', 'DTSTART:20231001T090000', 'DTEND:20231001T170000']),
    );
    expect(problems).toEqual([
      '"Team offsite" (DTSTART 2023-10-01T09:00:00): not an all-day event (expected DTSTART;VALUE=DATE and DTEND;VALUE=DATE)',
    ]);
  });

  it('rejects a recurring event', () => {
    const problems = problemsOf(ics(['SUMMARY:元旦', 'DTSTART;VALUE=DATE:20230101', 'RRULE:FREQ=YEARLY']));
    expect(problems).toEqual([
      `"元旦" (DTSTART 2023-01-01): recurring events are not supported: list each year's dates`,
    ]);
  });

  it('rejects a day that is both a holiday and a make-up working day, naming both events', () => {
    const problems = problemsOf(
      ics(
        ['SUMMARY:国庆节(休)', 'DTSTART;VALUE=DATE:20231001', 'DTEND;VALUE=DATE:20231009'],
        ['SUMMARY:国庆节(班)', 'DTSTART;VALUE=DATE:20231007', 'DTEND;VALUE=DATE:20231009'],
      ),
    );
    expect(problems).toEqual([
      '"国庆节(班)" (DTSTART 2023-10-07): 2023-10-07, 2023-10-08 is a make-up working day but "国庆节(休)" (DTSTART 2023-10-01) is a holiday',
    ]);
  });

  it('rejects text that is not iCalendar with a one-line reason', () => {
    for (const text of [
      'this is not a calendar',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zhang San\r\nEND:VCARD',
      '',
    ]) {
      const problems = problemsOf(text);
      expect(problems, text).toHaveLength(1);
      expect(problems[0], text).toMatch(/^not an iCalendar file: [^\n]+$/);
    }
    expect(problemsOf('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n')[0]).toMatch(/^not an iCalendar file: /);
  });

  it('rejects a calendar without events', () => {
    expect(problemsOf(ics())).toEqual(['the feed has no events (no VEVENT): nothing to load']);
  });

  it('reports every problem at once, and wrong dates that ical.js would quietly accept', () => {
    const problems = problemsOf(
      ics(
        ['SUMMARY:Team offsite', 'DTSTART:20231001T090000'],
        ['SUMMARY:元旦', 'DTSTART;VALUE=DATE:20230101', 'RRULE:FREQ=YEARLY'],
        ['SUMMARY:Typo', 'DTSTART;VALUE=DATE:20230231'],
        ['SUMMARY:Backwards', 'DTSTART;VALUE=DATE:20230110', 'DTEND;VALUE=DATE:20230105'],
        ['SUMMARY:No start'],
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^"Team offsite" \(DTSTART 2023-10-01T09:00:00\): not an all-day event/),
      expect.stringMatching(/^"元旦" \(DTSTART 2023-01-01\): recurring events are not supported/),
      '"Typo" (DTSTART 2023-02-31): DTSTART or DTEND is not a valid calendar date',
      '"Backwards" (DTSTART 2023-01-10): ends (DTEND 2023-01-05) before it starts',
      '"No start" (DTSTART missing): has no DTSTART',
    ]);
    expect(() => parseHolidayIcs(ics(['SUMMARY:Typo', 'DTSTART;VALUE=DATE:20230231']))).toThrow(
      /unusable holiday feed:\n"Typo"/,
    );
  });
});
