import type { SubjectRef } from '@engine/db';
import { describe, expect, it } from 'vitest';
import { SubjectBatcher } from '../src/subject-batcher.ts';

const ref = (id: string): SubjectRef => ({ kind: 'complaint', id });

/** A run whose batches finish when the test says so. */
function controlledRun() {
  const batches: { ids: string[]; finish: (failed?: Map<string, unknown>) => void }[] = [];
  const run = (refs: SubjectRef[]) =>
    new Promise<Map<string, unknown>>((resolve) => {
      batches.push({ ids: refs.map((r) => r.id), finish: (failed = new Map()) => resolve(failed) });
    });
  return { batches, run };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('SubjectBatcher', () => {
  it('sends a full batch at once, and the first of a partial one after the wait', async () => {
    const { batches, run } = controlledRun();
    const batcher = new SubjectBatcher(run, { maxSize: 2, maxWaitMs: 5, maxInFlight: 2 });
    void batcher.submit(ref('a'));
    void batcher.submit(ref('b'));
    expect(batches.map((b) => b.ids)).toEqual([['a', 'b']]);
    void batcher.submit(ref('c'));
    expect(batches).toHaveLength(1);
    await settle();
    expect(batches.map((b) => b.ids)).toEqual([['a', 'b'], ['c']]);
  });

  it('holds what arrives while maxInFlight batches run, and sends it together when one ends', async () => {
    const { batches, run } = controlledRun();
    const batcher = new SubjectBatcher(run, { maxSize: 3, maxWaitMs: 0, maxInFlight: 1 });
    const first = batcher.submit(ref('a'));
    await settle();
    const later = ['b', 'c', 'd', 'e'].map((id) => batcher.submit(ref(id)));
    await settle();
    expect(batches.map((b) => b.ids)).toEqual([['a']]);

    batches[0]!.finish();
    await first;
    await settle();
    // At most maxSize per batch, one batch at a time.
    expect(batches.map((b) => b.ids)).toEqual([['a'], ['b', 'c', 'd']]);
    batches[1]!.finish();
    await settle();
    expect(batches.map((b) => b.ids)).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    batches[2]!.finish();
    await Promise.all(later);
  });

  it('fails only the jobs whose subject failed, and every job of a batch that threw', async () => {
    const failing = new SubjectBatcher(
      async (refs) =>
        new Map(refs.filter((r) => r.id === 'bad').map((r) => [`complaint\u0000${r.id}`, 'no'])),
      { maxSize: 2, maxWaitMs: 0, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([failing.submit(ref('ok')), failing.submit(ref('bad'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);

    const throwing = new SubjectBatcher(
      async () => {
        throw new Error('batch failed');
      },
      { maxSize: 2, maxWaitMs: 0, maxInFlight: 1 },
    );
    const thrown = await Promise.allSettled([throwing.submit(ref('x')), throwing.submit(ref('y'))]);
    expect(thrown.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
