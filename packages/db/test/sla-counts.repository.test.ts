import { randomBytes } from 'node:crypto';
import { OVER_LEVEL_ASSESSMENT } from '@engine/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type NewClock, saveClocks, saveClocksOfSubjects } from '../src/clocks.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import { mergeSlaDayCounts, type SlaSummaryRow, slaSummary } from '../src/sla-counts.repository.ts';
import {
  markLedgerInStep,
  type SubjectEvaluationRow,
  saveEvaluation,
  saveEvaluations,
} from '../src/subjects.repository.ts';
import type { DepartmentScope } from '../src/views.repository.ts';
import { evaluationRow } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 4 });
});
afterAll(async () => {
  await db.destroy();
});

// Ids of this run and months no other test uses (2031-07, 2034-02/03): the database is shared.
const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;
const at = (iso: string) => new Date(iso);
const zone = 'Asia/Shanghai';

/** A subject as the classifier stores it, its ledger in step so no sweep of another test touches it. */
async function saveSubject(
  row: Partial<SubjectEvaluationRow> & { kind: string; id: string; departmentId: string },
  clocks: readonly NewClock[] = [],
) {
  await db.transaction().execute(async (trx) => {
    const version = await saveEvaluation(
      trx,
      evaluationRow({ openedAt: at('2031-07-01T01:00:00Z'), state: { note: row.id }, ...row }),
    );
    await markLedgerInStep(trx, row.kind, row.id, version);
    await saveClocks(trx, { kind: row.kind, id: row.id, departmentId: row.departmentId }, clocks);
  });
}

/** A subject row with no evaluated state yet (as scheduleCheck leaves one, without its timer). */
async function bareSubject(kind: string, id: string, departmentId: string, openedAt: Date) {
  await db
    .insertInto('subjects')
    .values({
      kind,
      id,
      department_id: departmentId,
      hall_id: null,
      status: null,
      policy_version: null,
      opened_at: openedAt,
      state: null,
    })
    .execute();
}

function clock(name: string, state: NewClock['state'], startedAt: Date): NewClock {
  const deadline = new Date(startedAt.getTime() + 4 * 3_600_000);
  return {
    name,
    startedAt,
    deadline,
    stoppedAt: state === 'met' ? new Date(startedAt.getTime() + 3_600_000) : null,
    state,
    breachedAt: state === 'breached' ? deadline : null,
    atRiskFrom: new Date(deadline.getTime() - 3_600_000),
    provisionalYears: [],
  };
}

