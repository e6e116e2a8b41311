import { randomBytes } from 'node:crypto';
import type { NewEntry } from '@engine/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { putDepartment } from '../src/departments.repository.ts';
import {
  appendEntries,
  type LedgerFilter,
  ledgerSummary,
  listLedger,
  periodEntriesOf,
  postedEntries,
  postedPeriodEntries,
} from '../src/ledger.repository.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

// Months no other test posts into (the ledger summary reads a whole month's totals), and ids
// unique to this run: the database is shared by every test file of the run.
const MONTH = '2031-01';
const NEXT_MONTH = '2031-02';
const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;

function entry(
  overrides: Partial<NewEntry> & { key: string; subjectId: string; departmentId: string },
): NewEntry {
  return {
    generation: 0,
    reversalOf: null,
    period: MONTH,
    originPeriod: MONTH,
    rule: 'complaint.class4',
    policyVersion: 'fuling-2012',
    personId: null,
    personRole: null,
    amountFen: 10_000,
    source: 'complaint',
    causeEventId: null,
    ...overrides,
  };
}

/** The reversal of a posted entry, as reconcile makes it: the same fine, negated, naming its id. */
function reversalOf(posted: NewEntry, id: string): NewEntry {
  return { ...posted, amountFen: -posted.amountFen, reversalOf: id };
}

const append = (entries: readonly NewEntry[]) =>
  db.transaction().execute((trx) => appendEntries(trx, entries));
const posted = (source: string, subjectId: string) =>
  db.transaction().execute((trx) => postedEntries(trx, source, subjectId));

describe('appendEntries posts a fine once, however often it is computed', () => {
  it('the same (key, generation) appended again, or twice in one batch, is inserted once', async () => {
    const department = uid('DEP');
    const subjectId = uid('C');
    const first = entry({ key: uid('k'), subjectId, departmentId: department, causeEventId: 'ev-1' });
    const second = entry({ key: uid('k'), subjectId, departmentId: department, amountFen: 2_500 });

    expect(await append([])).toBe(0);
    expect(await append([first, first, second])).toBe(2);
    expect(await append([first, second])).toBe(0);
    // A later generation of the same key is another posting (the one after a reversal).
    expect(await append([{ ...first, generation: 1 }])).toBe(1);
    expect(await append([{ ...first, generation: 1 }])).toBe(0);

    const entries = await posted('complaint', subjectId);
    expect(entries.map((e) => [e.key, e.generation, e.amountFen])).toEqual([
      [first.key, 0, 10_000],
      [second.key, 0, 2_500],
      [first.key, 1, 10_000],
    ]);
    expect(entries[0]).toEqual({ ...first, id: expect.any(String) });
    expect(entries.map((e) => Number(e.id))).toEqual(entries.map((e) => Number(e.id)).sort((a, b) => a - b));
  });

  it('a reversal of an entry is inserted once, and names the entry it cancels', async () => {
    const department = uid('DEP');
    const subjectId = uid('C');
    const fine = entry({ key: uid('k'), subjectId, departmentId: department, amountFen: 7_000 });
    await append([fine]);
    const [stored] = await posted('complaint', subjectId);

    const reversal = reversalOf(fine, stored!.id);
    expect(await append([reversal])).toBe(1);
    expect(await append([reversal])).toBe(0);
    // Even computed as another generation, a second reversal of the same entry is not posted.
    expect(await append([{ ...reversal, generation: 5 }])).toBe(0);

    const entries = await posted('complaint', subjectId);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      reversalOf: stored!.id,
      amountFen: -7_000,
      key: fine.key,
      generation: 0,
    });
    expect(entries[0]!.reversalOf).toBeNull();
  });

  it('text an array parameter must escape (quotes, backslashes, commas, braces, NULL, CJK) reads back as posted', async () => {
    const department = uid('DEP "q", {b}');
    const subjectId = `${uid('C')} \\ "x",{y} NULL 投诉 😀`;
    const fine = entry({
      key: uid('k,"\\{}'),
      subjectId,
      departmentId: department,
      personId: 'NULL',
      personRole: 'staff',
      causeEventId: '{"a":1}',
    });
    expect(await append([fine])).toBe(1);
    expect(await posted('complaint', subjectId)).toEqual([{ ...fine, id: expect.any(String) }]);
  });

  it('postedEntries reads only the given source and subject, in posting order', async () => {
    const department = uid('DEP');
    const subjectId = uid('S');
    const asComplaint = entry({ key: uid('k'), subjectId, departmentId: department });
    const asFinding = entry({ key: uid('k'), subjectId, departmentId: department, source: 'finding' });
    const otherSubject = entry({ key: uid('k'), subjectId: uid('S'), departmentId: department });
    await append([asComplaint, asFinding, otherSubject]);

    expect((await posted('complaint', subjectId)).map((e) => e.key)).toEqual([asComplaint.key]);
    expect((await posted('finding', subjectId)).map((e) => e.key)).toEqual([asFinding.key]);
    expect(await posted('fault', subjectId)).toEqual([]);
  });

  it('postedPeriodEntries reads the period-level entries whose subject matches the pattern, reversals included', async () => {
    const department = uid('DEP');
    const rate = entry({
      key: uid('k'),
      subjectId: `callback-rate:${department}:churn:${MONTH}`,
      departmentId: department,
      source: 'period',
      rule: 'callback.rate',
    });
    const otherKind = entry({
      key: uid('k'),
      subjectId: `callback-rate:${department}:repair:${MONTH}`,
      departmentId: department,
      source: 'period',
      rule: 'callback.rate',
    });
    // Same subject pattern but not a period-level entry: not part of the scope.
    const notPeriod = entry({
      key: uid('k'),
      subjectId: `callback-rate:${department}:churn:${MONTH}`,
      departmentId: department,
    });
    const otherDepartment = entry({
      key: uid('k'),
      subjectId: `callback-rate:${uid('DEP')}:churn:${MONTH}`,
      departmentId: department,
      source: 'period',
      rule: 'callback.rate',
    });
    await append([rate, otherKind, notPeriod, otherDepartment]);
    const [stored] = await db
      .transaction()
      .execute((trx) => postedPeriodEntries(trx, `callback-rate:${department}:churn:%`));
    await append([reversalOf(rate, stored!.id)]);

    const scope = await db
      .transaction()
      .execute((trx) => postedPeriodEntries(trx, `callback-rate:${department}:%`));
    expect(scope.map((e) => [e.subjectId, e.amountFen, e.reversalOf])).toEqual([
      [rate.subjectId, 10_000, null],
      [otherKind.subjectId, 10_000, null],
      [rate.subjectId, -10_000, stored!.id],
    ]);
    expect(scope.every((e) => e.source === 'period')).toBe(true);
  });
});

