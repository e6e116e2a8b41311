import { timerJobId } from '@engine/queue';
import { rebuildTimers } from '@engine/use-cases';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateRedis } from '../../../packages/queue/test/redis-server.ts';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

// Issue 15 item 4: Redis holds timers only within TIMER_HORIZON_MINUTES; the SLA timer's loader
// brings the others from Postgres as they come near. A horizon of 6 s (loaded every 1.2 s) keeps
// these tests to seconds, and a sweep of a minute keeps the sweep from firing anything they watch.
const HORIZON = { TIMER_HORIZON_MINUTES: '0.1', SWEEP_INTERVAL_MS: '60000' };
const HORIZON_MS = 6_000;
const HOUR = 3_600_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A complaint whose first response is due `inMs` from the engine's now (RULES.md 2.1: 4 hours from dispatch). */
const complaint = (engine: TestEngine, p: string, n: number, inMs: number) => ({
  id: `${p}-${n}`,
  type: 'complaint.received',
  subjectId: `${p}C${n}`,
  occurredAt: new Date(engine.now().getTime() - 4 * HOUR + inMs).toISOString(),
  data: { departmentId: 'D1', channel: 'hotline' },
});

async function nextCheck(engine: TestEngine, subjectId: string): Promise<Date | null> {
  const row = await engine.runtime.db
    .selectFrom('subjects')
    .select('next_check_at')
    .where('kind', '=', 'complaint')
    .where('id', '=', subjectId)
    .executeTakeFirst();
  return row?.next_check_at ?? null;
}

/** The subject's timer jobs waiting in Redis (delayed, or due and not yet taken). */
async function timersOf(engine: TestEngine, subjectId: string) {
  const jobs = await engine.runtime.producer.queues.timers.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.filter((job) => job?.data.id === subjectId);
}

async function breaches(engine: TestEngine, p: string): Promise<string[]> {
  const rows = await engine.runtime.db
    .selectFrom('signals')
    .select('subject_id')
    .where('subject_id', 'like', `${p}C%`)
    .where('key', '=', 'breach:first_response')
    .execute();
  return rows.map((r) => r.subject_id).sort();
}

/** The reasons the subject was evaluated for its time (a timer fired: `timer-<ms>`; the sweep: `due-<ms>`). */
async function deadlineReasons(engine: TestEngine, subjectId: string): Promise<string[]> {
  const jobs = await engine.runtime.producer.queues.deadlines.getJobs(['completed', 'active', 'waiting']);
  return jobs.filter((job) => job?.data.id === subjectId).map((job) => job.data.reason);
}

const applied = (engine: TestEngine, p: string, n: number) =>
  eventually(
    () =>
      engine.runtime.db
        .selectFrom('events')
        .select('id')
        .where('id', 'like', `${p}-%`)
        .where('status', '=', 'applied')
        .execute(),
    (rows) => rows.length === n,
  );