describe("slaSummary: a month's complaints per department or hall", () => {
  const deptA = uid('SLAA');
  const deptB = uid('SLAB');
  const hall1 = uid('H1');
  const hall2 = uid('H2');
  // July 2031 in +08:00.
  const from = at('2031-06-30T16:00:00Z');
  const to = at('2031-07-31T16:00:00Z');
  const mid = at('2031-07-10T02:00:00Z');

  beforeAll(async () => {
    const complaint = (
      departmentId: string,
      row: Partial<SubjectEvaluationRow>,
      clocks: [string, NewClock['state']][] = [],
    ) =>
      saveSubject(
        { kind: 'complaint', id: uid('C'), departmentId, openedAt: mid, ...row },
        clocks.map(([name, state]) => clock(name, state, row.openedAt ?? mid)),
      );
    await complaint(deptA, { hallId: hall1, upgraded: true, assessment: 'class4' }, [
      ['first_response', 'met'],
      ['resolution', 'running'],
    ]);
    await complaint(deptA, { hallId: hall2, upgraded: false, assessment: OVER_LEVEL_ASSESSMENT }, [
      ['first_response', 'breached'],
      ['resolution', 'breached'],
    ]);
    // Opened at the very start of the month: counted; a cancelled clock counts in no state.
    await complaint(deptA, { hallId: hall1, openedAt: from, assessment: 'class4' }, [
      ['first_response', 'running'],
      ['resolution', 'cancelled'],
    ]);
    await complaint(deptB, { upgraded: null }, []);
    await complaint(deptB, { assessment: OVER_LEVEL_ASSESSMENT, upgraded: true }, [
      ['first_response', 'met'],
      ['resolution', 'met'],
    ]);
    // Not counted: cancelled, opened at the end of the month, not evaluated yet, or not a complaint.
    await complaint(deptA, { hallId: hall1, status: 'cancelled', upgraded: true }, [
      ['first_response', 'met'],
    ]);
    await complaint(deptA, { hallId: hall1, openedAt: to, upgraded: true }, [['first_response', 'met']]);
    await bareSubject('complaint', uid('C'), deptA, mid);
    await saveSubject({ kind: 'fault', id: uid('F'), departmentId: deptA, openedAt: mid }, [
      clock('first_response', 'met', mid),
    ]);
  });

  const counts = (overrides: Record<string, number | string | null>) => ({
    received: 0,
    upgrades: 0,
    over_level: 0,
    fr_met: 0,
    fr_breached: 0,
    fr_running: 0,
    res_met: 0,
    res_breached: 0,
    res_running: 0,
    ...overrides,
  });

  it('counts received, upgrades, over-level and both clocks by state, per department', async () => {
    expect(
      await slaSummary(db, { from, to, zone, groupBy: 'department', departments: [deptA, deptB] }),
    ).toEqual([
      counts({
        group_id: deptA,
        received: 3,
        upgrades: 1,
        over_level: 1,
        fr_met: 1,
        fr_breached: 1,
        fr_running: 1,
        res_breached: 1,
        res_running: 1,
      }),
      counts({ group_id: deptB, received: 2, upgrades: 1, over_level: 1, fr_met: 1, res_met: 1 }),
    ]);
  });

  it('per hall, complaints without a hall last', async () => {
    expect(await slaSummary(db, { from, to, zone, groupBy: 'hall', departments: [deptA, deptB] })).toEqual([
      counts({ group_id: hall1, received: 2, upgrades: 1, fr_met: 1, fr_running: 1, res_running: 1 }),
      counts({ group_id: hall2, received: 1, over_level: 1, fr_breached: 1, res_breached: 1 }),
      counts({ group_id: null, received: 2, upgrades: 1, over_level: 1, fr_met: 1, res_met: 1 }),
    ]);
  });

  it('scoped to departments, counts only theirs; no departments, or another month, counts none of these', async () => {
    expect(await slaSummary(db, { from, to, zone, groupBy: 'department', departments: [deptB] })).toEqual([
      counts({ group_id: deptB, received: 2, upgrades: 1, over_level: 1, fr_met: 1, res_met: 1 }),
    ]);
    expect(await slaSummary(db, { from, to, zone, groupBy: 'department', departments: [] })).toEqual([]);
    expect(
      await slaSummary(db, {
        zone,
        from: to,
        to: at('2031-08-31T16:00:00Z'),
        groupBy: 'department',
        departments: [deptB],
      }),
    ).toEqual([]);
  });
});

