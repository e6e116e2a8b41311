import { applySubject, applySubjects, postPenalties } from '@engine/use-cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine, uid } from './support.ts';

// Issue 15: the classifier evaluates a batch of subjects per transaction. Whatever a batch holds, it
// must store exactly what evaluating each subject alone (and then posting its fines) stores.
let engine: TestEngine;
beforeAll(async () => {
  // No workers: the test drives the classifier's use cases itself.
  engine = await startTestEngine({}, []);
});
afterAll(async () => {
  await engine.stop();
});

const at = (local: string) => `${local}:00+08:00`;
const miit = {
  body: 'miit_appeal',
  controlLevel: 1,
  priorComplaintToDepartment: true,
  interceptionAttempted: false,
};

/** One of each kind of subject, under a prefix: the same story told twice, to two prefixes. */
function story(p: string) {
  const ev = (n: string, type: string, subject: string, local: string, data: object = {}) => ({
    id: `${p}-${n}`,
    type,
    subjectId: `${p}${subject}`,
    occurredAt: at(local),
    data,
  });
  return [
    // Ordinary, replied late and never resolved.
    ev('1', 'complaint.received', 'C1', '2026-11-02T09:00', { departmentId: 'D-B', channel: 'hotline' }),
    ev('2', 'complaint.first_replied', 'C1', '2026-11-02T15:00'),
    // Ruled enterprise-liable, class 1, a group customer's.
    ev('3', 'complaint.received', 'C2', '2026-11-03T09:00', {
      departmentId: 'D-B',
      customer: { id: 'ENT-9', group: { tier: 'A' } },
    }),
    ev('4', 'complaint.responsibility_set', 'C2', '2026-11-04T09:00', {
      responsibility: 'enterprise',
      criteria: ['national_media'],
    }),
    // A repeat of C1, and an over-level complaint (it needs its quota's neighbours: one at a time).
    ev('5', 'complaint.received', 'C3', '2026-11-05T09:00', { departmentId: 'D-B', repeatOf: `${p}C1` }),
    ev('6', 'complaint.received', 'C4', '2026-11-06T09:00', { departmentId: 'D-B', overLevel: miit }),
    // A fault restored late, and a repeat of it.
    ev('7', 'fault.reported', 'F1', '2026-11-07T09:00', { departmentId: 'D-B', kind: 'urban' }),
    ev('8', 'fault.restored', 'F1', '2026-11-10T09:00'),
    ev('9', 'fault.reported', 'F2', '2026-11-11T09:00', {
      departmentId: 'D-B',
      kind: 'rural',
      repeatOf: `${p}F1`,
    }),
    // A churn callback done the next day (late), a finding on the department.
    ev('10', 'callback.opened', 'K1', '2026-11-12T09:00', { kind: 'churn', departmentId: 'D-B' }),
    ev('11', 'callback.completed', 'K1', '2026-11-13T09:00'),
    ev('12', 'finding.recorded', 'Q1', '2026-11-14T09:00', {
      rule: 'workorder.unclear',
      departmentId: 'D-B',
    }),
    // A reply to a complaint nothing has opened: it waits.
    ev('13', 'complaint.first_replied', 'C5', '2026-11-15T09:00'),
  ];
}
const subjects = (p: string) =>
  [
    ['complaint', 'C1'],
    ['complaint', 'C2'],
    ['complaint', 'C3'],
    ['complaint', 'C4'],
    ['fault', 'F1'],
    ['fault', 'F2'],
    ['callback', 'K1'],
    ['finding', 'Q1'],
    ['complaint', 'C5'],
  ].map(([kind, id]) => ({ kind: kind!, id: `${p}${id}` }));

