import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintReceived, startTestApi, type TestApi, testConfig, uniqueId } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  // One commit at a time: every post arriving while it commits waits, and the next commit writes them all.
  api = await startTestApi({ config: testConfig({ INGEST_COMMITS_IN_FLIGHT: 1 }) });
  // Events Postgres itself refuses, to fail a group's transaction: at the insert (poison-) or at COMMIT (commit-fails-).
  await sql`
    CREATE OR REPLACE FUNCTION group_commit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'event id % refused by the test', NEW.id; END $$`.execute(api.db);
  await sql`
    CREATE TRIGGER group_commit_test_poison BEFORE INSERT ON event_ids FOR EACH ROW
    WHEN (NEW.id LIKE 'poison-%') EXECUTE FUNCTION group_commit_test_refuse()`.execute(api.db);
  await sql`
    CREATE CONSTRAINT TRIGGER group_commit_test_commit_fails AFTER INSERT ON event_ids
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.id LIKE 'commit-fails-%') EXECUTE FUNCTION group_commit_test_refuse()`.execute(api.db);
});
afterAll(async () => {
  await sql`DROP TRIGGER group_commit_test_poison ON event_ids`.execute(api.db);
  await sql`DROP TRIGGER group_commit_test_commit_fails ON event_ids`.execute(api.db);
  await sql`DROP FUNCTION group_commit_test_refuse()`.execute(api.db);
  await api.close();
});

const post = (body: unknown) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${api.keys.ingest}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
type Answer = Awaited<ReturnType<typeof post>>;

async function metric(name: string): Promise<number> {
  const text = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
  const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  if (value === undefined) throw new Error(`no ${name} in /metrics`);
  return Number(value);
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the condition never held');
}

class HeldOpen extends Error {}

/**
 * A group held open: a first post waits on a row lock of another transaction (an uncommitted id
 * in event_ids), holding the one commit slot, so the posts joined meanwhile wait in arrival order;
 * released, the lock goes, the first post commits and the next commit writes every post joined.
 */