/** The summary as it was computed before the day counts, straight from subjects and clocks: the reference. */
async function referenceSummary(filter: {
  from: Date;
  to: Date;
  groupBy: 'department' | 'hall';
  departments: DepartmentScope;
}): Promise<SlaSummaryRow[]> {
  const group = filter.groupBy === 'hall' ? sql.ref('s.hall_id') : sql.ref('s.department_id');
  const scope = filter.departments ? sql`AND s.department_id = ANY(${[...filter.departments]})` : sql``;
  const clockCount = (name: string, state: string) =>
    sql<number>`count(*) FILTER (WHERE c_${sql.raw(name)}.state = ${state})::int`;
  const { rows } = await sql<SlaSummaryRow>`
    SELECT ${group} AS group_id,
      count(*)::int AS received,
      count(*) FILTER (WHERE s.upgraded)::int AS upgrades,
      count(*) FILTER (WHERE s.assessment = ${OVER_LEVEL_ASSESSMENT})::int AS over_level,
      ${clockCount('fr', 'met')} AS fr_met,
      ${clockCount('fr', 'breached')} AS fr_breached,
      ${clockCount('fr', 'running')} AS fr_running,
      ${clockCount('res', 'met')} AS res_met,
      ${clockCount('res', 'breached')} AS res_breached,
      ${clockCount('res', 'running')} AS res_running
    FROM subjects s
    LEFT JOIN clocks c_fr ON c_fr.subject_kind = 'complaint' AND c_fr.subject_id = s.id AND c_fr.name = 'first_response'
    LEFT JOIN clocks c_res ON c_res.subject_kind = 'complaint' AND c_res.subject_id = s.id AND c_res.name = 'resolution'
    WHERE s.kind = 'complaint' AND s.opened_at >= ${filter.from} AND s.opened_at < ${filter.to}
      AND s.status IS DISTINCT FROM 'cancelled' AND s.state IS NOT NULL ${scope}
    GROUP BY 1
    ORDER BY 1 NULLS LAST
  `.execute(db);
  return rows;
}

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function randomSource(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

describe('slaSummary from the day counts equals the query over subjects and clocks', () => {
  const departments = [uid('SD0'), uid('SD1'), uid('SD2')];
  const halls = [uid('SH0'), uid('SH1'), uid('SH2'), uid('SH3'), null];
  const random = randomSource(20_340_215);
  // February-March 2034 in +08:00, with dispatches on the months' first and last instants.
  const instants = [
    at('2034-01-31T16:00:00Z'),
    at('2034-02-28T15:59:59.999Z'),
    at('2034-02-28T16:00:00Z'),
    at('2034-03-31T15:59:59.999Z'),
  ];
  const openedAt = () =>
    random.next() < 0.2
      ? random.pick(instants)
      : new Date(at('2034-01-31T16:00:00Z').getTime() + Math.floor(random.next() * 59 * 86_400_000));
  const states: NewClock['state'][] = ['running', 'met', 'breached', 'cancelled'];
  const ids = Array.from({ length: 160 }, () => uid('SC'));

  const complaintRow = (id: string): SubjectEvaluationRow =>
    evaluationRow({
      kind: 'complaint',
      id,
      departmentId: random.pick(departments),
      hallId: random.pick(halls),
      openedAt: openedAt(),
      status: random.pick(['open', 'open', 'resolved', 'cancelled']),
      state: { note: id },
      upgraded: random.pick([true, false, null]),
      assessment: random.pick([OVER_LEVEL_ASSESSMENT, 'ordinary', 'class4', null]),
    });
  const clocksOf = (id: string) => ({
    subject: { kind: 'complaint', id, departmentId: departments[0]! },
    clocks: ['first_response', 'resolution', 'warning']
      .filter(() => random.next() < 0.8)
      .map((name) => clock(name, random.pick(states), at('2034-02-10T00:00:00Z'))),
  });

  /** The same answer from both, for each span a report asks (a month, an ISO week, a day), grouped both ways and scoped. */
  async function expectSameAnswers() {
    const spans = [
      ['2034-02', at('2034-01-31T16:00:00Z'), at('2034-02-28T16:00:00Z')],
      ['2034-03', at('2034-02-28T16:00:00Z'), at('2034-03-31T16:00:00Z')],
      ['2034-W09', at('2034-02-26T16:00:00Z'), at('2034-03-05T16:00:00Z')],
      ['2034-02-01', at('2034-01-31T16:00:00Z'), at('2034-02-01T16:00:00Z')],
      ['2034-03-31', at('2034-03-30T16:00:00Z'), at('2034-03-31T16:00:00Z')],
    ] as const;
    for (const [, from, to] of spans) {
      for (const groupBy of ['department', 'hall'] as const) {
        for (const scope of [departments, [departments[1]!], []]) {
          const filter = { from, to, groupBy, departments: scope };
          expect(await slaSummary(db, { ...filter, zone })).toEqual(await referenceSummary(filter));
        }
      }
    }
    // Every department: only this test writes these months.
    const month = { from: spans[0][1], to: spans[1][2], groupBy: 'hall' as const, departments: null };
    expect(await slaSummary(db, { ...month, zone })).toEqual(await referenceSummary(month));
  }

  it('through batches of evaluations, hall moves, clocks replaced, reopened, deleted and folds', async () => {
    // Dispatched in batches, as the classifier stores them: subjects, then their clocks.
    await db.transaction().execute(async (trx) => {
      await saveEvaluations(trx, ids.map(complaintRow));
      await saveClocksOfSubjects(trx, ids.map(clocksOf));
    });
    await bareSubject('complaint', uid('SC'), departments[0]!, instants[0]!);
    await saveSubject(
      { kind: 'fault', id: uid('SF'), departmentId: departments[0]!, openedAt: instants[0]! },
      [clock('first_response', 'met', instants[0]!)],
    );
    await expectSameAnswers();

    for (let round = 0; round < 8; round++) {
      const some = ids.filter(() => random.next() < 0.3);
      await db.transaction().execute(async (trx) => {
        // Evaluated again: clocks running -> met / breached, reopened (met -> running), replaced, another state.
        await saveClocksOfSubjects(trx, some.map(clocksOf));
        // Re-evaluated subjects: moved to another department or hall, cancelled or not, upgraded, re-dated.
        await saveEvaluations(trx, some.filter(() => random.next() < 0.5).map(complaintRow));
      });
      // A hall moved to another department with its complaints (a plain update, no re-evaluation).
      const hall = random.pick(halls.slice(0, 4));
      await sql`UPDATE subjects SET department_id = ${random.pick(departments)}
        WHERE kind = 'complaint' AND hall_id = ${hall} AND id = ANY(${ids})`.execute(db);
      // Clock rows deleted, or deleted and stored again in one transaction.
      const gone = ids.filter(() => random.next() < 0.05);
      await sql`DELETE FROM clocks WHERE subject_kind = 'complaint' AND subject_id = ANY(${gone})
        AND name = ${random.pick(['first_response', 'resolution'])}`.execute(db);
      await db.transaction().execute(async (trx) => {
        const replaced = ids.filter(() => random.next() < 0.05);
        await sql`DELETE FROM clocks WHERE subject_kind = 'complaint' AND subject_id = ANY(${replaced})`.execute(
          trx,
        );
        await saveClocksOfSubjects(trx, replaced.map(clocksOf));
      });
      // A subject that lost its evaluated state, and one deleted with its clocks.
      await sql`UPDATE subjects SET state = NULL WHERE kind = 'complaint' AND id = ${random.pick(ids)}`.execute(
        db,
      );
      const removed = ids.splice(Math.floor(random.next() * ids.length), 1);
      await db.transaction().execute(async (trx) => {
        await sql`DELETE FROM clocks WHERE subject_kind = 'complaint' AND subject_id = ANY(${removed})`.execute(
          trx,
        );
        await sql`DELETE FROM subjects WHERE kind = 'complaint' AND id = ANY(${removed})`.execute(trx);
      });
      if (round % 3 === 2) expect(await mergeSlaDayCounts(db)).toBeGreaterThan(0);
      await expectSameAnswers();
    }
  });

  it('stays exact with concurrent batches writing the same groups, none waiting on another', async () => {
    await Promise.all(
      [0, 1, 2, 3].map((n) =>
        db.transaction().execute(async (trx) => {
          const mine = ids.filter((_, i) => i % 4 === n);
          await saveEvaluations(trx, mine.map(complaintRow));
          await saveClocksOfSubjects(trx, mine.map(clocksOf));
        }),
      ),
    );
    await Promise.all([mergeSlaDayCounts(db), mergeSlaDayCounts(db)]);
    await expectSameAnswers();
  });

  it('counts days in the zone asked for: another zone fills the counts again, and back', async () => {
    const utcMonth = {
      from: at('2034-03-01T00:00:00Z'),
      to: at('2034-04-01T00:00:00Z'),
      groupBy: 'department' as const,
      departments,
    };
    expect(await slaSummary(db, { ...utcMonth, zone: 'UTC' })).toEqual(await referenceSummary(utcMonth));
    await expectSameAnswers();
  });
});
