import { builtinCalendarData } from '@engine/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  assertCalendarsCurrent,
  awaitCalendarYear,
  calendarDataOf,
  calendarFingerprint,
  loadStoredCalendars,
  SHIPPED,
  StaleCalendarError,
  seedBuiltinCalendars,
  storeCalendarYear,
  storedCalendars,
  subjectsCountingOn,
} from '../src/calendars.repository.ts';
import { createDb, type Db, type Trx } from '../src/database.ts';
import { insertSubject, nextCheckOf, uid } from './support.ts';

/*
 * The whole run shares one database and other tests read cn-mainland: this file stores only years
 * 2031-2035, which nothing else uses, and each of them valid, so every loader keeps working.
 */

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

const CALENDAR = 'cn-mainland';
const shipped = builtinCalendarData.find((c) => c.data.id === CALENDAR)!.data;

type YearInput = Parameters<typeof storeCalendarYear>[1];
const yearOf = (year: number, spec: Partial<YearInput> = {}): YearInput => ({
  calendarId: CALENDAR,
  year,
  holidays: [],
  workdays: [],
  source: `test notice for ${year}`,
  storedBy: 'calendar test',
  ...spec,
});
const store = (year: YearInput) =>
  db.transaction().execute((trx) => storeCalendarYear(trx, year, new Date()));
const revisionsOf = async (year: number) =>
  (await storedCalendars(db, CALENDAR))[0]!.years.filter((y) => y.year === year);

