import { randomBytes } from 'node:crypto';
import { type Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { Producer } from '../src/producer.ts';
import { connectionOptions } from '../src/queues.ts';

// Issue 12 item 14: a subject's evaluations coalesce (a burst of requests is one evaluation), but a
// request made while its evaluation runs is never lost: it runs once more, after.
let producer: Producer;
let prefix: string;
beforeAll(() => {
  prefix = `${inject('queuePrefix')}-producer-${randomBytes(3).toString('hex')}`;
  producer = new Producer(inject('redisUrl'), prefix);
});
afterAll(async () => {
  await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true })));
  await producer.close();
});

const waiting = async (queue: 'subjects' | 'deadlines') =>
  (await producer.queues[queue].getJobCounts('waiting')).waiting;

describe('evaluation requests of one subject coalesce', () => {
  it('50 requests for a subject whose job has not started are one job; another subject is its own', async () => {
    for (let n = 0; n < 50; n++) {
      await producer.evaluateAll([{ kind: 'complaint', id: 'C-1', cause: `quota-${n}` }]);
    }
    await producer.evaluateAll([
      { kind: 'complaint', id: 'C-2', cause: 'quota' },
      { kind: 'complaint', id: 'C-1', cause: 'repeat' },
    ]);
    expect(await waiting('subjects')).toBe(2);
  });

  it('deadlines have a queue of their own: a backlog of re-pricing never holds one back', async () => {
    await producer.evaluateDue([{ kind: 'complaint', id: 'C-1', cause: 'timer-1' }]);
    expect(await waiting('deadlines')).toBe(1);
    expect(await waiting('subjects')).toBe(2);
  });

  it('a request while the subject is being evaluated runs once more after it, however many arrive', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const firstRunning = new Promise<void>((started) => {
      const worker = new Worker(
        'deadlines',
        async (job: Job) => {
          runs.push(job.data.reason);
          if (runs.length === 1) {
            started();
            await new Promise<void>((r) => {
              release = r;
            });
          }
        },
        { connection: connectionOptions(inject('redisUrl'), 'worker'), prefix },
      );
      afterAll(() => worker.close());
    });
    await firstRunning;
    for (let n = 2; n <= 5; n++) {
      await producer.evaluateDue([{ kind: 'complaint', id: 'C-1', cause: `timer-${n}` }]);
    }
    release();
    const until = Date.now() + 10_000;
    while (runs.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    // The one that ran first, then one more carrying the latest request.
    expect(runs).toEqual(['timer-1', 'timer-5']);
  });
});

describe('timers within the horizon', () => {
  it('adds only the timers due within the horizon, and the same subject and instant once', async () => {
    const near = new Producer(inject('redisUrl'), `${prefix}-horizon`, { timerHorizonMs: 5 * 60_000 });
    onTestFinished(async () => {
      await near.queues.timers.obliterate({ force: true });
      await near.close();
    });
    const now = new Date('2026-11-24T02:00:00Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const timers = [
      { kind: 'complaint', id: 'C-due', at: at(-1) },
      { kind: 'complaint', id: 'C-near', at: at(4) },
      { kind: 'complaint', id: 'C-edge', at: at(5) },
      { kind: 'complaint', id: 'C-far', at: at(6) },
      { kind: 'complaint', id: 'C-days', at: at(3 * 24 * 60) },
    ];
    expect(await near.scheduleTimers(timers, now)).toBe(3);
    expect(await near.scheduleTimers(timers, now)).toBe(3);
    const delayed = await near.queues.timers.getJobs(['delayed', 'waiting']);
    expect(delayed.map((job) => job.data.id).sort()).toEqual(['C-due', 'C-edge', 'C-near']);
    expect(delayed.find((job) => job.data.id === 'C-near')?.opts.delay).toBe(4 * 60_000);
  });
});