describe('listLedger lists entries in posting order, filtered, page by page', () => {
  const unnamed = uid('DEPX');
  const named = uid('DEPN');
  const person = uid('P');
  const subjectA = uid('C');
  const subjectB = uid('C');
  const keys: string[] = [];
  const all: LedgerFilter = { departments: [unnamed, named], limit: 100 };

  beforeAll(async () => {
    await putDepartment(db, named, '城南营业部', null);
    const batch = [
      entry({ key: uid('k'), subjectId: subjectA, departmentId: unnamed }),
      entry({
        key: uid('k'),
        subjectId: subjectA,
        departmentId: unnamed,
        personId: person,
        personRole: 'manager',
        rule: 'complaint.manager',
        amountFen: 500,
      }),
      entry({ key: uid('k'), subjectId: subjectB, departmentId: named, rule: 'sla.resolution.late' }),
      entry({
        key: uid('k'),
        subjectId: subjectB,
        departmentId: named,
        period: NEXT_MONTH,
        originPeriod: MONTH,
      }),
      entry({
        key: uid('k'),
        subjectId: subjectB,
        departmentId: named,
        personId: person,
        personRole: 'hall_head',
        rule: 'complaint.manager',
        amountFen: 300,
      }),
    ];
    // One by one, so posting order is the order written here.
    for (const e of batch) await append([e]);
    keys.push(...batch.map((e) => e.key));
  });

  const keysOf = async (filter: Partial<LedgerFilter>) =>
    (await listLedger(db, { ...all, ...filter })).map((r) => r.entry_key);

  it('with only the department scope, lists every entry of those departments in id order', async () => {
    const rows = await listLedger(db, all);
    expect(rows.map((r) => r.entry_key)).toEqual(keys);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    expect(await keysOf({ departments: [named] })).toEqual([keys[2], keys[3], keys[4]]);
  });

  it('filters by period, department, person, rule and subject, alone and together', async () => {
    expect(await keysOf({ period: NEXT_MONTH })).toEqual([keys[3]]);
    expect(await keysOf({ period: MONTH })).toEqual([keys[0], keys[1], keys[2], keys[4]]);
    expect(await keysOf({ departmentId: unnamed })).toEqual([keys[0], keys[1]]);
    expect(await keysOf({ personId: person })).toEqual([keys[1], keys[4]]);
    expect(await keysOf({ rule: 'complaint.manager' })).toEqual([keys[1], keys[4]]);
    expect(await keysOf({ subjectId: subjectB })).toEqual([keys[2], keys[3], keys[4]]);
    expect(await keysOf({ subjectId: subjectB, period: MONTH, rule: 'complaint.class4' })).toEqual([]);
    expect(await keysOf({ subjectId: subjectB, personId: person, departmentId: named })).toEqual([keys[4]]);
    // A department outside the scope is not listed even when asked for by id.
    expect(await keysOf({ departments: [named], departmentId: unnamed })).toEqual([]);
  });

  it('names the department, null while it was never defined and its name once it is', async () => {
    const before = await listLedger(db, { ...all, subjectId: subjectA });
    expect(before.map((r) => r.department_name)).toEqual([null, null]);
    expect((await listLedger(db, { ...all, subjectId: subjectB }))[0]!.department_name).toBe('城南营业部');

    await putDepartment(db, unnamed, '城北营业部', null);
    const after = await listLedger(db, { ...all, subjectId: subjectA });
    expect(after.map((r) => r.department_name)).toEqual(['城北营业部', '城北营业部']);
  });

  it('pages by afterId: every entry once, in id order, whatever the page size', async () => {
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let afterId: number | undefined;
      for (;;) {
        const page = await listLedger(db, { ...all, limit, ...(afterId === undefined ? {} : { afterId }) });
        expect(page.length).toBeLessThanOrEqual(limit);
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.entry_key));
        afterId = page.at(-1)!.id;
      }
      expect(seen).toEqual(keys);
    }
    const [, second] = await listLedger(db, all);
    expect(await keysOf({ afterId: second!.id, personId: person })).toEqual([keys[4]]);
  });

  it('a scope of no departments lists nothing', async () => {
    // DepartmentScope: null is every department, a list is those departments, so [] is none.
    expect(await listLedger(db, { ...all, departments: [] })).toEqual([]);
  });
});