describe('the shipped calendar is in the database from the first start', () => {
  it('cn-mainland is stored with its zone, weekend and every shipped year, each as revision 1 by the shipped file', async () => {
    const [calendar, ...others] = await storedCalendars(db, CALENDAR);
    expect(others).toEqual([]);
    expect(calendar).toMatchObject({
      id: CALENDAR,
      name: shipped.name,
      timeZone: 'Asia/Shanghai',
      weekend: [6, 7],
    });
    const shippedYears = Object.keys(shipped.years).map(Number);
    expect(shippedYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(calendar!.years.filter((y) => shippedYears.includes(y.year))).toEqual(
      Object.entries(shipped.years).map(([year, spec]) => ({
        calendarId: CALENDAR,
        year: Number(year),
        revision: 1,
        holidays: spec.holidays,
        workdays: spec.makeupWorkdays,
        source: spec.source,
        storedBy: SHIPPED,
        storedAt: expect.any(Date),
      })),
    );
    expect(await storedCalendars(db, 'atlantis')).toEqual([]);
    expect((await storedCalendars(db)).map((c) => c.id)).toContain(CALENDAR);
  });

  it('seeding again stores nothing: the fingerprint is unchanged', async () => {
    const before = await calendarFingerprint(db);
    await seedBuiltinCalendars(db, new Date());
    expect(await calendarFingerprint(db)).toBe(before);
  });

  it('loads as a working calendar that knows the shipped holidays and make-up working days', async () => {
    const calendar = (await loadStoredCalendars(db)).get(CALENDAR)!;
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(calendar.isWorkingDate('2026-10-01')).toBe(false); // National Day
    expect(calendar.isWorkingDate('2026-10-10')).toBe(true); // a Saturday made a working day
    expect(calendar.isWorkingDate('2026-10-12')).toBe(true); // an ordinary Monday
  });
});

describe('storeCalendarYear appends a revision; a retry of the same arrangement stores nothing', () => {
  it('gives revision 1, then 2 for another arrangement; the same again is unchanged and the revision in force', async () => {
    const first = yearOf(2031, {
      holidays: ['2031-01-01', '2031-10-01/2031-10-07'],
      workdays: ['2031-01-04'],
      storedBy: 'admin one',
    });
    const one = await store(first);
    expect(one).toEqual({
      stored: {
        calendarId: CALENDAR,
        year: 2031,
        revision: 1,
        holidays: first.holidays,
        workdays: first.workdays,
        source: first.source,
        storedBy: 'admin one',
        storedAt: expect.any(Date),
      },
      due: [],
      unchanged: false,
    });

    const second = yearOf(2031, {
      holidays: ['2031-01-01', '2031-10-01/2031-10-08'],
      workdays: ['2031-01-04', '2031-10-11'],
      storedBy: 'admin two',
    });
    const two = await store(second);
    expect(two).toMatchObject({ stored: { revision: 2, storedBy: 'admin two' }, unchanged: false });

    const fingerprint = await calendarFingerprint(db);
    const retry = await store({ ...second, storedBy: 'admin three' });
    expect(retry).toEqual({
      stored: { ...second, revision: 2, storedBy: 'admin two', storedAt: two.stored.storedAt },
      due: [],
      unchanged: true,
    });
    expect(await calendarFingerprint(db)).toBe(fingerprint);

    expect((await revisionsOf(2031)).map((y) => [y.revision, y.storedBy, y.holidays, y.workdays])).toEqual([
      [1, 'admin one', first.holidays, first.workdays],
      [2, 'admin two', second.holidays, second.workdays],
    ]);
  });

  it('another source with the same dates is a new revision, and so is going back to an earlier arrangement', async () => {
    const base = yearOf(2035, { holidays: ['2035-01-01'] });
    expect((await store(base)).stored.revision).toBe(1);
    const renamed = { ...base, source: 'the same notice, corrected reference' };
    expect(await store(renamed)).toMatchObject({ stored: { revision: 2 }, unchanged: false });
    expect(await store(base)).toMatchObject({ stored: { revision: 3 }, unchanged: false });
    expect((await revisionsOf(2035)).map((y) => [y.revision, y.source])).toEqual([
      [1, base.source],
      [2, renamed.source],
      [3, base.source],
    ]);
  });

  it('refuses a year outside 1901-2099 and stores nothing', async () => {
    const before = await calendarFingerprint(db);
    await expect(store(yearOf(2100))).rejects.toThrow(/calendar_years_year_check/);
    expect(await calendarFingerprint(db)).toBe(before);
  });
});

describe('storing a year makes due every subject whose deadlines need it', () => {
  it('returns the subjects whose calendar_needs contain the year and brings their next check to now; nobody else moves', async () => {
    const p = uid('cal');
    const later = new Date(Date.now() + 86_400_000);
    const earlier = new Date(Date.now() - 3_600_000);
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-provisional`,
      nextCheckAt: later,
      calendarNeeds: [2032],
    });
    await insertSubject(db, {
      kind: 'fault',
      id: `${p}-two-years`,
      nextCheckAt: null,
      calendarNeeds: [2031, 2032],
    });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-overdue`,
      nextCheckAt: earlier,
      calendarNeeds: [2032],
    });
    await insertSubject(db, { kind: 'complaint', id: `${p}-waiting`, nextCheckAt: later });
    await insertSubject(db, {
      kind: 'complaint',
      id: `${p}-other-year`,
      nextCheckAt: later,
      calendarNeeds: [2035],
    });
    await insertSubject(db, { kind: 'complaint', id: `${p}-none`, nextCheckAt: later });
    // A pack that refuses to count without the year: the subject waits for it.
    await db.transaction().execute((trx) => awaitCalendarYear(trx, 'complaint', `${p}-waiting`, 2032));

    const counting = await subjectsCountingOn(db);
    expect(counting.get(2032)).toBe(4);
    expect(counting.get(2035)).toBeGreaterThanOrEqual(1);

    const start = Date.now();
    const { due, unchanged } = await store(yearOf(2032, { holidays: ['2032-01-01'] }));
    expect(unchanged).toBe(false);
    const sorted = [...due].sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted).toEqual([
      { kind: 'complaint', id: `${p}-overdue` },
      { kind: 'complaint', id: `${p}-provisional` },
      { kind: 'fault', id: `${p}-two-years` },
      { kind: 'complaint', id: `${p}-waiting` },
    ]);
    const now = Date.now();
    for (const [kind, id] of [
      ['complaint', `${p}-provisional`],
      ['fault', `${p}-two-years`],
      ['complaint', `${p}-waiting`],
    ] as const) {
      const at = (await nextCheckOf(db, kind, id))!;
      expect(at.getTime()).toBeGreaterThanOrEqual(start - 1000);
      expect(at.getTime()).toBeLessThanOrEqual(now);
    }
    // Already due earlier: stays as it was.
    expect(await nextCheckOf(db, 'complaint', `${p}-overdue`)).toEqual(earlier);
    expect(await nextCheckOf(db, 'complaint', `${p}-other-year`)).toEqual(later);
    expect(await nextCheckOf(db, 'complaint', `${p}-none`)).toEqual(later);

    // A retry of the same arrangement makes nobody due again.
    await db
      .updateTable('subjects')
      .set({ next_check_at: later })
      .where('id', '=', `${p}-provisional`)
      .execute();
    expect(await store(yearOf(2032, { holidays: ['2032-01-01'] }))).toMatchObject({
      due: [],
      unchanged: true,
    });
    expect(await nextCheckOf(db, 'complaint', `${p}-provisional`)).toEqual(later);
  });
});

