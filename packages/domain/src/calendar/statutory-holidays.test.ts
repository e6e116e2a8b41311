import { getLunarDate, getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import cnMainland from '../../calendars/cn-mainland.json' with { type: 'json' };
import { STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays.ts';

const years = Array.from(
  { length: STATUTORY_YEARS.last - STATUTORY_YEARS.first + 1 },
  (_, i) => STATUTORY_YEARS.first + i,
);
const addDays = (iso: string, days: number) =>
  DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate()!;

/** The years whose Mid-Autumn Festival falls on 1, 2 or 3 October, so that the year has 12 distinct days. */
const MID_AUTUMN_ON_NATIONAL_DAY: Record<number, string> = {
  1906: '1906-10-02',
  1925: '1925-10-02',
  1944: '1944-10-01',
  1952: '1952-10-03',
  1963: '1963-10-02',
  1971: '1971-10-03',
  1982: '1982-10-01',
  1990: '1990-10-03',
  2001: '2001-10-01',
  2009: '2009-10-03',
  2020: '2020-10-01',
  2028: '2028-10-03',
  2031: '2031-10-01',
  2039: '2039-10-02',
  2058: '2058-10-02',
  2066: '2066-10-03',
  2077: '2077-10-01',
  2085: '2085-10-03',
};

describe('statutoryHolidays: the rule of 2024 (in force from 2025) for every year', () => {
  it('2023: 1 + 4 + 1 + 2 + 1 + 1 + 3 = 13 days', () => {
    expect(statutoryHolidays(2023)).toEqual([
      '2023-01-01',
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-04-05',
      '2023-05-01',
      '2023-05-02',
      '2023-06-22',
      '2023-09-29',
      '2023-10-01',
      '2023-10-02',
      '2023-10-03',
    ]);
  });

  it('2020: Mid-Autumn on 1 October is National Day too, so 12 distinct days', () => {
    expect(statutoryHolidays(2020)).toEqual([
      '2020-01-01',
      '2020-01-24',
      '2020-01-25',
      '2020-01-26',
      '2020-01-27',
      '2020-04-04',
      '2020-05-01',
      '2020-05-02',
      '2020-06-25',
      '2020-10-01',
      '2020-10-02',
      '2020-10-03',
    ]);
  });

  it('gives 13 sorted, distinct days of the year asked for, 12 exactly when Mid-Autumn is on 1-3 October', () => {
    const twelve: number[] = [];
    for (const year of years) {
      const days = statutoryHolidays(year);
      expect(days).toEqual([...new Set(days)].sort());
      // The lunar year whose 1st month begins in `year` gives every lunar date of `year`, eve included.
      expect(days.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && day.startsWith(`${year}-`))).toBe(true);
      // Mid-Autumn (mid-September to early October) is the only holiday that can fall on another one.
      const autumn = days.filter((day) => day >= `${year}-09-01` && day <= `${year}-10-31`);
      const midAutumn = autumn.filter((day) => day < `${year}-10-01` || day > `${year}-10-03`);
      if (days.length === 13) {
        expect(midAutumn).toHaveLength(1);
      } else {
        expect([days.length, midAutumn]).toEqual([12, []]);
        twelve.push(year);
      }
    }
    expect(twelve).toEqual(Object.keys(MID_AUTUMN_ON_NATIONAL_DAY).map(Number));
    // The Mid-Autumn dates of those years, from the other library.
    for (const [year, day] of Object.entries(MID_AUTUMN_ON_NATIONAL_DAY)) {
      expect(getSolarDateFromLunar(`${year}-08-15`).date).toBe(day);
    }
  });

  it.each([STATUTORY_YEARS.first - 1, STATUTORY_YEARS.last + 1, 2023.5, Number.NaN])(
    'refuses %s with a RangeError',
    (year) => {
      expect(() => statutoryHolidays(year)).toThrow(RangeError);
      expect(() => statutoryHolidays(year)).toThrow(/1901-2099/);
    },
  );
});

describe('statutoryHolidays against the official arrangements of 2024-2026 (calendars/cn-mainland.json)', () => {
  const officialHolidays = (year: '2024' | '2025' | '2026') =>
    new Set(
      cnMainland.years[year].holidays.flatMap((entry) => {
        const [from, to = from] = entry.split('/') as [string, string?];
        const days: string[] = [];
        for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
        return days;
      }),
    );

  it.each([2025, 2026] as const)('every statutory day of %i is an official holiday', (year) => {
    const official = officialHolidays(String(year) as '2025' | '2026');
    expect(statutoryHolidays(year).filter((day) => !official.has(day))).toEqual([]);
  });

  it('2024: all but the Spring Festival eve, which became statutory only with the 2024 revision in force from 2025', () => {
    const official = officialHolidays('2024');
    expect(statutoryHolidays(2024).filter((day) => !official.has(day))).toEqual(['2024-02-09']);
  });
});

describe('statutoryHolidays against chinese-days, an independent lunar table and solar-term formula', () => {
  it('agrees on every lunar date and Qingming of 1901-2099 but Mid-Autumn 1996, where chinese-days is wrong', () => {
    const disagreements: string[] = [];
    for (const year of years) {
      const newYear = getSolarDateFromLunar(`${year}-01-01`).date;
      const expected = new Set([
        `${year}-01-01`,
        addDays(newYear, -1),
        newYear,
        addDays(newYear, 1),
        addDays(newYear, 2),
        getSolarTermDate(year, 4, 'pure_brightness'),
        `${year}-05-01`,
        `${year}-05-02`,
        getSolarDateFromLunar(`${year}-05-05`).date,
        getSolarDateFromLunar(`${year}-08-15`).date,
        `${year}-10-01`,
        `${year}-10-02`,
        `${year}-10-03`,
      ]);
      const projected = statutoryHolidays(year);
      const onlyProjected = projected.filter((day) => !expected.has(day));
      const onlyExpected = [...expected].filter((day) => !projected.includes(day));
      if (onlyProjected.length || onlyExpected.length) {
        disagreements.push(`${year}: ${onlyProjected.join(',')} vs chinese-days ${onlyExpected.join(',')}`);
      }
      // The other direction, solar to lunar: the eve ends the 12th month of the lunar year before.
      const eve = getLunarDate(addDays(newYear, -1));
      const first = getLunarDate(newYear);
      expect([
        eve.lunarYear,
        eve.lunarMon,
        eve.isLeap,
        first.lunarYear,
        first.lunarMon,
        first.lunarDay,
      ]).toEqual([year - 1, 12, false, year, 1, 1]);
    }
    // chinese-days' lunar table has 0x055c0 for 1996, a known error of the table copied across many
    // libraries; the Hong Kong Observatory's almanac (T1996c.txt) gives 0x05ac0, so that 1 October 1996 is
    // the 19th of the 8th month and Mid-Autumn is 27 September, as lunar-typescript computes.
    expect(disagreements).toEqual(['1996: 1996-09-27 vs chinese-days 1996-09-26']);
  });
});
