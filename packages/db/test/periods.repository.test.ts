import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEntry } from '@engine/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type NewClock, saveClocks } from '../src/clocks.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import { appendEntries } from '../src/ledger.repository.ts';
import {
  callbacksOfRatePeriod,
  closedPeriods,
  endedPeriods,
  faultsOpenAt,
  findPeriod,
  listPeriods,
  markClosed,
  markClosing,
  periodClosedAt,
} from '../src/periods.repository.ts';
import { markLedgerInStep, type SubjectEvaluationRow, saveEvaluation } from '../src/subjects.repository.ts';
import { evaluationRow } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

// Months far from any real data: closing one refuses ledger entries into it, so no other test may
// post there. This file only uses 2031-03 to 2031-05.
const CLOSED = '2031-03';
const CLOSING = '2031-04';
const RATE_PERIOD = '2031-05';
const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;
const at = (iso: string) => new Date(iso);

/** A subject as the classifier stores it, its ledger in step so no sweep of another test touches it. */
async function saveSubject(row: Partial<SubjectEvaluationRow> & { kind: string; id: string }) {
  await db.transaction().execute(async (trx) => {
    const version = await saveEvaluation(
      trx,
      evaluationRow({ openedAt: at('2031-02-01T01:00:00Z'), ...row }),
    );
    await markLedgerInStep(trx, row.kind, row.id, version);
  });
}

function fine(period: string, departmentId: string): NewEntry {
  return {
    key: uid('k'),
    generation: 0,
    reversalOf: null,
    period,
    originPeriod: period,
    rule: 'complaint.class4',
    policyVersion: 'fuling-2012',
    departmentId,
    personId: null,
    personRole: null,
    amountFen: 1_000,
    source: 'complaint',
    subjectId: uid('C'),
    causeEventId: null,
  };
}

const post = (entry: NewEntry) => db.transaction().execute((trx) => appendEntries(trx, [entry]));

describe('closing a month: open, then closing, then closed for good', () => {
  it('a month never marked is open: not found, not ended, not closed', async () => {
    expect(await findPeriod(db, '2031-12')).toBeUndefined();
    expect(await periodClosedAt(db, '2031-12')).toBeNull();
    expect((await closedPeriods(db)).has('2031-12')).toBe(false);
    expect((await endedPeriods(db)).has('2031-12')).toBe(false);
  });

  it('markClosing marks a month closing: ended but not closed, and entries may still be posted into it', async () => {
    expect(await markClosing(db, CLOSING)).toBe('closing');
    expect(await markClosing(db, CLOSING)).toBe('closing');
    expect(await findPeriod(db, CLOSING)).toEqual({
      period: CLOSING,
      status: 'closing',
      closed_at: null,
      closed_by: null,
    });
    expect((await endedPeriods(db)).has(CLOSING)).toBe(true);
    expect((await closedPeriods(db)).has(CLOSING)).toBe(false);
    expect(await periodClosedAt(db, CLOSING)).toBeNull();
    expect(await post(fine(CLOSING, uid('DEP')))).toBe(1);
  });

  it('markClosed closes a closing month, records who and when, and markClosing then answers closed', async () => {
    const closedBy = randomUUID();
    expect(await markClosing(db, CLOSED)).toBe('closing');
    const closedAt = await db.transaction().execute((trx) => markClosed(trx, CLOSED, closedBy, new Date()));
    expect(closedAt).toBeInstanceOf(Date);

    expect(await findPeriod(db, CLOSED)).toEqual({
      period: CLOSED,
      status: 'closed',
      closed_at: closedAt,
      closed_by: closedBy,
    });
    expect(await periodClosedAt(db, CLOSED)).toEqual(closedAt);
    expect((await closedPeriods(db)).has(CLOSED)).toBe(true);
    expect((await endedPeriods(db)).has(CLOSED)).toBe(true);

    // A closed month stays closed: marking it closing again changes nothing.
    expect(await markClosing(db, CLOSED)).toBe('closed');
    expect(await findPeriod(db, CLOSED)).toMatchObject({ status: 'closed', closed_at: closedAt });
  });

  it('a closed month refuses entries posted into it', async () => {
    await expect(post(fine(CLOSED, uid('DEP')))).rejects.toThrow(`period ${CLOSED} is closed`);
  });

  it('markClosed refuses a month that was never marked closing, and creates nothing', async () => {
    await expect(
      db.transaction().execute((trx) => markClosed(trx, '2031-11', null, new Date())),
    ).rejects.toThrow();
    expect(await findPeriod(db, '2031-11')).toBeUndefined();
  });

  it('listPeriods lists the closing and closed months, newest first', async () => {
    const mine = (await listPeriods(db)).filter((p) => [CLOSED, CLOSING].includes(p.period));
    expect(mine.map((p) => [p.period, p.status])).toEqual([
      [CLOSING, 'closing'],
      [CLOSED, 'closed'],
    ]);
    const all = (await listPeriods(db)).map((p) => p.period);
    expect(all).toEqual([...all].sort().reverse());
  });
});