describe('ledgerSummary totals a month from the running totals, reversals netted', () => {
  const deptA = uid('SUMA');
  const deptB = uid('SUMB');
  const personA = uid('P');

  beforeAll(async () => {
    const fine = entry({ key: uid('k'), subjectId: uid('C'), departmentId: deptA, amountFen: 10_000 });
    await append([
      fine,
      entry({ key: uid('k'), subjectId: uid('C'), departmentId: deptA, amountFen: 5_000 }),
      entry({
        key: uid('k'),
        subjectId: uid('C'),
        departmentId: deptA,
        personId: personA,
        personRole: 'manager',
        rule: 'complaint.manager',
        amountFen: 1_000,
      }),
      // A fine to a role where nobody was named.
      entry({
        key: uid('k'),
        subjectId: uid('C'),
        departmentId: deptA,
        personRole: 'hall_head',
        rule: 'complaint.manager',
        amountFen: 700,
      }),
      entry({
        key: uid('k'),
        subjectId: uid('F'),
        departmentId: deptB,
        source: 'fault',
        rule: 'fault.repair.late',
        amountFen: 20_000,
      }),
      // Posted into the next month: not part of this month's totals.
      entry({
        key: uid('k'),
        subjectId: uid('C'),
        departmentId: deptB,
        period: NEXT_MONTH,
        amountFen: 99_000,
      }),
    ]);
    const [stored] = await posted('complaint', fine.subjectId);
    await append([reversalOf(fine, stored!.id)]);
  });

  const scope = () => [deptA, deptB];

  it('by department', async () => {
    expect(await ledgerSummary(db, { period: MONTH, groupBy: 'department', departments: scope() })).toEqual([
      { department_id: deptA, total_fen: '6700', entries: 5, reversals: 1 },
      { department_id: deptB, total_fen: '20000', entries: 1, reversals: 0 },
    ]);
    expect(await ledgerSummary(db, { period: MONTH, groupBy: 'department', departments: [deptB] })).toEqual([
      { department_id: deptB, total_fen: '20000', entries: 1, reversals: 0 },
    ]);
  });

  it('by rule', async () => {
    expect(await ledgerSummary(db, { period: MONTH, groupBy: 'rule', departments: scope() })).toEqual([
      { rule: 'complaint.class4', total_fen: '5000', entries: 3, reversals: 1 },
      { rule: 'complaint.manager', total_fen: '1700', entries: 2, reversals: 0 },
      { rule: 'fault.repair.late', total_fen: '20000', entries: 1, reversals: 0 },
    ]);
  });

  it('by person: personal fines only, to a named person or to a role where nobody was named', async () => {
    expect(await ledgerSummary(db, { period: MONTH, groupBy: 'person', departments: scope() })).toEqual([
      {
        department_id: deptA,
        person_id: null,
        person_role: 'hall_head',
        total_fen: '700',
        entries: 1,
        reversals: 0,
      },
      {
        department_id: deptA,
        person_id: personA,
        person_role: 'manager',
        total_fen: '1000',
        entries: 1,
        reversals: 0,
      },
    ]);
  });

  it('a scope of no departments totals nothing', async () => {
    for (const groupBy of ['department', 'person', 'rule'] as const)
      expect(await ledgerSummary(db, { period: MONTH, groupBy, departments: [] })).toEqual([]);
  });

  it('the totals agree with the entries themselves', async () => {
    const { rows } = await sql<{ department_id: string; total: string }>`
      SELECT department_id, sum(amount_fen)::text AS total FROM ledger_entries
      WHERE period = ${MONTH} AND department_id IN (${deptA}, ${deptB})
      GROUP BY department_id ORDER BY department_id`.execute(db);
    const summary = await ledgerSummary(db, { period: MONTH, groupBy: 'department', departments: scope() });
    expect(
      summary.map((r) => ({
        department_id: 'department_id' in r ? r.department_id : null,
        total: r.total_fen,
      })),
    ).toEqual(rows);
  });
});