async function holdGroup() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding: (pid: number) => void = () => {};
  const holder = new Promise<number>((resolve) => {
    holding = resolve;
  });
  const firstId = uniqueId('first');
  const lock = api.db
    .transaction()
    .execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      await sql`INSERT INTO event_ids (id, seq, received_at, body_hash)
        VALUES (${firstId}, nextval('events_seq'), now(), ${Buffer.from('held')})`.execute(trx);
      holding(rows[0]!.pid);
      await released;
      throw new HeldOpen();
    })
    .catch((error: unknown) => {
      if (!(error instanceof HeldOpen)) throw error;
    });
  const pid = await holder;
  const first = post(complaintReceived(firstId));
  await until(async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${pid}::int = ANY (pg_blocking_pids(pid))`.execute(
      api.db,
    );
    return rows[0]!.n === 1;
  });
  return {
    /** Posts a body and resolves once it waits in the group, with its answer to come. */
    join: async (body: unknown): Promise<{ answer: Promise<Answer> }> => {
      const waiting = await metric('engine_ingest_posts_waiting');
      const answer = post(body);
      await until(async () => (await metric('engine_ingest_posts_waiting')) === waiting + 1);
      return { answer };
    },
    release: async () => {
      release();
      await lock;
      expect((await first).statusCode).toBe(202);
    },
  };
}

async function stored(ids: readonly string[]) {
  return api.db
    .selectFrom('events')
    .select(['id', 'seq', 'data'])
    .where('id', 'in', ids)
    .orderBy('seq')
    .execute();
}

describe('group commit: posts arriving during a commit share the next one', () => {
  it('many concurrent posts share one commit, each answered with its own results after it', async () => {
    const commits = await metric('engine_ingest_commits_total');
    const posts = await metric('engine_ingest_posts_total');
    const group = await holdGroup();
    const singles = Array.from({ length: 12 }, (_, n) => uniqueId(`single-${n}`));
    const joined = [];
    for (const id of singles) joined.push(await group.join(complaintReceived(id)));
    const batch = uniqueId('batch');
    const batchEvents = [
      complaintReceived(`${batch}-1`, { subjectId: batch }),
      {
        id: `${batch}-2`,
        type: 'complaint.first_replied',
        subjectId: batch,
        occurredAt: '2026-11-23T10:00:00+08:00',
        data: {},
      },
      {
        id: `${batch}-3`,
        type: 'complaint.resolved',
        subjectId: batch,
        occurredAt: '2026-11-23T11:00:00+08:00',
        data: {},
      },
    ];
    const batchPost = await group.join({ events: batchEvents });
    await group.release();

    const answers = await Promise.all(joined.map((j) => j.answer));
    answers.forEach((answer, n) => {
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({
        accepted: 1,
        duplicates: 0,
        results: [{ id: singles[n], status: 'accepted' }],
      });
    });
    const batchAnswer = await batchPost.answer;
    expect(batchAnswer.statusCode).toBe(202);
    expect(batchAnswer.json().results).toEqual(batchEvents.map((e) => ({ id: e.id, status: 'accepted' })));
    // 14 posts (the held first one included), 2 commits: the first post's, then the 13 joined together.
    expect(await metric('engine_ingest_posts_total')).toBe(posts + 14);
    expect(await metric('engine_ingest_commits_total')).toBe(commits + 2);
    expect((await stored(singles)).length).toBe(12);
    // One subject's events keep their order in the shared transaction's sequence.
    expect((await stored(batchEvents.map((e) => e.id))).map((r) => r.id)).toEqual(
      batchEvents.map((e) => e.id),
    );
  });

  it('duplicates and conflicts across posts of one group are answered as if each post came alone, in order', async () => {
    const x = uniqueId('x');
    const y = uniqueId('y');
    const invalid = uniqueId('invalid');
    const group = await holdGroup();
    const first = await group.join(complaintReceived(x));
    // The same event written another way (another offset, keys in another order): a duplicate.
    const again = await group.join({
      data: { channel: 'hotline', departmentId: 'D1' },
      occurredAt: '2026-11-23T01:00:00Z',
      subjectId: `C-${x}`,
      type: 'complaint.received',
      id: x,
    });
    // An atomic batch whose second event uses x with another body: 409, and its y is not stored with it.
    const conflicting = await group.join({
      events: [
        complaintReceived(y),
        complaintReceived(x, { data: { departmentId: 'D1', channel: 'visit' } }),
      ],
    });
    const later = await group.join(complaintReceived(y));
    // A post with a problem is answered 400 at once, never waiting for the group.
    const bad = await post(complaintReceived(invalid, { occurredAt: 'yesterday' }));
    expect(bad.statusCode).toBe(400);
    expect(await metric('engine_ingest_posts_waiting')).toBe(4);
    await group.release();

    expect((await first.answer).json()).toEqual({
      accepted: 1,
      duplicates: 0,
      results: [{ id: x, status: 'accepted' }],
    });
    expect((await again.answer).json()).toEqual({
      accepted: 0,
      duplicates: 1,
      results: [{ id: x, status: 'duplicate' }],
    });
    const conflict = await conflicting.answer;
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().errors).toEqual([
      { path: 'events[1].data.channel', message: `differs from event ${x} as posted before` },
    ]);
    expect((await later.answer).json()).toEqual({
      accepted: 1,
      duplicates: 0,
      results: [{ id: y, status: 'accepted' }],
    });
    const rows = await stored([x, y, invalid]);
    expect(rows.map((r) => r.id).sort()).toEqual([x, y].sort());
    expect(rows.find((r) => r.id === x)?.data).toEqual({ departmentId: 'D1', channel: 'hotline' });
  });

  it('a post whose events fail the shared transaction fails alone: the others are stored and answered 202', async () => {
    const good = [uniqueId('good'), uniqueId('good')];
    const innocent = uniqueId('innocent');
    const group = await holdGroup();
    const before = await group.join(complaintReceived(good[0]!));
    const poisoned = await group.join({
      events: [complaintReceived(innocent), complaintReceived(uniqueId('poison'))],
    });
    const after = await group.join(complaintReceived(good[1]!));
    await group.release();

    expect((await before.answer).statusCode).toBe(202);
    expect((await after.answer).statusCode).toBe(202);
    const failed = await poisoned.answer;
    expect(failed.statusCode).toBe(500);
    expect(failed.json().type).toBe('/problems/internal');
    // Nothing of the failed post, not even its event Postgres had no quarrel with.
    expect((await stored([...good, innocent])).map((r) => r.id).sort()).toEqual([...good].sort());
  });

  it('a commit that fails answers 5xx to exactly the posts it held and stores nothing of them', async () => {
    const good = uniqueId('good');
    const doomed = [uniqueId('commit-fails'), uniqueId('commit-fails')];
    const alongside = uniqueId('alongside');
    const commits = await metric('engine_ingest_commits_total');
    const group = await holdGroup();
    const fine = await group.join(complaintReceived(good));
    const failing = [
      await group.join(complaintReceived(doomed[0]!)),
      await group.join({ events: [complaintReceived(alongside), complaintReceived(doomed[1]!)] }),
    ];
    await group.release();

    expect((await fine.answer).json().results).toEqual([{ id: good, status: 'accepted' }]);
    for (const { answer } of failing) expect((await answer).statusCode).toBe(500);
    expect((await stored([good, alongside, ...doomed])).map((r) => r.id)).toEqual([good]);
    // The held first post's commit and the good post's, retried alone: none for the posts that failed.
    expect(await metric('engine_ingest_commits_total')).toBe(commits + 2);
  });

  it('a group of single events is one commit, each post answered as if it came alone: new, duplicate, conflict', async () => {
    const earlier = uniqueId('earlier');
    expect((await post(complaintReceived(earlier))).statusCode).toBe(202);
    const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    const commits = await metric('engine_ingest_commits_total');
    const posts = await metric('engine_ingest_posts_total');
    const group = await holdGroup();
    const first = await group.join(complaintReceived(a));
    // a again, written another way: a duplicate of the post before it in the group.
    const again = await group.join({ ...complaintReceived(a), occurredAt: '2026-11-23T01:00:00Z' });
    const clash = await group.join(complaintReceived(a, { data: { departmentId: 'D1', channel: 'visit' } }));
    const resent = await group.join(complaintReceived(earlier));
    const changed = await group.join(complaintReceived(earlier, { subjectId: 'C-other' }));
    const second = await group.join(complaintReceived(b));
    const third = await group.join(complaintReceived(c));
    await group.release();

    expect((await first.answer).json().results).toEqual([{ id: a, status: 'accepted' }]);
    expect((await again.answer).json().results).toEqual([{ id: a, status: 'duplicate' }]);
    const clashed = await clash.answer;
    expect(clashed.statusCode).toBe(409);
    expect(clashed.json().errors).toEqual([
      { path: 'data.channel', message: `differs from event ${a} as posted before` },
    ]);
    expect((await resent.answer).json().results).toEqual([{ id: earlier, status: 'duplicate' }]);
    const refused = await changed.answer;
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([
      { path: 'subjectId', message: `differs from event ${earlier} as posted before` },
    ]);
    expect((await second.answer).json().results).toEqual([{ id: b, status: 'accepted' }]);
    expect((await third.answer).json().results).toEqual([{ id: c, status: 'accepted' }]);
    // The held first post's commit, then one for the seven joined; the two 409s are not stored posts.
    expect(await metric('engine_ingest_commits_total')).toBe(commits + 2);
    expect(await metric('engine_ingest_posts_total')).toBe(posts + 6);
    const rows = await stored([a, b, c]);
    // Stored in the order posted, a with the body first posted.
    expect(rows.map((r) => r.id)).toEqual([a, b, c]);
    expect(rows[0]!.data).toEqual({ departmentId: 'D1', channel: 'hotline' });
  });

  it('a single event Postgres refuses fails alone in a group of single events: the others are stored', async () => {
    const good = [uniqueId('good'), uniqueId('good')];
    const poisoned = uniqueId('poison');
    const group = await holdGroup();
    const before = await group.join(complaintReceived(good[0]!));
    const refused = await group.join(complaintReceived(poisoned));
    const after = await group.join(complaintReceived(good[1]!));
    await group.release();

    expect((await before.answer).statusCode).toBe(202);
    expect((await after.answer).statusCode).toBe(202);
    expect((await refused.answer).statusCode).toBe(500);
    expect((await stored([...good, poisoned])).map((r) => r.id)).toEqual(good);
  });
});