/** What is stored of a prefix's subjects, with the prefix taken out so two prefixes compare. */
async function storedOf(p: string) {
  const db = engine.runtime.db;
  const strip = (text: string) => text.replaceAll(p, '<p>');
  const subjectRows = await db
    .selectFrom('subjects')
    .select([
      'kind',
      'id',
      'status',
      'state',
      'desired_entries',
      'next_check_at',
      'assessment',
      'ledger_version',
      'state_version',
    ])
    .where('id', 'like', `${p}%`)
    .orderBy('id')
    .execute();
  const clocks = await db
    .selectFrom('clocks')
    .select(['subject_id', 'name', 'state', 'deadline', 'breached_at'])
    .where('subject_id', 'like', `${p}%`)
    .orderBy('subject_id')
    .orderBy('name')
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['id', 'status', 'error'])
    .where('id', 'like', `${p}-%`)
    .orderBy('id')
    .execute();
  const ledger = await db
    .selectFrom('ledger_entries')
    .select(['subject_id', 'rule', 'amount_fen', 'period', 'person_role', 'reversal_of'])
    .where('subject_id', 'like', `${p}%`)
    .orderBy('subject_id')
    .orderBy('rule')
    .orderBy('amount_fen')
    .execute();
  const signals = await db
    .selectFrom('signals')
    .select(['subject_id', 'key', 'kind', 'at'])
    .where('subject_id', 'like', `${p}%`)
    .orderBy('subject_id')
    .orderBy('key')
    .execute();
  return JSON.parse(
    strip(
      JSON.stringify({
        subjects: subjectRows.map((s) => ({ ...s, ledger_version: s.ledger_version === s.state_version })),
        clocks,
        events: events.map((e) => ({ ...e, id: e.id.slice(p.length) })),
        ledger: ledger.map((l) => ({ ...l, reversal_of: l.reversal_of !== null })),
        signals,
      }),
    ),
  );
}

const deps = () => ({
  db: engine.runtime.db,
  policies: engine.runtime.policies,
  policyFamily: 'fuling',
  now: engine.now,
});

/** As the classifier's workers would: a batch, the fines its careful path leaves to the penalty calculator, then what it asked for. */
async function drainBatches(refs: { kind: string; id: string }[]) {
  let queue = refs;
  while (queue.length > 0) {
    const { followUps, failed } = await applySubjects(deps(), queue);
    expect(failed.size).toBe(0);
    for (const f of followUps)
      if (f.penalties) await postPenalties(engine.runtime.db, f.penalties.kind, f.penalties.id);
    queue = followUps.flatMap((f) => f.reevaluate);
  }
}

describe('a batch of subjects evaluated in one transaction (issue 15)', () => {
  it('stores what evaluating each alone and posting its fines stores: states, clocks, verdicts, signals, fines', async () => {
    const [alone, batch] = [uid('A'), uid('B')];
    expect((await engine.post({ events: [...story(alone), ...story(batch)] })).status).toBe(202);
    // As the workers would: each subject alone, its fines posted, then whatever it asked for (repeats).
    let aloneQueue = subjects(alone);
    while (aloneQueue.length > 0) {
      const next: { kind: string; id: string }[] = [];
      for (const { kind, id } of aloneQueue) {
        next.push(...(await applySubject(deps(), kind, id)).reevaluate);
        await postPenalties(engine.runtime.db, kind, id);
      }
      aloneQueue = next;
    }
    await drainBatches(subjects(batch));

    const [expected, actual] = [await storedOf(alone), await storedOf(batch)];
    expect(actual.ledger.length).toBeGreaterThan(8);
    expect(actual).toEqual(expected);
    expect(actual.events.find((e: { id: string }) => e.id === '-13')?.status).toBe('waiting');
  });

  it('evaluating the same batch again changes nothing but the state versions', async () => {
    const p = uid('R');
    await engine.post({ events: story(p) });
    await drainBatches(subjects(p));
    const first = await storedOf(p);
    await drainBatches([...subjects(p), ...subjects(p)]);
    const again = await storedOf(p);
    const withoutVersions = (stored: typeof first) => ({
      ...stored,
      subjects: stored.subjects.map(({ state_version: _, ...s }: Record<string, unknown>) => s),
    });
    expect(withoutVersions(again)).toEqual(withoutVersions(first));
  });
});
