import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import {
  assignedDepartments,
  departmentExists,
  departmentFamilies,
  listDepartments,
  putDepartment,
  responsibleParties,
  unknownDepartments,
} from '../src/departments.repository.ts';
import { putHall } from '../src/halls.repository.ts';
import { insertSubject, uid } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

describe('putDepartment creates a department, then updates it in place', () => {
  it('reports created on the first put and not on the second, which replaces name and manager', async () => {
    const id = uid('dep');
    const first = await putDepartment(db, id, 'Fuling', 'mgr-1');
    expect(first).toEqual({
      id,
      name: 'Fuling',
      manager_id: 'mgr-1',
      policy_family: null,
      updated_at: expect.any(Date),
      created: true,
    });
    const second = await putDepartment(db, id, 'Fuling district', null);
    expect(second).toMatchObject({ id, name: 'Fuling district', manager_id: null, created: false });
    expect(second.updated_at.getTime()).toBeGreaterThanOrEqual(first.updated_at.getTime());
    expect(await departmentExists(db, id)).toBe(true);
    expect((await listDepartments(db)).filter((d) => d.id === id)).toEqual([
      { id, name: 'Fuling district', manager_id: null, policy_family: null, updated_at: second.updated_at },
    ]);
  });

  it('a policy family left undefined keeps the assigned one; null removes it', async () => {
    const id = uid('dep-family');
    expect(await putDepartment(db, id, 'A', null, 'fuling')).toMatchObject({
      policy_family: 'fuling',
      created: true,
    });
    expect(await putDepartment(db, id, 'A renamed', 'mgr-2')).toMatchObject({
      name: 'A renamed',
      manager_id: 'mgr-2',
      policy_family: 'fuling',
      created: false,
    });
    expect(await putDepartment(db, id, 'A renamed', 'mgr-2', 'other-family')).toMatchObject({
      policy_family: 'other-family',
    });
    expect(await putDepartment(db, id, 'A renamed', 'mgr-2', null)).toMatchObject({ policy_family: null });
    expect(await putDepartment(db, id, 'A renamed', 'mgr-2')).toMatchObject({ policy_family: null });
  });

  it('a department nobody put does not exist', async () => {
    expect(await departmentExists(db, uid('never-put'))).toBe(false);
  });
});

describe('departmentFamilies returns only the families assigned', () => {
  it('maps each assigned department to its family and leaves out the unassigned and the unknown', async () => {
    const assigned = uid('dep-assigned');
    const other = uid('dep-assigned-other');
    const unassigned = uid('dep-unassigned');
    await putDepartment(db, assigned, 'Assigned', null, 'fuling');
    await putDepartment(db, other, 'Other', null, 'family-b');
    await putDepartment(db, unassigned, 'Unassigned', null);
    const families = await departmentFamilies(db, [assigned, unassigned, other, uid('unknown'), assigned]);
    expect(families).toEqual(
      new Map([
        [assigned, 'fuling'],
        [other, 'family-b'],
      ]),
    );
    expect(await departmentFamilies(db, [])).toEqual(new Map());
    // The same through a transaction, as the classifier reads it.
    expect(await db.transaction().execute((trx) => departmentFamilies(trx, [unassigned]))).toEqual(new Map());
  });

  it('assignedDepartments lists every department with a family, by id, and none without', async () => {
    const prefix = uid('dep-list');
    await putDepartment(db, `${prefix}-b`, 'B', null, 'family-b');
    await putDepartment(db, `${prefix}-a`, 'A', null, 'fuling');
    await putDepartment(db, `${prefix}-c`, 'C', null);
    const mine = (await assignedDepartments(db)).filter((d) => d.id.startsWith(prefix));
    expect(mine).toEqual([
      { id: `${prefix}-a`, policy_family: 'fuling' },
      { id: `${prefix}-b`, policy_family: 'family-b' },
    ]);
    expect((await assignedDepartments(db)).every((d) => d.policy_family !== null)).toBe(true);
  });
});

