import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { putDepartment } from '../src/departments.repository.ts';
import { listHalls, putHall } from '../src/halls.repository.ts';
import { uid } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

describe('putHall creates a hall, then updates it in place', () => {
  it('reports created on the first put and not on the second, which replaces department, name and head', async () => {
    const north = uid('dep-north');
    const south = uid('dep-south');
    await putDepartment(db, north, 'North', null);
    await putDepartment(db, south, 'South', null);
    const id = uid('hall');
    const first = await putHall(db, id, north, 'Riverside hall', 'head-1');
    expect(first).toEqual({
      id,
      department_id: north,
      name: 'Riverside hall',
      head_id: 'head-1',
      updated_at: expect.any(Date),
      created: true,
    });
    const second = await putHall(db, id, south, 'Riverside hall (moved)', null);
    expect(second).toEqual({
      id,
      department_id: south,
      name: 'Riverside hall (moved)',
      head_id: null,
      updated_at: expect.any(Date),
      created: false,
    });
    expect(second.updated_at.getTime()).toBeGreaterThanOrEqual(first.updated_at.getTime());
    const stored = (await listHalls(db)).filter((h) => h.id === id);
    expect(stored).toEqual([
      {
        id,
        department_id: south,
        name: 'Riverside hall (moved)',
        head_id: null,
        updated_at: second.updated_at,
      },
    ]);
  });

  it('refuses a hall of a department nobody defined, and stores nothing', async () => {
    const id = uid('orphan-hall');
    await expect(putHall(db, id, uid('no-such-department'), 'Nowhere', null)).rejects.toThrow(/foreign key/);
    expect((await listHalls(db)).some((h) => h.id === id)).toBe(false);
  });
});

describe('listHalls lists every hall by id', () => {
  it('returns the halls in id order, whatever order they were put in', async () => {
    const department = uid('dep-halls');
    await putDepartment(db, department, 'Halls', null);
    const prefix = uid('list');
    for (const suffix of ['c', 'a', 'b']) await putHall(db, `${prefix}-${suffix}`, department, suffix, null);
    const all = await listHalls(db);
    expect(all.filter((h) => h.id.startsWith(prefix)).map((h) => [h.id, h.name, h.department_id])).toEqual([
      [`${prefix}-a`, 'a', department],
      [`${prefix}-b`, 'b', department],
      [`${prefix}-c`, 'c', department],
    ]);
  });
});
