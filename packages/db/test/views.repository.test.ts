import { createHash, randomBytes } from 'node:crypto';
import type { NewEntry } from '@engine/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type NewClock, saveClocks } from '../src/clocks.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import { putDepartment } from '../src/departments.repository.ts';
import { appendEntries } from '../src/ledger.repository.ts';
import { markLedgerInStep, type SubjectEvaluationRow, saveEvaluation } from '../src/subjects.repository.ts';
import { personFindingsView, subjectView } from '../src/views.repository.ts';
import { evaluationRow } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

// Ids of this run and a month no other test uses (2031-06): the database is shared.
const run = randomBytes(4).toString('hex');
const uid = (label: string) => `${label}-${run}-${randomBytes(3).toString('hex')}`;
const at = (iso: string) => new Date(iso);

/** A subject as the classifier stores it, its ledger in step so no sweep of another test touches it. */
async function saveSubject(
  row: Partial<SubjectEvaluationRow> & { kind: string; id: string; departmentId: string },
  clocks: readonly NewClock[] = [],
) {
  await db.transaction().execute(async (trx) => {
    const version = await saveEvaluation(
      trx,
      evaluationRow({ openedAt: at('2031-06-01T01:00:00Z'), state: { note: row.id }, ...row }),
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

function fine(
  source: NewEntry['source'],
  subjectId: string,
  departmentId: string,
  amountFen = 10_000,
): NewEntry {
  return {
    key: uid('k'),
    generation: 0,
    reversalOf: null,
    period: '2031-06',
    originPeriod: '2031-06',
    rule: `${source}.rule`,
    policyVersion: 'fuling-2012',
    departmentId,
    personId: null,
    personRole: null,
    amountFen,
    source,
    subjectId,
    causeEventId: null,
  };
}

const append = (entries: readonly NewEntry[]) =>
  db.transaction().execute((trx) => appendEntries(trx, entries));

/**
 * Stores an event as already handed to the queue and applied, with plain inserts: an event left
 * pending would be picked up by the outbox relay of an engine test running meanwhile.
 */
async function appliedEvent(
  kind: string,
  subjectId: string,
  type: string,
  occurredAt: Date,
): Promise<string> {
  const id = uid('ev');
  const bodyHash = createHash('sha256').update(id).digest();
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ seq: number }>`SELECT nextval('events_seq')::int AS seq`.execute(trx);
    const seq = rows[0]!.seq;
    await trx
      .insertInto('event_ids')
      .values({ id, seq, received_at: sql<Date>`now()`, body_hash: bodyHash })
      .execute();
    await trx
      .insertInto('events')
      .values({
        seq,
        id,
        type,
        subject_kind: kind,
        subject_id: subjectId,
        occurred_at: occurredAt,
        received_at: sql<Date>`now()`,
        data: '{}',
        body_hash: bodyHash,
        api_key_id: null,
        status: 'applied',
        error: null,
        applied_at: sql<Date>`now()`,
        enqueued_at: sql<Date>`now()`,
        attempted_at: sql<Date>`now()`,
      })
      .execute();
  });
  return id;
}

describe('subjectView: a subject with its clocks, fines and events', () => {
  it('returns the subject with its department name, clocks by start then name, fines in posting order, events by occurrence', async () => {
    const department = uid('DEP');
    await putDepartment(db, department, '城东营业部', null);
    const id = uid('C');
    const t0 = at('2031-06-02T01:00:00Z');
    await saveSubject(
      {
        kind: 'complaint',
        id,
        departmentId: department,
        hallId: 'H1',
        status: 'resolved',
        state: { assessment: 'class4', resolvedAt: '2031-06-03T01:00:00Z' },
      },
      [
        clock('resolution', 'running', t0),
        clock('callback', 'running', new Date(t0.getTime() + 3_600_000)),
        clock('first_response', 'met', t0),
      ],
    );
    const first = fine('complaint', id, department, 10_000);
    const second = fine('complaint', id, department, 5_000);
    await append([first, second]);
    const firstId = (
      await db
        .selectFrom('ledger_entries')
        .select('id')
        .where('entry_key', '=', first.key)
        .executeTakeFirstOrThrow()
    ).id;
    await append([{ ...first, amountFen: -10_000, reversalOf: String(firstId) }]);
    // Same subject id, but fines of another source and events of another kind: not this subject's.
    await append([fine('finding', id, department)]);
    await appliedEvent('fault', id, 'fault.reported', t0);

    const responded = await appliedEvent('complaint', id, 'complaint.responded', at('2031-06-02T02:00:00Z'));
    const received = await appliedEvent('complaint', id, 'complaint.received', t0);
    const resolved = await appliedEvent('complaint', id, 'complaint.resolved', at('2031-06-02T02:00:00Z'));

    const view = await subjectView(db, 'complaint', id, null);
    expect(view?.subject).toEqual({
      id,
      department_id: department,
      hall_id: 'H1',
      status: 'resolved',
      policy_version: 'fuling-2012',
      state: { assessment: 'class4', resolvedAt: '2031-06-03T01:00:00Z' },
      summary: null,
      department_name: '城东营业部',
    });
    expect(view?.clocks.map((c) => [c.name, c.state])).toEqual([
      ['first_response', 'met'],
      ['resolution', 'running'],
      ['callback', 'running'],
    ]);
    expect(view?.clocks[0]).toMatchObject({
      subject_kind: 'complaint',
      subject_id: id,
      department_id: department,
      started_at: t0,
      stopped_at: at('2031-06-02T02:00:00Z'),
    });
    expect(view?.fines.map((f) => [f.entry_key, f.amount_fen, f.reversal_of, f.source])).toEqual([
      [first.key, 10_000, null, 'complaint'],
      [second.key, 5_000, null, 'complaint'],
      [first.key, -10_000, firstId, 'complaint'],
    ]);
    // Two events at the same instant come in the order they were stored.
    expect(view?.events).toEqual([
      { id: received, type: 'complaint.received', occurred_at: t0, status: 'applied' },
      {
        id: responded,
        type: 'complaint.responded',
        occurred_at: at('2031-06-02T02:00:00Z'),
        status: 'applied',
      },
      {
        id: resolved,
        type: 'complaint.resolved',
        occurred_at: at('2031-06-02T02:00:00Z'),
        status: 'applied',
      },
    ]);
  });

  it('names no department when its id was never defined, and has empty lists when nothing was recorded', async () => {
    const id = uid('F');
    await saveSubject({ kind: 'fault', id, departmentId: uid('NOWHERE') });
    const view = await subjectView(db, 'fault', id, null);
    expect(view?.subject.department_name).toBeNull();
    expect(view).toMatchObject({ clocks: [], fines: [], events: [] });
  });

  it('is undefined for an unknown subject, another kind, or a subject not evaluated yet', async () => {
    const id = uid('C');
    await saveSubject({ kind: 'complaint', id, departmentId: 'D1' });
    expect(await subjectView(db, 'complaint', uid('C'), null)).toBeUndefined();
    expect(await subjectView(db, 'fault', id, null)).toBeUndefined();
    const bare = uid('C');
    await bareSubject('complaint', bare, 'D1', at('2031-06-01T00:00:00Z'));
    expect(await subjectView(db, 'complaint', bare, null)).toBeUndefined();
  });

  it("for a scoped key: another department's subject is not found, and fines charged elsewhere are only counted", async () => {
    const id = uid('C');
    const [mine, theirs] = [uid('DA'), uid('DB')];
    await saveSubject({ kind: 'complaint', id, departmentId: mine });
    // Moved from theirs to mine: the entry charged to theirs, its reversal, and mine's own.
    await append([fine('complaint', id, theirs), fine('complaint', id, mine)]);
    const view = await subjectView(db, 'complaint', id, [mine]);
    expect(view?.fines.map((f) => f.department_id)).toEqual([mine]);
    expect(view?.finesOutsideScope).toBe(1);
    expect((await subjectView(db, 'complaint', id, null))?.finesOutsideScope).toBe(0);
    expect(await subjectView(db, 'complaint', id, [theirs])).toBeUndefined();
    expect(await subjectView(db, 'complaint', id, [])).toBeUndefined();
  });
});

describe("personFindingsView: a person's findings of a year, in order, with their fines", () => {
  const person = uid('P');
  const deptA = uid('DEPA');
  const deptB = uid('DEPB');
  const from = at('2030-12-31T16:00:00Z');
  const to = at('2031-12-31T16:00:00Z');
  const prefix = uid('FND');
  const ids = {
    atStart: `${prefix}-1`,
    juneA: `${prefix}-2`,
    marchB: `${prefix}-4`,
    marchA: `${prefix}-3`,
    atEnd: `${prefix}-5`,
  };
  const fines: Record<string, NewEntry> = {};

  beforeAll(async () => {
    const finding = (id: string, departmentId: string, openedAt: Date) =>
      saveSubject({
        kind: 'finding',
        id,
        departmentId,
        openedAt,
        personId: person,
        findingRule: 'finding.late',
      });
    await finding(ids.juneA, deptA, at('2031-06-10T02:00:00Z'));
    await finding(ids.marchB, deptB, at('2031-03-03T02:00:00Z'));
    await finding(ids.marchA, deptA, at('2031-03-03T02:00:00Z'));
    await finding(ids.atStart, deptA, from);
    await finding(ids.atEnd, deptA, to);
    // Another person's finding, and a complaint naming the person: not among the findings.
    await saveSubject({ kind: 'finding', id: uid('FND'), departmentId: deptA, personId: uid('P') });
    await saveSubject({ kind: 'complaint', id: uid('C'), departmentId: deptA, personId: person });

    fines.marchB = fine('finding', ids.marchB, deptB, 20_000);
    fines.juneA = fine('finding', ids.juneA, deptA, 50_000);
    fines.atEnd = fine('finding', ids.atEnd, deptA, 80_000);
    await append([fines.marchB]);
    await append([fines.juneA]);
    await append([fines.atEnd]);
    // Same subject id, another source: not a fine of the finding.
    await append([fine('complaint', ids.juneA, deptA)]);
  });

  it('lists the findings recorded in [from, to) by time then id, with their fines in posting order', async () => {
    const view = await personFindingsView(db, person, from, to, null);
    expect(view.findings.map((f) => f.id)).toEqual([ids.atStart, ids.marchA, ids.marchB, ids.juneA]);
    expect(view.findings[3]).toEqual({
      id: ids.juneA,
      department_id: deptA,
      hall_id: null,
      policy_version: 'fuling-2012',
      opened_at: at('2031-06-10T02:00:00Z'),
      state: { note: ids.juneA },
    });
    expect(view.fines.map((f) => [f.subject_id, f.amount_fen, f.source])).toEqual([
      [ids.marchB, 20_000, 'finding'],
      [ids.juneA, 50_000, 'finding'],
    ]);
  });

  it('scoped to departments, shows only their findings and fines; an empty scope shows nothing', async () => {
    const scoped = await personFindingsView(db, person, from, to, [deptA]);
    expect(scoped.findings.map((f) => f.id)).toEqual([ids.atStart, ids.marchA, ids.juneA]);
    expect(scoped.fines.map((f) => f.entry_key)).toEqual([fines.juneA!.key]);
    expect(await personFindingsView(db, person, from, to, [])).toEqual({ findings: [], fines: [] });
    expect(await personFindingsView(db, uid('P'), from, to, null)).toEqual({ findings: [], fines: [] });
  });
});
