import { describe, expect, it } from 'vitest';
import cnMainland from '../../calendars/cn-mainland.json' with { type: 'json' };
import { event, fines, miitOverLevel, policy, received, sh, shLocal } from '../../test/fixtures.ts';
import { PolicyDataError } from '../data-errors.ts';
import { loadPolicyPack } from '../policy/policy.ts';
import { evaluateComplaint } from '../subjects/complaint.ts';
import { CalendarCoverageError, loadCalendar, yearProblems } from './working-calendar.ts';
import { yearArrangementProblems } from './year-arrangement.ts';

// The official 2023 arrangement (国办发明电〔2022〕16号), as the operator stores it.
const official2023 = {
  source: 'State Council General Office notice on the 2023 holiday arrangements',
  holidays: [
    '2023-01-01/2023-01-02',
    '2023-01-21/2023-01-27',
    '2023-04-05',
    '2023-04-29/2023-05-03',
    '2023-06-22/2023-06-24',
    '2023-09-29/2023-10-06',
  ],
  makeupWorkdays: [
    '2023-01-28',
    '2023-01-29',
    '2023-04-23',
    '2023-05-06',
    '2023-06-25',
    '2023-10-07',
    '2023-10-08',
  ],
};
const shipped = loadCalendar(cnMainland, 'calendars/cn-mainland.json');
const with2023 = loadCalendar({ ...cnMainland, years: { ...cnMainland.years, 2023: official2023 } }, 'test');

// RULES.md 2.2 and 3: an over-level complaint (the ministry, control level 1) resolved within 5 working days.
const overLevelComplaint = [
  received('2023-04-26T10:00', { overLevel: miitOverLevel(true, false) }),
  event('complaint.first_replied', '2023-04-26T10:30', {}),
  event('complaint.resolved', '2023-05-05T20:00', {}),
];
const judgedBy = (calendar: typeof shipped, missingYear: 'provisional' | 'refuse') =>
  loadPolicyPack(
    { ...policy.pack, calendar: { id: 'cn-mainland', missingYear } },
    'test',
    new Map([['cn-mainland', calendar]]),
  );

describe('RULES.md 3: a year without official holiday data (pack calendar.missingYear)', () => {
  it('provisional: weekends and the statutory 1-2 May off, so 5 working days from Wed 2023-04-26 10:00 end Fri 5/5 10:00', () => {
    const provisional = shipped.withMissingYear('provisional');
    const deadline = provisional.addWorkingDays(sh('2023-04-26T10:00'), 5, 'elapsed');
    expect(shLocal(deadline)).toBe('2023-05-05T10:00');
    expect(provisional.yearStatus(2023)).toBe('provisional');
    expect(provisional.provisionalYearsBetween(sh('2023-04-26T10:00'), deadline)).toEqual([2023]);
  });

  it('with the official 2023 arrangement stored, Saturday 5/6 is a make-up working day: the deadline is 5/6 10:00', () => {
    const deadline = with2023
      .withMissingYear('provisional')
      .addWorkingDays(sh('2023-04-26T10:00'), 5, 'elapsed');
    expect(shLocal(deadline)).toBe('2023-05-06T10:00');
    expect(
      with2023.withMissingYear('provisional').provisionalYearsBetween(sh('2023-04-26T10:00'), deadline),
    ).toEqual([]);
  });

  it('refuse: the same deadline fails loudly, naming the year', () => {
    expect(() =>
      shipped.withMissingYear('refuse').addWorkingDays(sh('2023-04-26T10:00'), 5, 'elapsed'),
    ).toThrow(CalendarCoverageError);
    expect(shipped.withMissingYear('refuse').yearStatus(2023)).toBe('missing');
  });

  it('the complaint breaches provisionally and is fined 100 yuan; with 2023 official it is met and not fined', () => {
    const provisional = evaluateComplaint(
      judgedBy(shipped, 'provisional'),
      'C1',
      overLevelComplaint,
      sh('2023-06-01T00:00'),
    );
    const resolution = provisional.state!.clocks.find((c) => c.name === 'resolution')!;
    expect(shLocal(resolution.deadline)).toBe('2023-05-05T10:00');
    expect(resolution.state).toBe('breached');
    expect(resolution.provisionalYears).toEqual([2023]);
    expect(fines(provisional.entries)).toContain('sla.resolution.late 100');
    const breach = provisional.signals.find((s) => s.key === 'breach:resolution');
    expect(breach?.provisionalYears).toEqual([2023]);

    const official = evaluateComplaint(
      judgedBy(with2023, 'provisional'),
      'C1',
      overLevelComplaint,
      sh('2023-06-01T00:00'),
    );
    const met = official.state!.clocks.find((c) => c.name === 'resolution')!;
    expect(shLocal(met.deadline)).toBe('2023-05-06T10:00');
    expect(met.state).toBe('met');
    expect(met.provisionalYears).toEqual([]);
    expect(fines(official.entries)).not.toContain('sla.resolution.late 100');
  });

  it('a deadline counted in hours never needs the calendar: not provisional even in a year without data', () => {
    const { state } = evaluateComplaint(
      judgedBy(shipped, 'provisional'),
      'C1',
      overLevelComplaint,
      sh('2023-06-01T00:00'),
    );
    expect(state!.clocks.find((c) => c.name === 'first_response')!.provisionalYears).toEqual([]);
  });

  it('a pack whose calendar is a bare id counts provisionally (the default)', () => {
    const bare = loadPolicyPack(
      { ...policy.pack, calendar: 'cn-mainland' },
      'test',
      new Map([['cn-mainland', shipped]]),
    );
    expect(bare.calendar.missingYear).toBe('provisional');
  });
});