describe('timers within a horizon', () => {
  it('a clock beyond the horizon has no Redis timer, gets one as its time comes near, and breaches by that timer', async () => {
    const engine = await startTestEngine(HORIZON);
    cleanups.push(engine.stop);
    const p = uid('HZ');
    const subject = `${p}C1`;
    expect((await engine.post(complaint(engine, p, 1, 10_000))).status).toBe(202);
    await applied(engine, p, 1);
    const due = (await nextCheck(engine, subject))!;
    expect(due.getTime() - engine.now().getTime()).toBeGreaterThan(HORIZON_MS);
    expect(await timersOf(engine, subject)).toEqual([]);

    const [loaded] = await eventually(
      () => timersOf(engine, subject),
      (jobs) => jobs.length > 0,
    );
    expect(loaded!.id).toBe(timerJobId('complaint', subject, due));
    // Added ahead of its instant, and no further ahead than the horizon.
    expect(loaded!.opts.delay).toBeGreaterThan(0);
    expect(loaded!.opts.delay).toBeLessThanOrEqual(HORIZON_MS);

    expect(
      await eventually(
        () => breaches(engine, p),
        (rows) => rows.length === 1,
      ),
    ).toEqual([subject]);
    expect(await deadlineReasons(engine, subject)).toContain(`timer-${due.getTime()}`);
  });

  it('loading twice schedules once', async () => {
    const engine = await startTestEngine(HORIZON, ['classifier']);
    cleanups.push(engine.stop);
    const p = uid('HT');
    const events = [0, 1, 2].map((n) => complaint(engine, p, n, 4_000 + n * 500));
    expect((await engine.post({ events })).status).toBe(202);
    await applied(engine, p, 3);
    const { runtime } = engine;
    // No SLA timer runs here: due timers wait in Redis, counted with the delayed ones.
    const counted = async () => {
      const counts = await runtime.producer.queues.timers.getJobCounts('delayed', 'waiting');
      return counts.delayed! + counts.waiting!;
    };
    const before = await counted();
    expect(before).toBe(3);
    expect(await rebuildTimers(runtime.db, runtime.producer, runtime.now)).toBe(3);
    expect(await rebuildTimers(runtime.db, runtime.producer, runtime.now)).toBe(3);
    expect(await counted()).toBe(before);
    for (const n of [0, 1, 2]) expect(await timersOf(engine, `${p}C${n}`)).toHaveLength(1);
  });

  it('FLUSHALL, then the loader alone restores every near timer, and every clock breaches on a timer', {
    timeout: 60_000,
  }, async () => {
    const redis = new PrivateRedis();
    await redis.start();
    cleanups.push(() => redis.stop());
    // A horizon of 15 s (loaded every 3 s), so the flush lands well before the near clocks are due.
    const engine = await startTestEngine({ ...HORIZON, TIMER_HORIZON_MINUTES: '0.25', REDIS_URL: redis.url });
    cleanups.push(engine.stop);
    const p = uid('HF');
    // Ten clocks due inside the horizon when Redis is flushed, ten beyond it.
    const events = Array.from({ length: 20 }, (_, n) =>
      complaint(engine, p, n, n < 10 ? 10_000 + n * 100 : 22_000 + n * 100),
    );
    expect((await engine.post({ events })).status).toBe(202);
    await applied(engine, p, 20);

    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    const near = Array.from({ length: 10 }, (_, n) => `${p}C${n}`);
    // Restored by the SLA timer's own loader (no rebuild asked for), before they are due.
    const restored = await eventually(
      async () => (await Promise.all(near.map((s) => timersOf(engine, s)))).flat(),
      (jobs) => jobs.length === 10,
    );
    expect(restored.every((job) => (job.opts.delay ?? 0) > 0)).toBe(true);

    const all = Array.from({ length: 20 }, (_, n) => `${p}C${n}`).sort();
    expect(
      await eventually(
        () => breaches(engine, p),
        (rows) => rows.length === 20,
        40_000,
      ),
    ).toEqual(all);
    for (const s of all) {
      expect((await deadlineReasons(engine, s)).some((reason) => reason.startsWith('timer-'))).toBe(true);
    }
  });

  it('a clock stopped before its timer fires does not breach', async () => {
    // A horizon of 30 s: the timer is added at once, and the reply has 10 s to stop the clock first.
    const engine = await startTestEngine({ ...HORIZON, TIMER_HORIZON_MINUTES: '0.5' });
    cleanups.push(engine.stop);
    const p = uid('HS');
    const subject = `${p}C1`;
    expect((await engine.post(complaint(engine, p, 1, 10_000))).status).toBe(202);
    await applied(engine, p, 1);
    const due = (await nextCheck(engine, subject))!;
    expect(await timersOf(engine, subject)).toHaveLength(1);
    const reply = {
      id: `${p}-reply`,
      type: 'complaint.first_replied',
      subjectId: subject,
      occurredAt: engine.now().toISOString(),
      data: {},
    };
    expect((await engine.post(reply)).status).toBe(202);
    await applied(engine, p, 2);
    // The timer still fires at the old instant; the evaluation it asks for finds the clock met.
    await eventually(
      () => deadlineReasons(engine, subject),
      (reasons) => reasons.includes(`timer-${due.getTime()}`),
    );
    const clock = await engine.runtime.db
      .selectFrom('clocks')
      .select(['state', 'breached_at'])
      .where('subject_id', '=', subject)
      .where('name', '=', 'first_response')
      .executeTakeFirstOrThrow();
    expect(clock).toEqual({ state: 'met', breached_at: null });
    expect(await breaches(engine, p)).toEqual([]);
    expect((await engine.ledger(p)).filter((r) => r.rule === 'sla.first_response.late')).toEqual([]);
  });
});
