import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ClockFilter, listClocks, type NewClock, saveClocks } from '../src/clocks.repository.ts';
import { createDb, type Db } from '../src/database.ts';
import { insertSubject, uid } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

const NOW = new Date('2026-09-01T00:00:00Z');
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

function clock(name: string, overrides: Partial<NewClock> = {}): NewClock {
  return {
    name,
    startedAt: at(-10),
    deadline: at(10),
    stoppedAt: null,
    state: 'running',
    breachedAt: null,
    atRiskFrom: at(5),
    provisionalYears: [],
    ...overrides,
  };
}

type Kind = 'complaint' | 'fault';

async function save(kind: Kind, id: string, departmentId: string, clocks: NewClock[]) {
  await db.transaction().execute((trx) => saveClocks(trx, { kind, id, departmentId }, clocks));
}

/** A subject of its own with its clocks. */
async function subjectWithClocks(kind: Kind, id: string, departmentId: string, clocks: NewClock[]) {
  await insertSubject(db, { kind, id, departmentId });
  await save(kind, id, departmentId, clocks);
}

const list = (filter: Partial<ClockFilter> & Pick<ClockFilter, 'departments'>) =>
  listClocks(db, { limit: 1000, now: NOW, ...filter });

const keys = (rows: { subject_id: string; name: string }[]) => rows.map((r) => `${r.subject_id}/${r.name}`);