describe('days of official data left (the cliff operators are warned of)', () => {
  it('counts to 1 January after the last consecutive official year', () => {
    expect(shipped.officialDaysLeft(sh('2026-11-23T09:00'))).toBe(39);
    expect(shipped.officialDaysLeft(sh('2026-12-31T23:59'))).toBe(1);
    expect(shipped.officialDaysLeft(sh('2027-01-01T00:00'))).toBe(0);
    expect(shipped.officialDaysLeft(sh('2024-01-01T00:00'))).toBe(366 + 365 + 365);
  });
});

describe('a year as the State Council publishes it is checked before it is stored', () => {
  it('names every problem: a date of another year, a reversed range, a make-up day on a weekday or also a holiday', () => {
    expect(
      yearProblems(
        2027,
        {
          holidays: ['2026-12-31', '2027-02-11/2027-02-05', '2027-05-01/2027-05-05', '2027-02-30'],
          makeupWorkdays: ['2027-04-26', '2027-05-01', '2028-01-08'],
        },
        [6, 7],
      ),
    ).toEqual([
      { path: 'holidays[0]', message: '2026-12-31 is not a date of 2027' },
      { path: 'holidays[1]', message: 'the range 2027-02-11/2027-02-05 ends before it starts' },
      { path: 'holidays[3]', message: '2027-02-30 is not a date of 2027' },
      {
        path: 'makeupWorkdays[0]',
        message: '2027-04-26 is not a weekend day, so it cannot be a make-up working day',
      },
      {
        path: 'makeupWorkdays[1]',
        message: '2027-05-01 is also listed as a holiday; a day is either off or working',
      },
      { path: 'makeupWorkdays[2]', message: '2028-01-08 is not a date of 2027' },
    ]);
  });

  it('as sent to the API: shape and dates together, each by the index it was sent at, duplicates too', () => {
    const { problems, arrangement } = yearArrangementProblems(
      2028,
      {
        holidays: [
          '2028-01-01',
          '2028-02-30',
          { from: '2028-05-05', to: '2028-05-01' },
          '20280101',
          '2028-01-01',
        ],
        workdays: ['2028-01-04', '2028-01-01', '2028-01-08', '2028-01-08'],
        extra: 1,
      },
      [6, 7],
    );
    expect(arrangement).toBeNull();
    expect(problems).toEqual([
      { path: 'holidays[3]', message: 'expected a date YYYY-MM-DD' },
      {
        path: 'source',
        message: 'required: where the arrangement comes from, such as the State Council notice',
      },
      { path: '', message: 'Unrecognized key: "extra"' },
      { path: 'holidays[1]', message: '2028-02-30 is not a date of 2028' },
      { path: 'holidays[2]', message: 'the range 2028-05-05/2028-05-01 ends before it starts' },
      { path: 'holidays[4]', message: '2028-01-01 is listed twice' },
      {
        path: 'workdays[0]',
        message: '2028-01-04 is not a weekend day, so it cannot be a make-up working day',
      },
      {
        path: 'workdays[1]',
        message: '2028-01-01 is also listed as a holiday; a day is either off or working',
      },
      { path: 'workdays[3]', message: '2028-01-08 is listed twice' },
    ]);
    expect(
      yearArrangementProblems(
        2028,
        { holidays: [{ from: '2028-01-01', to: '2028-01-02' }], source: 'notice' },
        [6, 7],
      ),
    ).toEqual({
      problems: [],
      arrangement: { source: 'notice', holidays: ['2028-01-01/2028-01-02'], makeupWorkdays: [] },
    });
  });

  it('names a source over 500 characters as too long, not as missing', () => {
    const { problems } = yearArrangementProblems(2028, { holidays: [], source: 'n'.repeat(501) }, [6, 7]);
    expect(problems).toEqual([{ path: 'source', message: 'at most 500 characters' }]);
  });

  it('keeps only the years 1901-2099 (a key like "0027" is not year 2027)', () => {
    expect(yearProblems(27, { holidays: [], makeupWorkdays: [] }, [6, 7])).toEqual([
      { path: 'year', message: '27 is not a year a calendar keeps (1901-2099)' },
    ]);
    const leadingZero = {
      ...cnMainland,
      years: { '0027': { source: 'x', holidays: [], makeupWorkdays: [] } },
    };
    expect(() => loadCalendar(leadingZero, 'calendars/x.json')).toThrow(
      /years\.0027\.year: 27 is not a year/,
    );
  });

  it('the shipped file is checked the same way', () => {
    const broken = {
      ...cnMainland,
      years: { 2027: { source: 'x', holidays: ['2027-05-01'], makeupWorkdays: ['2027-05-01'] } },
    };
    expect(() => loadCalendar(broken, 'calendars/broken.json')).toThrow(PolicyDataError);
    expect(() => loadCalendar(broken, 'calendars/broken.json')).toThrow(
      /calendars\/broken.json: years.2027.makeupWorkdays\[0\]: 2027-05-01 is also listed as a holiday/,
    );
  });
});
