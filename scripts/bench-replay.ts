// Replay / what-if of a month: SUBJECTS complaints of November 2026 (Asia/Shanghai) with their
// events (received, first reply, responsibility, resolution: ~4 each), subject rows and a posted fine
// each, seeded straight into a scratch database with generate_series (dropped afterwards); a sixth
// are the enterprise's responsibility (class 4, counted in a quota: they need the month's other
// cases), one in 25 over-level (the department's people). Then the month is replayed under a
// what-if version (class 4 at 150 yuan instead of 100) as `engine.sh replay period` does, timed
// with its phases, beside the run's raw limits.
// Run: ./scripts/bench.sh replay   (SUBJECTS=100000 by default)
import { cpus, loadavg, totalmem } from 'node:os';
import { loadConfig } from '@engine/config';
import { PolicyStore, putPolicyVersion } from '@engine/db';
import { fuling2012Policy, timeZoneOf } from '@engine/domain';
import { replay, subjectsOfPeriod } from '@engine/use-cases';
import { sql } from 'kysely';
import { scratchDatabase } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits, perSecond } from './lib/raw-limits.ts';

const SUBJECTS = Number(process.env.SUBJECTS ?? 100_000);
const { db, databaseUrl, drop } = await scratchDatabase('replay');
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load}; ${SUBJECTS.toLocaleString('en-US')} complaints in the month; PostgreSQL and the replay on one machine\n`,
);
const limits = await measureRawLimits(
  loadConfig().REDIS_URL,
  `engine-bench-replay-${process.pid}`,
  databaseUrl,
);
console.log(`| raw limit | measured |\n|---|---|\n${describeLimits(limits)}\n`);

let started = Date.now();
await sql`INSERT INTO departments (id, name, manager_id)
  SELECT 'D' || d, '部门' || d, 'M' || d FROM generate_series(0, 39) d`.execute(db);
await sql`INSERT INTO halls (id, department_id, name, head_id)
  SELECT 'H' || h, 'D' || (h % 40), '营业厅' || h, 'HH' || h FROM generate_series(0, 199) h`.execute(db);
// Dispatched evenly over November in +08:00; replied after 2 hours, resolved after 3 days.
await sql`
  CREATE TABLE seed AS
  SELECT i, 'C' || i AS id, 'D' || (i % 200 % 40) AS department_id, 'H' || (i % 200) AS hall_id,
         timestamptz '2026-11-01 00:00+08' + (i * (interval '30 days' / ${SUBJECTS})) AS opened_at
  FROM generate_series(1, ${SUBJECTS}) i
`.execute(db);
await sql`
  INSERT INTO events (id, type, subject_kind, subject_id, occurred_at, data, body_hash, status, applied_at, enqueued_at)
  SELECT e.id, e.type, 'complaint', s.id, e.occurred_at, e.data, '\\x00'::bytea, 'applied', now(), now()
  FROM seed s
  CROSS JOIN LATERAL (VALUES
    (s.id || '-r', 'complaint.received', s.opened_at,
     jsonb_build_object('departmentId', s.department_id, 'hallId', s.hall_id, 'channel', 'hotline')
       || CASE WHEN s.i % 25 = 0 THEN jsonb_build_object('overLevel', jsonb_build_object('body', 'miit_appeal',
            'controlLevel', 1, 'priorComplaintToDepartment', true, 'interceptionAttempted', false)) ELSE '{}' END),
    (s.id || '-f', 'complaint.first_replied', s.opened_at + interval '2 hours', '{}'::jsonb),
    (s.id || '-e', 'complaint.responsibility_set', s.opened_at + interval '3 hours',
     jsonb_build_object('responsibility', CASE WHEN s.i % 6 = 0 THEN 'enterprise' ELSE 'non_enterprise' END)),
    (s.id || '-s', 'complaint.resolved', s.opened_at + interval '3 days', '{}'::jsonb)
  ) AS e (id, type, occurred_at, data)
`.execute(db);
await sql`
  INSERT INTO subjects (kind, id, department_id, hall_id, status, policy_version, opened_at, state,
                        assessment, upgraded, quota_assessment, quota_period, state_version, ledger_version)
  SELECT 'complaint', id, department_id, hall_id, 'resolved', 'fuling-2012', opened_at, '{}'::jsonb,
         CASE WHEN i % 6 = 0 THEN 'class4' WHEN i % 25 = 0 THEN 'over_level' ELSE 'ordinary' END, false,
         CASE WHEN i % 6 = 0 THEN 'class4' END, CASE WHEN i % 6 = 0 THEN '2026-11' END, 1, 1
  FROM seed
`.execute(db);
await sql`
  INSERT INTO ledger_entries (entry_key, generation, period, origin_period, rule, policy_version,
    department_id, amount_fen, source, subject_id)
  SELECT 'complaint:' || id || ':fine', 0, '2026-11', '2026-11',
         CASE WHEN i % 6 = 0 THEN 'complaint.class4' ELSE 'complaint.ordinary' END, 'fuling-2012',
         department_id, CASE WHEN i % 6 = 0 THEN 10000 ELSE 5000 END, 'complaint', id
  FROM seed
`.execute(db);
await sql`DROP TABLE seed`.execute(db);
await sql`ANALYZE`.execute(db);
console.error(
  `seeded ${SUBJECTS.toLocaleString('en-US')} complaints, their events and fines in ${Date.now() - started} ms`,
);

// The what-if version: the default pack with class 4 at 150 yuan.
const pack = fuling2012Policy.pack;
await putPolicyVersion(db, {
  ...pack,
  version: 'bench-whatif',
  effectiveFrom: '2099-01-01',
  complaints: {
    ...pack.complaints,
    classes: pack.complaints.classes.map((c) => (c.id === 'class4' ? { ...c, fineFen: 15_000 } : c)),
  },
});
const policies = (await PolicyStore.load(db)).all();

started = Date.now();
const targets = await subjectsOfPeriod(db, '2026-11', timeZoneOf(policies));
const listed = Date.now() - started;
started = Date.now();
let batches = 0;
const result = await replay(db, policies, targets, {
  policyVersion: 'bench-whatif',
  now: new Date('2026-12-15T00:00:00Z'),
  onProgress: () => {
    batches += 1;
  },
});
const replayed = Date.now() - started;
console.log('| replay of 2026-11 under bench-whatif | measured |\n|---|---|');
console.log(`| subjects listed | ${targets.length.toLocaleString('en-US')} in ${listed} ms |`);
console.log(
  `| replayed (read, evaluated, compared) | ${result.subjects.toLocaleString('en-US')} in ${(replayed / 1000).toFixed(1)} s, ${perSecond(result.subjects / (replayed / 1000))}, ${batches} batches |`,
);
console.log(
  `| fines that differ | ${result.differences.length.toLocaleString('en-US')}; live ${(result.liveFen / 100).toFixed(2)} yuan, replay ${(result.replayFen / 100).toFixed(2)} yuan |`,
);
console.log(
  `| vs raw limit | ${((result.subjects / (replayed / 1000) / limits.postgresBatchedRowsPerSecond) * 100).toFixed(1)}% of Postgres's batched-insert rows/s |`,
);
await drop();
