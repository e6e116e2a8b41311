import { createDb, type Db, insertEvents } from '@engine/db';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OutboxRelay } from '../src/outbox-relay.ts';
import { createQueue, eventsJobId, type JobPayloads } from '../src/queues.ts';
import { PrivateRedis } from './redis-server.ts';

const quiet = { info: () => undefined, warn: () => undefined };
let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 5 });
});
afterAll(async () => {
  await db.destroy();
});

/** Stores `count` events, each of its own subject unless `subjectOf` says otherwise. */
async function storeEvents(
  label: string,
  count: number,
  subjectOf: (id: string, i: number) => string = (id) => `C-${id}`,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${label}-${Date.now().toString(36)}-${i}`);
  await insertEvents(
    db,
    ids.map((id, i) => ({
      id,
      type: 'complaint.received',
      subjectKind: 'complaint',
      subjectId: subjectOf(id, i),
      occurredAt: new Date('2026-11-23T01:00:00Z'),
      data: { departmentId: 'D1' },
      bodyHash: Buffer.from(id),
    })),
    null,
  );
  return ids;
}

async function rowsOf(ids: string[]) {
  return db.selectFrom('events').select(['id', 'seq', 'enqueued_at']).where('id', 'in', ids).execute();
}

/** How many jobs of the queue carry each event id. */
async function jobsPerEvent(
  queue: Queue<JobPayloads['events']>,
  ids: string[],
): Promise<Map<string, number>> {
  const counts = new Map(ids.map((id) => [id, 0]));
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  for (const job of jobs) {
    if (counts.has(job.data.eventId)) counts.set(job.data.eventId, counts.get(job.data.eventId)! + 1);
  }
  return counts;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the outbox relay hands every stored event to the queue exactly once', () => {
  it('queues events stored while Redis was stopped, once Redis is back', async () => {
    const redis = new PrivateRedis();
    await redis.start();
    const queue = createQueue('events', redis.url, inject('queuePrefix'));
    queue.on('error', () => undefined);
    const relay = new OutboxRelay(db, queue, inject('databaseUrl'), quiet);
    await relay.start();
    try {
      const before = await storeEvents('before', 50);
      await eventually(async () => (await rowsOf(before)).every((r) => r.enqueued_at !== null));

      await redis.stop();
      const during = await storeEvents('during', 120);
      await relay.flush();
      expect((await rowsOf(during)).every((r) => r.enqueued_at === null)).toBe(true);

      await redis.start();
      await eventually(async () => (await rowsOf(during)).every((r) => r.enqueued_at !== null));
      const all = [...before, ...during];
      const perEvent = await jobsPerEvent(queue, all);
      expect(
        [...perEvent.values()].every((n) => n === 1),
        JSON.stringify([...perEvent].filter(([, n]) => n !== 1)),
      ).toBe(true);
      for (const row of await rowsOf(all)) {
        expect((await queue.getJob(eventsJobId([row.seq])))?.data.eventId).toBe(row.id);
      }
    } finally {
      await relay.stop();
      await queue.close();
      await redis.stop();
    }
  });

  it('two relays draining at once queue each event once', async () => {
    const redis = new PrivateRedis();
    await redis.start();
    const queues = [0, 1].map(() => createQueue('events', redis.url, inject('queuePrefix')));
    const relays = queues.map((q) => new OutboxRelay(db, q, inject('databaseUrl'), quiet));
    try {
      const ids = await storeEvents('pair', 400);
      await Promise.all(relays.map((r) => r.flush()));
      expect((await rowsOf(ids)).every((r) => r.enqueued_at !== null)).toBe(true);
      const perEvent = await jobsPerEvent(queues[0]!, ids);
      expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await Promise.all(queues.map((q) => q.close()));
      await redis.stop();
    }
  });

  it("a subject's events stored together are one job, which names the last of them", async () => {
    const redis = new PrivateRedis();
    await redis.start();
    const queue = createQueue('events', redis.url, inject('queuePrefix'));
    const relay = new OutboxRelay(db, queue, inject('databaseUrl'), quiet);
    try {
      const run = Date.now().toString(36);
      // 30 events of 10 subjects, interleaved: subject i % 10.
      const ids = await storeEvents('same', 30, (_, i) => `S-${run}-${i % 10}`);
      await relay.flush();
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.enqueued_at !== null)).toBe(true);
      const jobs = await queue.getJobs(['waiting']);
      const ours = jobs.filter((job) => job.data.subjectId.startsWith(`S-${run}-`));
      expect(ours).toHaveLength(10);
      const seqsOf = new Map<string, number[]>();
      for (const [i, id] of ids.entries()) {
        const subject = `S-${run}-${i % 10}`;
        seqsOf.set(subject, [...(seqsOf.get(subject) ?? []), rows.find((r) => r.id === id)!.seq]);
      }
      for (const job of ours) {
        const seqs = seqsOf.get(job.data.subjectId)!;
        expect(job.id).toBe(eventsJobId(seqs));
        expect(job.data.seq).toBe(Math.max(...seqs));
      }
    } finally {
      await relay.stop();
      await queue.close();
      await redis.stop();
    }
  });

  it('the same events handed off again give the same job id; any other set of them, a new one', () => {
    expect(eventsJobId([20, 10])).toBe(eventsJobId([10, 20]));
    // A retry after a failed hand-off that also takes an event committed late, with a lower number:
    // a job of its own, which the subject's deduplication takes in or runs after the first.
    expect(eventsJobId([10, 15, 20])).not.toBe(eventsJobId([10, 20]));
    expect(eventsJobId([10, 20])).not.toBe(eventsJobId([20]));
    expect(eventsJobId([7])).toBe('event-7');
  });
});