describe("saveClocks stores a subject's clocks, one row per name, replaced in place", () => {
  it('inserts the clocks as given, then a second save replaces the named clock and leaves the others', async () => {
    const department = uid('dep-clocks-save');
    const id = uid('C');
    await insertSubject(db, { kind: 'complaint', id, departmentId: department });
    await save('complaint', id, department, [
      clock('reply', { deadline: at(2), atRiskFrom: at(1) }),
      clock('resolve', { deadline: at(48), provisionalYears: [2027] }),
    ]);
    const first = await list({ departments: [department] });
    expect(first).toEqual([
      {
        subject_kind: 'complaint',
        subject_id: id,
        name: 'reply',
        department_id: department,
        started_at: at(-10),
        deadline: at(2),
        stopped_at: null,
        state: 'running',
        breached_at: null,
        at_risk_from: at(1),
        provisional_years: [],
        updated_at: expect.any(Date),
        // What the board shows of the subject (none set on this bare subject).
        hall_id: null,
        sla_type: null,
        summary: null,
      },
      expect.objectContaining({ name: 'resolve', deadline: at(48), provisional_years: [2027] }),
    ]);

    const moved = uid('dep-clocks-moved');
    await save('complaint', id, moved, [
      clock('reply', {
        deadline: at(3),
        stoppedAt: at(4),
        state: 'breached',
        breachedAt: at(3),
        atRiskFrom: at(2),
      }),
    ]);
    const reply = await list({ departments: [department, moved] });
    expect(reply).toEqual([
      {
        subject_kind: 'complaint',
        subject_id: id,
        name: 'reply',
        department_id: moved,
        started_at: at(-10),
        deadline: at(3),
        stopped_at: at(4),
        state: 'breached',
        breached_at: at(3),
        at_risk_from: at(2),
        provisional_years: [],
        updated_at: expect.any(Date),
        hall_id: null,
        sla_type: null,
        summary: null,
      },
      expect.objectContaining({ name: 'resolve', department_id: department, deadline: at(48) }),
    ]);
    expect(reply[0]!.updated_at.getTime()).toBeGreaterThanOrEqual(first[0]!.updated_at.getTime());
    const count = await db
      .selectFrom('clocks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('saving no clocks changes nothing', async () => {
    const department = uid('dep-clocks-none');
    const id = uid('C');
    await subjectWithClocks('complaint', id, department, [clock('reply')]);
    await save('complaint', id, department, []);
    expect(keys(await list({ departments: [department] }))).toEqual([`${id}/reply`]);
  });

  it('refuses clocks of a subject that does not exist', async () => {
    const department = uid('dep-clocks-orphan');
    await expect(save('complaint', uid('never-opened'), department, [clock('reply')])).rejects.toThrow(
      /foreign key/,
    );
    expect(await list({ departments: [department] })).toEqual([]);
  });
});

describe('listClocks filters the live list', () => {
  let department: string;
  let other: string;
  let p: string;
  beforeAll(async () => {
    department = uid('dep-clocks-filter');
    other = uid('dep-clocks-filter-other');
    p = uid('F');
    await subjectWithClocks('complaint', `${p}-calm`, department, [
      clock('reply', { deadline: at(10), atRiskFrom: at(5) }),
    ]);
    await subjectWithClocks('complaint', `${p}-risky`, department, [
      clock('reply', { deadline: at(2), atRiskFrom: at(-1) }),
    ]);
    await subjectWithClocks('complaint', `${p}-edge`, department, [
      clock('reply', { deadline: at(1), atRiskFrom: NOW }),
    ]);
    await subjectWithClocks('fault', `${p}-late`, department, [
      clock('restore', { deadline: at(-2), atRiskFrom: at(-4), state: 'breached', breachedAt: at(-2) }),
    ]);
    await subjectWithClocks('fault', `${p}-done`, department, [
      clock('restore', { deadline: at(-1), atRiskFrom: at(-3), state: 'met', stoppedAt: at(-5) }),
    ]);
    await subjectWithClocks('complaint', `${p}-void`, department, [
      clock('reply', { deadline: at(-3), atRiskFrom: at(-6), state: 'cancelled', stoppedAt: at(-4) }),
    ]);
    await subjectWithClocks('complaint', `${p}-other`, other, [
      clock('reply', { deadline: at(0.5), atRiskFrom: at(-1) }),
    ]);
  });

  it('orders by deadline, and without a state lists every state, cancelled included', async () => {
    expect(keys(await list({ departments: [department] }))).toEqual([
      `${p}-void/reply`,
      `${p}-late/restore`,
      `${p}-done/restore`,
      `${p}-edge/reply`,
      `${p}-risky/reply`,
      `${p}-calm/reply`,
    ]);
  });

  it('running lists every running clock, at risk or not', async () => {
    expect(keys(await list({ departments: [department], state: 'running' }))).toEqual([
      `${p}-edge/reply`,
      `${p}-risky/reply`,
      `${p}-calm/reply`,
    ]);
  });

  it('at_risk lists the running clocks whose at-risk instant is now or past, as of the given now', async () => {
    expect(keys(await list({ departments: [department], state: 'at_risk' }))).toEqual([
      `${p}-edge/reply`,
      `${p}-risky/reply`,
    ]);
    expect(keys(await list({ departments: [department], state: 'at_risk', now: at(-2) }))).toEqual([]);
    expect(keys(await list({ departments: [department], state: 'at_risk', now: at(6) }))).toEqual([
      `${p}-edge/reply`,
      `${p}-risky/reply`,
      `${p}-calm/reply`,
    ]);
  });

  it('breached and met list only their own state', async () => {
    expect(keys(await list({ departments: [department], state: 'breached' }))).toEqual([`${p}-late/restore`]);
    expect(keys(await list({ departments: [department], state: 'met' }))).toEqual([`${p}-done/restore`]);
  });

  it('a department scope shows only its departments; a departmentId narrows within it', async () => {
    const both = keys(await list({ departments: [department, other], state: 'running' }));
    expect(both).toEqual([`${p}-other/reply`, `${p}-edge/reply`, `${p}-risky/reply`, `${p}-calm/reply`]);
    expect(keys(await list({ departments: [other] }))).toEqual([`${p}-other/reply`]);
    expect(keys(await list({ departments: null, departmentId: other }))).toEqual([`${p}-other/reply`]);
    expect(await list({ departments: [department], departmentId: other })).toEqual([]);
    expect(await list({ departments: [uid('dep-nowhere')] })).toEqual([]);
    const unscoped = keys(await list({ departments: null, state: 'running', deadlineBefore: at(11) }));
    expect(unscoped.filter((k) => k.startsWith(p))).toEqual(both);
  });

  it('deadlineBefore keeps the deadlines strictly before it', async () => {
    expect(keys(await list({ departments: [department], deadlineBefore: at(2) }))).toEqual([
      `${p}-void/reply`,
      `${p}-late/restore`,
      `${p}-done/restore`,
      `${p}-edge/reply`,
    ]);
    expect(
      keys(await list({ departments: [department], state: 'running', deadlineBefore: at(2.001) })),
    ).toEqual([`${p}-edge/reply`, `${p}-risky/reply`]);
  });
});

describe('listClocks pages by the keyset (deadline, kind, id, name)', () => {
  it('walks every page without repeating or missing a clock, ties on deadline broken by kind, id and name', async () => {
    const department = uid('dep-clocks-pages');
    const p = uid('P');
    const same = at(24);
    // Shared deadlines across kinds, subjects and names, and a clock of its own before and after them.
    await subjectWithClocks('fault', `${p}-a`, department, [clock('restore', { deadline: same })]);
    await subjectWithClocks('complaint', `${p}-b`, department, [
      clock('resolve', { deadline: same }),
      clock('reply', { deadline: same }),
      clock('visit', { deadline: at(30) }),
    ]);
    await subjectWithClocks('complaint', `${p}-a`, department, [
      clock('reply', { deadline: same }),
      clock('callback', { deadline: at(1) }),
    ]);
    await subjectWithClocks('fault', `${p}-b`, department, [clock('restore', { deadline: same })]);
    const expected = [
      `complaint ${p}-a/callback`,
      `complaint ${p}-a/reply`,
      `complaint ${p}-b/reply`,
      `complaint ${p}-b/resolve`,
      `fault ${p}-a/restore`,
      `fault ${p}-b/restore`,
      `complaint ${p}-b/visit`,
    ];
    for (const limit of [1, 2, 3, 7, 8]) {
      const seen: string[] = [];
      let after: ClockFilter['after'];
      for (let pages = 0; pages < 20; pages++) {
        const page = await list({ departments: [department], limit, ...(after ? { after } : {}) });
        expect(page.length).toBeLessThanOrEqual(limit);
        seen.push(...page.map((r) => `${r.subject_kind} ${r.subject_id}/${r.name}`));
        if (page.length < limit) break;
        const last = page.at(-1)!;
        after = { deadline: last.deadline, kind: last.subject_kind, id: last.subject_id, name: last.name };
      }
      expect(seen).toEqual(expected);
    }
  });

  it('pages the same way under a state filter', async () => {
    const department = uid('dep-clocks-pages-state');
    const p = uid('S');
    for (let n = 0; n < 5; n++) {
      await subjectWithClocks('complaint', `${p}-${n}`, department, [
        clock('reply', { deadline: at(5) }),
        clock('resolve', { deadline: at(6), state: 'met', stoppedAt: at(1) }),
      ]);
    }
    const first = await list({ departments: [department], state: 'running', limit: 2 });
    const last = first.at(-1)!;
    const second = await list({
      departments: [department],
      state: 'running',
      limit: 2,
      after: { deadline: last.deadline, kind: last.subject_kind, id: last.subject_id, name: last.name },
    });
    const lastOfSecond = second.at(-1)!;
    const third = await list({
      departments: [department],
      state: 'running',
      limit: 2,
      after: {
        deadline: lastOfSecond.deadline,
        kind: lastOfSecond.subject_kind,
        id: lastOfSecond.subject_id,
        name: lastOfSecond.name,
      },
    });
    expect(keys([...first, ...second, ...third])).toEqual(
      Array.from({ length: 5 }, (_, n) => `${p}-${n}/reply`),
    );
  });
});

describe('an empty department scope', () => {
  it('a key scoped to no department lists no clock', async () => {
    expect(await list({ departments: [] })).toEqual([]);
  });
});
