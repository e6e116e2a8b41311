import { type ChildProcess, spawn } from 'node:child_process';
import { putPolicyVersion } from '@engine/db';
import { fuling2012Policy } from '@engine/domain';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateRedis } from '../../../packages/queue/test/redis-server.ts';
import { eventually, lines, net, startTestEngine, type TestEngine, uid } from './support.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
/** Tests that start engine processes of their own wait for them as long as their pipeline waits (60 s), not vitest's 30 s. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;
const complaint = (p: string, n: number, dispatchedAt: Date) => ({
  id: `${p}-${n}`,
  type: 'complaint.received',
  subjectId: `${p}C${n}`,
  occurredAt: dispatchedAt.toISOString(),
  data: { departmentId: 'D1', channel: 'hotline' },
});

async function appliedCount(engine: TestEngine, p: string): Promise<number> {
  const row = await engine.runtime.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'like', `${p}-%`)
    .where('status', '=', 'applied')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The engine's worker parts as a separate process, to be killed. */
function spawnWorkers(engine: TestEngine, roles: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['services/engine/src/roles.ts'], {
    cwd: new URL('../../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: engine.databaseUrl,
      REDIS_URL: engine.runtime.config.REDIS_URL,
      QUEUE_PREFIX: engine.runtime.config.QUEUE_PREFIX,
      ENGINE_ROLES: roles,
      LOG_LEVEL: 'silent',
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '8',
      ...env,
    },
    stdio: 'ignore',
  });
}