describe('faultsOpenAt: the faults whose repair clock ran at an instant', () => {
  it('started before the instant and not stopped by it; not cancelled ones, nor other clocks', async () => {
    // Clocks in 2031: no other test closes a month that late, so none of its closes sees these.
    const end = at('2031-02-28T16:00:00Z');
    const started = at('2031-02-10T02:00:00Z');
    const clock = (overrides: Partial<NewClock> = {}): NewClock => ({
      name: 'repair',
      startedAt: started,
      deadline: at('2031-02-11T02:00:00Z'),
      stoppedAt: null,
      state: 'breached',
      breachedAt: at('2031-02-11T02:00:00Z'),
      atRiskFrom: at('2031-02-11T01:00:00Z'),
      provisionalYears: [],
      ...overrides,
    });
    const cases: [string, string, NewClock[]][] = [
      ['a-running', 'fault', [clock()]],
      ['b-stopped-after', 'fault', [clock({ stoppedAt: at('2031-03-02T00:00:00Z'), state: 'met' })]],
      ['c-stopped-before', 'fault', [clock({ stoppedAt: at('2031-02-20T00:00:00Z'), state: 'breached' })]],
      ['d-stopped-at-the-instant', 'fault', [clock({ stoppedAt: end })]],
      ['e-cancelled', 'fault', [clock({ state: 'cancelled', stoppedAt: null })]],
      ['f-started-at-the-instant', 'fault', [clock({ startedAt: end })]],
      ['g-started-after', 'fault', [clock({ startedAt: at('2031-03-01T00:00:00Z') })]],
      ['h-other-clock', 'fault', [clock({ name: 'response' })]],
      ['i-a-complaint', 'complaint', [clock()]],
      ['j-running-too', 'fault', [clock({ state: 'running', breachedAt: null })]],
    ];
    const prefix = uid('FO');
    for (const [name, kind, clocks] of cases) {
      const id = `${prefix}-${name}`;
      await saveSubject({ kind, id });
      await db.transaction().execute((trx) => saveClocks(trx, { kind, id, departmentId: 'D1' }, clocks));
    }

    const open = (await faultsOpenAt(db, end)).filter((id) => id.startsWith(prefix));
    expect(open).toEqual([`${prefix}-a-running`, `${prefix}-b-stopped-after`, `${prefix}-j-running-too`]);
    // Before any of them started, none was open.
    expect(
      (await faultsOpenAt(db, at('2031-02-01T00:00:00Z'))).filter((id) => id.startsWith(prefix)),
    ).toEqual([]);
  });
});

describe('callbacksOfRatePeriod: what a month’s callback rate needs, from the typed columns', () => {
  it('returns each callback rated in the month with its kind, whether done, and when completed', async () => {
    const department = uid('DEP');
    const callback = (id: string, overrides: Partial<SubjectEvaluationRow>) =>
      saveSubject({
        kind: 'callback',
        id,
        departmentId: department,
        ratePeriod: RATE_PERIOD,
        // The state JSON says something else: only the typed columns are read.
        state: { ratePeriod: '1999-01', kind: 'wrong', countsAsDone: false },
        ...overrides,
      });
    await callback(uid('CB'), {
      callbackKind: 'churn',
      countsAsDone: true,
      completedAt: at('2031-05-03T04:00:00Z'),
    });
    await callback(uid('CB'), { callbackKind: 'repair', countsAsDone: false, completedAt: null });
    await callback(uid('CB'), { callbackKind: 'churn', countsAsDone: false, ratePeriod: '2031-06' });
    // A complaint carrying the column is not a callback.
    await saveSubject({
      kind: 'complaint',
      id: uid('C'),
      departmentId: department,
      ratePeriod: RATE_PERIOD,
      callbackKind: 'churn',
      countsAsDone: true,
    });

    const { effective_from } = await db
      .selectFrom('policy_versions')
      .select('effective_from')
      .where('version', '=', 'fuling-2012')
      .executeTakeFirstOrThrow();
    const rows = await db.transaction().execute((trx) => callbacksOfRatePeriod(trx, RATE_PERIOD));
    const mine = rows
      .filter((r) => r.departmentId === department)
      .sort((a, b) => a.kind.localeCompare(b.kind));
    expect(mine).toEqual([
      {
        departmentId: department,
        kind: 'churn',
        countsAsDone: true,
        completedAt: at('2031-05-03T04:00:00Z'),
        ratePeriod: RATE_PERIOD,
        policyVersion: 'fuling-2012',
        policyEffectiveFrom: effective_from,
      },
      {
        departmentId: department,
        kind: 'repair',
        countsAsDone: false,
        completedAt: null,
        ratePeriod: RATE_PERIOD,
        policyVersion: 'fuling-2012',
        policyEffectiveFrom: effective_from,
      },
    ]);
    expect(policyDate(effective_from)).toBe('2012-01-01');
  });
});

/** A date column as its calendar date (pg reads it as local midnight). */
function policyDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
