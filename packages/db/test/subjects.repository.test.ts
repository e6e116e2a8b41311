import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../src/database.ts';
import { type CheckKey, saveEvaluation, subjectsCheckedBy } from '../src/subjects.repository.ts';
import { evaluationRow } from './support.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

describe('the timer loader reads subjects checked by an instant, page by page along next_check_at', () => {
  it('walks the pages earliest first without repeating or missing one, ties and microseconds included', async () => {
    const prefix = `page-${Date.now()}`;
    const base = Date.now() + 60_000;
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 7; n++) {
        // Pairs share an instant, so pages break inside a tie.
        const at = new Date(base + Math.floor(n / 2) * 1_000);
        await saveEvaluation(trx, evaluationRow({ kind: 'fault', id: `${prefix}-${n}`, nextCheckAt: at }));
      }
    });
    // Microseconds a JavaScript Date cannot hold: the page key keeps them.
    await sql`UPDATE subjects SET next_check_at = next_check_at + interval '7 microseconds'
      WHERE kind = 'fault' AND id = ${`${prefix}-6`}`.execute(db);
    const walk = async (until: Date | null) => {
      const seen: string[] = [];
      let after: CheckKey | null = null;
      for (;;) {
        const page = await subjectsCheckedBy(db, until, after, 3);
        if (page.length === 0) return seen;
        seen.push(...page.map((s) => s.id));
        const last = page.at(-1)!;
        after = { at: last.check_key, kind: last.kind, id: last.id };
      }
    };
    const all = await walk(null);
    expect(all.filter((id) => id.startsWith(prefix))).toEqual(
      Array.from({ length: 7 }, (_, n) => `${prefix}-${n}`),
    );
    expect(new Set(all).size).toBe(all.length);
    // Up to the second instant: the first two pairs, not the later ones.
    const near = await walk(new Date(base + 1_000));
    expect(near.filter((id) => id.startsWith(prefix))).toEqual([0, 1, 2, 3].map((n) => `${prefix}-${n}`));
  });
});