describe('the ledger is append-only', () => {
  it('refuses to UPDATE or DELETE an entry, which stays as posted', async () => {
    const subjectId = uid('C');
    const fine = entry({ key: uid('k'), subjectId, departmentId: uid('DEP'), amountFen: 4_200 });
    await append([fine]);
    const [stored] = await posted('complaint', subjectId);
    const id = Number(stored!.id);

    await expect(
      db.updateTable('ledger_entries').set({ rule: 'tampered' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_entries').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    expect(await posted('complaint', subjectId)).toEqual([stored]);
  });
});

describe('periodEntriesOf reads the entries a close posted into a month', () => {
  it("returns the month's entries under the given rules, in posting order", async () => {
    // A month and rules of this run only: periodEntriesOf has no department scope.
    const month = '2031-02';
    const rateRule = `callback.rate.${run}`;
    const unfinishedRule = `fault.repair.unfinished.${run}`;
    const department = uid('DEP');
    const rate = entry({
      key: uid('k'),
      subjectId: uid('R'),
      departmentId: department,
      period: month,
      rule: rateRule,
    });
    const unfinished = entry({
      key: uid('k'),
      subjectId: uid('F'),
      departmentId: department,
      period: month,
      rule: unfinishedRule,
    });
    const otherRule = entry({ key: uid('k'), subjectId: uid('F'), departmentId: department, period: month });
    const otherMonth = entry({
      key: uid('k'),
      subjectId: uid('R'),
      departmentId: department,
      rule: rateRule,
    });
    await append([unfinished]);
    await append([rate, otherRule, otherMonth]);

    const rows = await periodEntriesOf(db, month, [rateRule, unfinishedRule]);
    expect(rows.map((r) => r.entry_key)).toEqual([unfinished.key, rate.key]);
    expect(rows[0]).toMatchObject({ period: month, rule: unfinishedRule, amount_fen: 10_000 });
    expect(await periodEntriesOf(db, month, [`nothing.${run}`])).toEqual([]);
  });
});
