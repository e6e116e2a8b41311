import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { saveEvaluation, subjectsWithTimers } from '../src/subjects.repository.ts';
import { evaluationRow } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

describe('the timer reconciler reads every subject with a timer, page by page', () => {
  it('walks the pages by (kind, id) without repeating or missing one', async () => {
    const prefix = `page-${Date.now()}`;
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 7; n++) {
        await saveEvaluation(
          trx,
          evaluationRow({ kind: 'fault', id: `${prefix}-${n}`, nextCheckAt: new Date(Date.now() + 60_000) }),
        );
      }
    });
    const seen: string[] = [];
    let after: { kind: string; id: string } | null = null;
    for (;;) {
      const page = await subjectsWithTimers(db, after, 3);
      if (page.length === 0) break;
      seen.push(...page.map((s) => s.id));
      after = { kind: page.at(-1)!.kind, id: page.at(-1)!.id };
    }
    const ours = seen.filter((id) => id.startsWith(prefix));
    expect(ours).toEqual(Array.from({ length: 7 }, (_, n) => `${prefix}-${n}`));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