describe('faults', () => {
  it(
    'a worker process killed with SIGKILL mid-job loses nothing and charges nothing twice',
    async () => {
      const engine = await startTestEngine({}, ['sla-timer']);
      cleanups.push(engine.stop);
      const p = uid('K');
      const dispatched = new Date('2026-11-02T01:00:00Z');
      const events = Array.from({ length: 300 }, (_, n) => complaint(p, n, dispatched));
      expect((await engine.post({ events })).status).toBe(202);

      // Small batches, so the kill lands while most of the 300 are still to do (a batch of 400
      // would apply them all in one transaction before the first check).
      const first = spawnWorkers(engine, 'classifier,penalty-calculator', {
        CLASSIFIER_BATCH_SIZE: '4',
        WORKER_CONCURRENCY: '4',
      });
      // Killed however the test ends, so a failed wait never leaves it running.
      cleanups.push(async () => {
        if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
      });
      // The process's start alone takes seconds on a loaded machine: wait as long as the pipeline waits below.
      await eventually(
        () => appliedCount(engine, p),
        (n) => n >= 20,
        60_000,
      );
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const killedAt = await appliedCount(engine, p);
      expect(killedAt).toBeLessThan(300);

      const second = spawnWorkers(engine, 'classifier,penalty-calculator');
      cleanups.push(async () => {
        second.kill('SIGTERM');
        await new Promise((r) => second.once('exit', r));
      });
      await eventually(
        () => appliedCount(engine, p),
        (n) => n === 300,
        60_000,
      );
      const rows = await eventually(
        () => engine.ledger(p),
        (rows) => rows.length === 300 * 4,
        60_000,
      );
      // Each complaint: ordinary 100, first response late 50, the overdue warning 50, and the
      // 3-working-day target missed 100; each exactly once, nothing reversed.
      const counts = new Map<string, number>();
      for (const line of lines(rows, p))
        counts.set(line.replace(/^C\d+ /, ''), (counts.get(line.replace(/^C\d+ /, '')) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual({
        'complaint.ordinary 100': 300,
        'sla.first_response.late 50': 300,
        'complaint.warning 50': 300,
        'sla.resolution.late 100': 300,
      });
      expect(rows.every((r) => r.reversal_of === null)).toBe(true);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'three classifier processes and many concurrent events on three subjects: each applied one at a time',
    async () => {
      const engine = await startTestEngine({}, ['sla-timer']);
      cleanups.push(engine.stop);
      const children = [0, 1, 2].map(() =>
        spawnWorkers(engine, 'classifier,penalty-calculator', { WORKER_CONCURRENCY: '6' }),
      );
      cleanups.push(async () => {
        for (const child of children) child.kill('SIGTERM');
        await Promise.all(children.map((child) => new Promise((r) => child.once('exit', r))));
      });
      const p = uid('M');
      const subjects = ['A', 'B', 'C'];
      const events = subjects.flatMap((s) => [
        {
          id: `${p}-${s}-0`,
          type: 'complaint.received',
          subjectId: `${p}${s}`,
          occurredAt: '2026-11-02T09:00:00+08:00',
          data: { departmentId: 'D1' },
        },
        {
          id: `${p}-${s}-r`,
          type: 'complaint.first_replied',
          subjectId: `${p}${s}`,
          occurredAt: '2026-11-02T10:00:00+08:00',
          data: {},
        },
        // 60 rulings a minute apart, alternating; the last (enterprise, class 3) stands.
        ...Array.from({ length: 60 }, (_, n) => ({
          id: `${p}-${s}-${n + 1}`,
          type: 'complaint.responsibility_set',
          subjectId: `${p}${s}`,
          occurredAt: new Date(Date.parse('2026-11-03T09:00:00+08:00') + n * 60_000).toISOString(),
          data:
            n % 2 === 1
              ? { responsibility: 'enterprise', criteria: ['other_media'] }
              : { responsibility: 'non_enterprise' },
        })),
      ]);
      // Shuffled into 12 batches posted at once.
      const shuffled = events
        .map((e, i) => ({ e, k: (i * 7919) % 101 }))
        .sort((a, b) => a.k - b.k)
        .map(({ e }) => e);
      const batches = Array.from({ length: 12 }, (_, b) => shuffled.filter((_, i) => i % 12 === b));
      const responses = await Promise.all(batches.map((batch) => engine.post({ events: batch })));
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(202));
      await eventually(
        () => appliedCount(engine, p),
        (n) => n === events.length,
        60_000,
      );
      // Each ends enterprise-liable class 3 (1,000), overdue since 11-12 (the 50 non-enterprise warning),
      // and past its 3-working-day target (100): what the rules give for all 62 events at once.
      const expected = Object.fromEntries(
        subjects.flatMap((s) => [
          [`${s} complaint.class3`, 1000],
          [`${s} complaint.warning`, 50],
          [`${s} sla.resolution.late`, 100],
        ]),
      );
      const rows = await eventually(
        () => engine.ledger(p),
        (rows) =>
          JSON.stringify(net(rows, p)) ===
          JSON.stringify(Object.fromEntries(Object.entries(expected).sort())),
        60_000,
      );
      // Nothing charged twice: for every fine, at most one posting stands unreversed.
      const live = rows.filter((r) => r.reversal_of === null && !rows.some((x) => x.reversal_of === r.id));
      expect(
        live.map((r) => `${r.subject_id.slice(p.length)} ${r.rule} ${r.amount_fen / 100}`).sort(),
      ).toEqual(
        Object.entries(expected)
          .map(([k, v]) => `${k} ${v}`)
          .sort(),
      );
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('a pack that refuses a year without calendar data fails the events with the reason and retries hourly', async () => {
    const engine = await startTestEngine({ POLICY_FAMILY: 'long-targets' });
    cleanups.push(engine.stop);
    // A pack whose resolution target (40 working days) runs from late November 2026 into 2027,
    // and that refuses to count a year without official holiday data (calendar.missingYear).
    const pack = {
      ...structuredClone(fuling2012Policy.pack),
      family: 'long-targets',
      version: 'long-targets-1',
      effectiveFrom: '2020-01-01',
      calendar: { id: 'cn-mainland', missingYear: 'refuse' as const },
    };
    pack.complaints.slaTypes.ordinary = { firstResponse: { hours: 4 }, resolution: { workingDays: 40 } };
    expect(await putPolicyVersion(engine.runtime.db, pack)).toBe('created');
    await engine.runtime.policies.reload();
    const p = uid('Y');
    expect((await engine.post(complaint(p, 1, new Date('2026-11-20T01:00:00Z')))).status).toBe(202);
    const failed = await eventually(
      () =>
        engine.runtime.db
          .selectFrom('events')
          .select(['status', 'error'])
          .where('id', '=', `${p}-1`)
          .executeTakeFirst(),
      (row) => row?.status === 'failed',
    );
    expect(failed?.error).toMatch(/no holiday data for 2027/);
    const subject = await engine.runtime.db
      .selectFrom('subjects')
      .select('next_check_at')
      .where('id', '=', `${p}C1`)
      .executeTakeFirstOrThrow();
    expect(subject.next_check_at!.getTime() - engine.now().getTime()).toBeGreaterThan(50 * 60_000);
  });

  it('FLUSHALL with clocks running, then the reconciler: every breach still happens', async () => {
    const redis = new PrivateRedis();
    await redis.start();
    cleanups.push(() => redis.stop());
    const engine = await startTestEngine({ REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '60000' });
    cleanups.push(engine.stop);
    const p = uid('F');
    // First-response deadlines 3 to 5 seconds from now (dispatched just under 4 hours ago).
    const events = Array.from({ length: 20 }, (_, n) =>
      complaint(p, n, new Date(engine.now().getTime() - 4 * HOUR + 3_000 + n * 100)),
    );
    expect((await engine.post({ events })).status).toBe(202);
    await eventually(
      () => appliedCount(engine, p),
      (n) => n === 20,
    );

    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    const rebuilt = await fetch(`${engine.url}/v1/admin/timers/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engine.keys.admin}` },
    });
    expect(rebuilt.status).toBe(202);
    expect(((await rebuilt.json()) as { timers: number }).timers).toBeGreaterThanOrEqual(20);

    const breaches = await eventually(
      () =>
        engine.runtime.db
          .selectFrom('signals')
          .select('subject_id')
          .where('subject_id', 'like', `${p}%`)
          .where('key', '=', 'breach:first_response')
          .execute(),
      (rows) => rows.length === 20,
    );
    expect(breaches).toHaveLength(20);
    const late = await eventually(
      () => engine.ledger(p),
      (rows) => rows.filter((r) => r.rule === 'sla.first_response.late').length === 20,
    );
    expect(
      late.filter((r) => r.rule === 'sla.first_response.late').every((r) => r.amount_fen === 5_000),
    ).toBe(true);
  });

  it('the sweep alone catches breaches whose timers Redis lost', async () => {
    const redis = new PrivateRedis();
    await redis.start();
    cleanups.push(() => redis.stop());
    const engine = await startTestEngine({ REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '300' });
    cleanups.push(engine.stop);
    const p = uid('W');
    const events = Array.from({ length: 5 }, (_, n) =>
      complaint(p, n, new Date(engine.now().getTime() - 4 * HOUR + 2_000)),
    );
    expect((await engine.post({ events })).status).toBe(202);
    await eventually(
      () => appliedCount(engine, p),
      (n) => n === 5,
    );
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    await eventually(
      () => engine.ledger(p),
      (rows) => rows.filter((r) => r.rule === 'sla.first_response.late').length === 5,
    );
  });

  it('a deadline is judged while the re-pricing queue is stalled: deadlines never wait behind it', async () => {
    const engine = await startTestEngine();
    cleanups.push(engine.stop);
    // Nothing taken from the re-pricing queue from now on, as if it held a backlog of thousands.
    await engine.runtime.producer.queues.subjects.pause();
    cleanups.push(() => engine.runtime.producer.queues.subjects.resume());
    const p = uid('DL');
    const events = [0, 1, 2].map((n) => complaint(p, n, new Date(engine.now().getTime() - 4 * HOUR + 2_000)));
    expect((await engine.post({ events })).status).toBe(202);
    const late = await eventually(
      () => engine.ledger(p),
      (rows) => rows.filter((r) => r.rule === 'sla.first_response.late').length === 3,
    );
    expect(
      late.filter((r) => r.rule === 'sla.first_response.late').every((r) => r.amount_fen === 5_000),
    ).toBe(true);
  });

  it('the same events posted twice and in reverse order give the same ledger', async () => {
    const engine = await startTestEngine();
    cleanups.push(engine.stop);
    const history = (p: string) => [
      {
        id: `${p}-1`,
        type: 'complaint.received',
        subjectId: `${p}A`,
        occurredAt: '2026-11-02T09:00:00+08:00',
        data: { departmentId: 'D1' },
      },
      {
        id: `${p}-2`,
        type: 'complaint.first_replied',
        subjectId: `${p}A`,
        occurredAt: '2026-11-02T15:00:00+08:00',
        data: {},
      },
      {
        id: `${p}-3`,
        type: 'complaint.responsibility_set',
        subjectId: `${p}A`,
        occurredAt: '2026-11-03T10:00:00+08:00',
        data: { responsibility: 'enterprise', criteria: ['other_media'] },
      },
      {
        id: `${p}-4`,
        type: 'complaint.resolved',
        subjectId: `${p}A`,
        occurredAt: '2026-11-04T10:00:00+08:00',
        data: {},
      },
      {
        id: `${p}-5`,
        type: 'fault.reported',
        subjectId: `${p}F`,
        occurredAt: '2026-11-05T10:00:00+08:00',
        data: { departmentId: 'D1', kind: 'rural' },
      },
      {
        id: `${p}-6`,
        type: 'fault.restored',
        subjectId: `${p}F`,
        occurredAt: '2026-11-09T10:00:00+08:00',
        data: {},
      },
      {
        id: `${p}-7`,
        type: 'callback.opened',
        subjectId: `${p}B`,
        occurredAt: '2026-11-01T10:00:00+08:00',
        data: { kind: 'new_install', departmentId: 'D1' },
      },
      {
        id: `${p}-8`,
        type: 'finding.recorded',
        subjectId: `${p}Q`,
        occurredAt: '2026-11-06T10:00:00+08:00',
        data: { rule: 'workorder.unclear', departmentId: 'D1' },
      },
    ];
    const inOrder = uid('O');
    const reversed = uid('R');
    expect((await engine.post({ events: history(inOrder) })).status).toBe(202);
    expect((await engine.post({ events: history(reversed).reverse() })).status).toBe(202);
    const again = await engine.post({ events: history(reversed).reverse() });
    expect(((await again.json()) as { duplicates: number }).duplicates).toBe(8);

    const settled = (rows: { length: number }) => rows.length === 5;
    const a = await eventually(() => engine.ledger(inOrder), settled);
    const b = await eventually(() => engine.ledger(reversed), settled);
    expect(lines(b, reversed).sort()).toEqual(lines(a, inOrder).sort());
  });
});