describe('the loaded calendars follow the newest revision of each year', () => {
  it('a year unknown until stored is then official, with the days of its newest revision', async () => {
    const before = (await loadStoredCalendars(db)).get(CALENDAR)!;
    expect(before.years).not.toContain(2033);
    expect(() => before.isWorkingDate('2033-03-01')).toThrow(/no holiday data for 2033/);

    await store(yearOf(2033, { holidays: ['2033-03-01'], workdays: [] }));
    const second = yearOf(2033, { holidays: ['2033-03-02'], workdays: ['2033-01-01'], source: 'corrected' });
    await store(second);

    const calendar = (await loadStoredCalendars(db)).get(CALENDAR)!;
    expect(calendar.years).toContain(2033);
    expect(calendar.yearStatus(2033)).toBe('official');
    expect(calendar.isWorkingDate('2033-03-01')).toBe(true); // a holiday only in revision 1
    expect(calendar.isWorkingDate('2033-03-02')).toBe(false);
    expect(calendar.isWorkingDate('2033-01-01')).toBe(true); // a Saturday made a working day

    const data = calendarDataOf((await storedCalendars(db, CALENDAR))[0]!);
    expect(data.years['2033']).toEqual({
      source: 'corrected',
      holidays: second.holidays,
      makeupWorkdays: second.workdays,
    });
    expect(data.years['2024']).toEqual(shipped.years['2024']);
  });
});

describe('an evaluation that counted on a missing year commits only if no year was stored meanwhile', () => {
  it('passes with the current fingerprint, makes a store wait for its commit, and is stale once a year is stored', async () => {
    const loaded = await calendarFingerprint(db);
    await db.transaction().execute((trx) => assertCalendarsCurrent(trx, loaded));

    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const evaluation = db.transaction().execute(async (trx) => {
      await assertCalendarsCurrent(trx, loaded);
      holding();
      await released;
    });
    let storeDone = false;
    try {
      await Promise.race([held, evaluation]);
      const storing = store(yearOf(2034, { holidays: ['2034-01-02'] })).then((result) => {
        storeDone = true;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The evaluation holds the shared lock: the store waits for it to commit.
      expect(storeDone).toBe(false);
      release();
      await evaluation;
      expect((await storing).stored).toMatchObject({ year: 2034, revision: 1 });
    } finally {
      release();
      await evaluation;
    }

    const error = await db
      .transaction()
      .execute((trx) => assertCalendarsCurrent(trx, loaded))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleCalendarError);
    const now = await calendarFingerprint(db);
    expect(now).not.toBe(loaded);
    await db.transaction().execute((trx) => assertCalendarsCurrent(trx, now));
  });
});

describe('calendar_years is append-only', () => {
  class Undo extends Error {}
  /** Runs a change in a transaction that is always undone, so a broken trigger cannot harm the shared calendar. */
  const attempt = (change: (trx: Trx) => Promise<unknown>) =>
    db
      .transaction()
      .execute(async (trx) => {
        await change(trx);
        throw new Undo('the change went through');
      })
      .catch((e: unknown) => e);

  it('refuses UPDATE and DELETE of a stored year, which stays as it was', async () => {
    const before = await revisionsOf(2024);
    const update = await attempt((trx) =>
      trx
        .updateTable('calendar_years')
        .set({ source: 'rewritten' })
        .where('calendar_id', '=', CALENDAR)
        .where('year', '=', 2024)
        .execute(),
    );
    expect(update).not.toBeInstanceOf(Undo);
    expect(String(update)).toMatch(/calendar_years is append-only/);
    const remove = await attempt((trx) =>
      trx.deleteFrom('calendar_years').where('calendar_id', '=', CALENDAR).where('year', '=', 2024).execute(),
    );
    expect(remove).not.toBeInstanceOf(Undo);
    expect(String(remove)).toMatch(/calendar_years is append-only/);
    expect(await revisionsOf(2024)).toEqual(before);
  });
});