describe('unknownDepartments lists the ids subjects name but no department defines', () => {
  it('counts the opened subjects of each unknown id with first and last seen and the fines charged, and drops it once defined', async () => {
    const prefix = uid('unk');
    const [a, b, known] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-known`];
    await putDepartment(db, known, 'Known', null);
    const t1 = new Date('2026-03-01T01:00:00Z');
    const t2 = new Date('2026-03-05T01:00:00Z');
    const t3 = new Date('2026-03-09T01:00:00Z');
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-c1`, departmentId: a, openedAt: t2 });
    await insertSubject(db, { kind: 'fault', id: `${prefix}-f1`, departmentId: a, openedAt: t1 });
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-c2`, departmentId: a, openedAt: t3 });
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-c3`, departmentId: b, openedAt: t2 });
    // Never opened (a bare row waiting for its opening event): not counted.
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-c4`, departmentId: b, openedAt: null });
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-c5`, departmentId: known, openedAt: t1 });
    await db
      .insertInto('ledger_entries')
      .values(
        [1200, 300].map((amount, n) => ({
          entry_key: `${prefix}-fine-${n}`,
          generation: 1,
          reversal_of: null,
          period: '2030-11',
          origin_period: '2030-11',
          rule: 'test.fine',
          policy_version: 'fuling-2012',
          department_id: a,
          person_id: null,
          person_role: null,
          amount_fen: amount,
          source: 'test',
          subject_id: `${prefix}-c1`,
          cause_event_id: null,
        })),
      )
      .execute();

    const everywhere = (await unknownDepartments(db, null)).filter((d) => d.id.startsWith(prefix));
    expect(everywhere).toEqual([
      { id: a, subjects: 3, first_seen: t1, last_seen: t3, charged_fen: 1500 },
      { id: b, subjects: 1, first_seen: t2, last_seen: t2, charged_fen: 0 },
    ]);

    await putDepartment(db, b, 'Now named', null);
    expect(
      (await unknownDepartments(db, null)).filter((d) => d.id.startsWith(prefix)).map((d) => d.id),
    ).toEqual([a]);
  });

  it('a scope shows only the unknown ids within it', async () => {
    const prefix = uid('unk-scope');
    const [a, b] = [`${prefix}-a`, `${prefix}-b`];
    const at = new Date('2026-04-01T01:00:00Z');
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-1`, departmentId: a, openedAt: at });
    await insertSubject(db, { kind: 'complaint', id: `${prefix}-2`, departmentId: b, openedAt: at });
    expect(await unknownDepartments(db, [a])).toEqual([
      { id: a, subjects: 1, first_seen: at, last_seen: at, charged_fen: 0 },
    ]);
    expect((await unknownDepartments(db, [a, b])).map((d) => d.id)).toEqual([a, b]);
    expect(await unknownDepartments(db, [])).toEqual([]);
    expect(await unknownDepartments(db, [uid('elsewhere')])).toEqual([]);
  });
});

describe('responsibleParties names who takes personal fines', () => {
  it("gives the department's manager and the hall's head", async () => {
    const department = uid('dep-resp');
    const hall = uid('hall-resp');
    await putDepartment(db, department, 'Responsible', 'mgr-7');
    await putHall(db, hall, department, 'Hall', 'head-7');
    const parties = await db.transaction().execute(async (trx) => ({
      both: await responsibleParties(trx, department, hall),
      noHall: await responsibleParties(trx, department, null),
      unknownHall: await responsibleParties(trx, department, uid('no-hall')),
      unknownDepartment: await responsibleParties(trx, uid('no-dep'), hall),
    }));
    const stored = { id: hall, departmentId: department, headId: 'head-7' };
    expect(parties).toEqual({
      both: { departmentManagerId: 'mgr-7', hall: stored },
      noHall: { departmentManagerId: 'mgr-7', hall: undefined },
      unknownHall: { departmentManagerId: 'mgr-7', hall: undefined },
      unknownDepartment: { departmentManagerId: null, hall: stored },
    });
  });

  it('a department without a manager and a hall without a head name nobody', async () => {
    const department = uid('dep-nobody');
    const hall = uid('hall-nobody');
    await putDepartment(db, department, 'Nobody', null);
    await putHall(db, hall, department, 'Hall', null);
    expect(await db.transaction().execute((trx) => responsibleParties(trx, department, hall))).toEqual({
      departmentManagerId: null,
      hall: { id: hall, departmentId: department, headId: null },
    });
  });
});
