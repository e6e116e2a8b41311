import { isWorkday as independentIsWorkday } from 'chinese-days';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import cnMainland from '../../calendars/cn-mainland.json' with { type: 'json' };
import { PolicyDataError } from '../data-errors.ts';
import { type Instant, parseInstant } from '../time.ts';
import { builtinCalendars } from './builtin.ts';
import { CalendarCoverageError, loadCalendar } from './working-calendar.ts';

const calendar = builtinCalendars.get('cn-mainland')!;
const shanghai = (iso: string) => parseInstant(`${iso}+08:00`);
const local = (instant: Instant) => instant.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm");

describe('RULES.md 3: the official arrangements of 2024-2026', () => {
  it.each([
    [
      '2024 holidays',
      [
        '2024-01-01',
        '2024-02-10',
        '2024-02-17',
        '2024-04-04',
        '2024-04-06',
        '2024-05-01',
        '2024-05-05',
        '2024-06-10',
        '2024-09-15',
        '2024-09-17',
        '2024-10-01',
        '2024-10-07',
      ],
    ],
    [
      '2025 holidays',
      [
        '2025-01-01',
        '2025-01-28',
        '2025-02-04',
        '2025-04-04',
        '2025-04-06',
        '2025-05-01',
        '2025-05-05',
        '2025-05-31',
        '2025-06-02',
        '2025-10-01',
        '2025-10-08',
      ],
    ],
    [
      '2026 holidays',
      [
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
        '2026-02-15',
        '2026-02-23',
        '2026-04-04',
        '2026-04-06',
        '2026-05-01',
        '2026-05-05',
        '2026-06-19',
        '2026-06-21',
        '2026-09-25',
        '2026-09-27',
        '2026-10-01',
        '2026-10-07',
      ],
    ],
  ])('%s are days off', (_name, dates) => {
    for (const date of dates) expect(calendar.isWorkingDate(date), date).toBe(false);
  });

  it.each([
    [
      '2024 make-up days',
      [
        '2024-02-04',
        '2024-02-18',
        '2024-04-07',
        '2024-04-28',
        '2024-05-11',
        '2024-09-14',
        '2024-09-29',
        '2024-10-12',
      ],
    ],
    ['2025 make-up days', ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']],
    [
      '2026 make-up days',
      ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    ],
  ])('%s are working days although they fall on weekends', (_name, dates) => {
    for (const date of dates) {
      expect(DateTime.fromISO(date).weekday, date).toBeGreaterThanOrEqual(6);
      expect(calendar.isWorkingDate(date), date).toBe(true);
    }
  });

  it('agrees with an independent data set (chinese-days) on every day of 2024-2026', () => {
    const disagreements: string[] = [];
    for (let day = DateTime.fromISO('2024-01-01'); day.year <= 2026; day = day.plus({ days: 1 })) {
      const date = day.toISODate()!;
      if (calendar.isWorkingDate(date) !== independentIsWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('fails loudly for a year it has no data for instead of assuming Monday to Friday', () => {
    expect(() => calendar.isWorkingDate('2027-03-01')).toThrow(CalendarCoverageError);
    expect(() => calendar.isWorkingDate('2023-12-29')).toThrow(/no holiday data for 2023/);
    expect(() => calendar.addWorkingDays(shanghai('2026-12-30T10:00'), 3, 'elapsed')).toThrow(
      CalendarCoverageError,
    );
  });

  it('takes a new year as a data change only', () => {
    const withNextYear = loadCalendar(
      {
        ...cnMainland,
        years: {
          ...cnMainland.years,
          '2027': { source: 'test data', holidays: ['2027-01-01'], makeupWorkdays: [] },
        },
      },
      'test',
    );
    expect(withNextYear.isWorkingDate('2027-01-01')).toBe(false);
    expect(withNextYear.isWorkingDate('2027-01-04')).toBe(true);
    expect(local(withNextYear.addWorkingDays(shanghai('2026-12-31T16:00'), 1, 'elapsed'))).toBe(
      '2027-01-04T16:00',
    );
  });
});

describe('RULES.md 3: N working days, default (elapsed) mode', () => {
  it.each([
    ['Fri 2026-02-13 10:00 + 3 (Sat 2/14 make-up, 2/15-23 off)', '2026-02-13T10:00', 3, '2026-02-25T10:00'],
    ['Fri 2026-09-18 10:00 + 3 (Sun 9/20 make-up)', '2026-09-18T10:00', 3, '2026-09-22T10:00'],
    ['Wed 2026-09-30 16:00 + 5 (10/1-7 off, Sat 10/10 make-up)', '2026-09-30T16:00', 5, '2026-10-13T16:00'],
    [
      'a working day at 16:00 + 3 ends at 16:00 of the third working day after',
      '2026-11-23T16:00',
      3,
      '2026-11-26T16:00',
    ],
    ['a holiday start counts from 00:00 of the next working day', '2026-10-03T15:00', 1, '2026-10-09T00:00'],
    ['a Sunday start counts from Monday 00:00', '2026-11-22T09:30', 1, '2026-11-24T00:00'],
    ['a make-up Saturday counts as a working day', '2026-10-09T12:00', 1, '2026-10-10T12:00'],
  ])('%s', (_name, start, days, expected) => {
    expect(local(calendar.addWorkingDays(shanghai(start), days, 'elapsed'))).toBe(expected);
  });
});

describe('RULES.md 3: N working days, endOfDay mode (民法典 arts. 201-203)', () => {
  it.each([
    [
      'the start day is not counted; ends 24:00 of the N-th working day',
      '2026-11-23T16:00',
      3,
      '2026-11-27T00:00',
    ],
    ['over the National Day holiday', '2026-09-30T16:00', 5, '2026-10-14T00:00'],
    ['from a holiday', '2026-10-03T15:00', 1, '2026-10-09T00:00'],
  ])('%s', (_name, start, days, expected) => {
    expect(local(calendar.addWorkingDays(shanghai(start), days, 'endOfDay'))).toBe(expected);
  });
});

describe('RULES.md 6: days counted by date', () => {
  it('"within 2 days" ends at 24:00 of the second day after the start date', () => {
    expect(local(calendar.addDateDays(shanghai('2026-11-23T23:59'), 2))).toBe('2026-11-26T00:00');
  });
  it('"same day" ends at 24:00 of the start date', () => {
    expect(local(calendar.addDateDays(shanghai('2026-11-23T08:00'), 0))).toBe('2026-11-24T00:00');
  });
});

describe('calendar data is validated when loaded', () => {
  it('names the file, the path and the reason of every problem', () => {
    const broken = {
      ...cnMainland,
      timeZone: 'Mars/Olympus',
      years: {
        '2026': {
          source: 's',
          holidays: ['2026-02-30', '2025-01-01'],
          makeupWorkdays: ['2026-11-23', 'soon'],
        },
      },
    };
    try {
      loadCalendar(broken, 'calendars/broken.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyDataError);
      const problems = (error as PolicyDataError).problems;
      expect(problems.map((p) => p.path)).toEqual(['years.2026.makeupWorkdays[1]']);
      expect(problems[0]!.source).toBe('calendars/broken.json');
    }
    const shapeOk = {
      ...broken,
      years: { '2026': { ...broken.years['2026'], makeupWorkdays: ['2026-11-23'] } },
    };
    expect(() => loadCalendar(shapeOk, 'calendars/broken.json')).toThrow(
      /calendars\/broken.json: timeZone: unknown IANA time zone Mars\/Olympus(.|\n)*years.2026.holidays\[0\]: 2026-02-30 is not a date of 2026(.|\n)*years.2026.holidays\[1\]: 2025-01-01 is not a date of 2026(.|\n)*years.2026.makeupWorkdays\[0\]: 2026-11-23 is not a weekend day/,
    );
  });
});

describe('calendar invariants (property-based)', () => {
  const instants = fc
    .integer({ min: shanghai('2024-01-01T00:00').toMillis(), max: shanghai('2026-10-31T00:00').toMillis() })
    .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }) as Instant);
  const days = fc.integer({ min: 1, max: 20 });

  it('a deadline is never before its start, in either mode', () => {
    fc.assert(
      fc.property(
        instants,
        days,
        fc.constantFrom('elapsed' as const, 'endOfDay' as const),
        (start, n, mode) => {
          expect(calendar.addWorkingDays(start, n, mode).toMillis()).toBeGreaterThan(start.toMillis());
        },
      ),
    );
  });

  it('a working-day deadline never falls inside a non-working day (24:00 ends the day before)', () => {
    fc.assert(
      fc.property(
        instants,
        days,
        fc.constantFrom('elapsed' as const, 'endOfDay' as const),
        (start, n, mode) => {
          const deadline = calendar.addWorkingDays(start, n, mode).setZone('Asia/Shanghai');
          const day =
            deadline.hour === 0 &&
            deadline.minute === 0 &&
            deadline.second === 0 &&
            deadline.millisecond === 0
              ? deadline.minus({ days: 1 })
              : deadline;
          expect(calendar.isWorkingDate(day.toISODate()!)).toBe(true);
        },
      ),
    );
  });

  it('N working days in elapsed mode hold exactly N x 24 hours of working time', () => {
    fc.assert(
      fc.property(instants, days, (start, n) => {
        const deadline = calendar.addWorkingDays(start, n, 'elapsed');
        expect(calendar.workingTimeBetween(start, deadline)).toBe(n * 86_400_000);
      }),
    );
  });

  it('adding working days is monotonic in N and in the start', () => {
    fc.assert(
      fc.property(instants, instants, days, (a, b, n) => {
        const [early, late] = a.toMillis() <= b.toMillis() ? [a, b] : [b, a];
        expect(calendar.addWorkingDays(early, n, 'elapsed').toMillis()).toBeLessThanOrEqual(
          calendar.addWorkingDays(late, n, 'elapsed').toMillis(),
        );
        expect(calendar.addWorkingDays(early, n, 'elapsed').toMillis()).toBeLessThan(
          calendar.addWorkingDays(early, n + 1, 'elapsed').toMillis(),
        );
      }),
    );
  });
});
