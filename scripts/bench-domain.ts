// Micro-benchmark of the rules core on one core: deadline computations and subject evaluations
// per second. Run: node scripts/bench-domain.ts   (figures go to docs/BENCHMARKS.md)
import { cpus, totalmem } from 'node:os';
import {
  type DomainEvent,
  type Duration,
  deadlineAfter,
  evaluateComplaint,
  fuling2012Policy,
  type Instant,
  reconcile,
} from '../packages/domain/src/index.ts';
import { instantFromMillis } from '../packages/domain/src/time.ts';

const policy = fuling2012Policy;
const HOUR = 3_600_000;
const first = Date.parse('2024-01-01T00:00:00+08:00');
const span = Date.parse('2026-11-01T00:00:00+08:00') - first;

/** A small deterministic generator, so every run measures the same inputs. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const ROUNDS = 5;

/** Runs `iterations` calls per round for ROUNDS rounds after a warm-up; prints the median round and the spread. */
function bench(name: string, unit: string, iterations: number, run: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(iterations, 2_000); i++) run(i);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) run(i);
    rates.push(iterations / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(ROUNDS / 2)]!;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `| ${name} | ${fmt(median)} ${unit}/s | ${fmt(rates[0]!)}-${fmt(rates.at(-1)!)} | ${(1e6 / median).toFixed(1)} µs |`,
  );
}

const rnd = random(42);
const starts: Instant[] = Array.from({ length: 10_000 }, () =>
  instantFromMillis(first + Math.floor(rnd() * span)),
);
const durations: Duration[] = [
  { hours: 4 },
  { days: 10 },
  { workingDays: 3 },
  { workingDays: 5 },
  { dateDays: 2 },
  { minutes: 30 },
];

/** A typical complaint: dispatch, first reply, a ruling, resolution; some over-level, some group, some late. */
function complaint(i: number): DomainEvent[] {
  const r = random(i + 1);
  const dispatch = first + Math.floor(r() * span);
  const subjectId = `C${i}`;
  const at = (hours: number) => instantFromMillis(dispatch + Math.floor(hours * HOUR));
  const overLevel =
    r() < 0.2
      ? {
          body: 'miit_appeal' as const,
          controlLevel: 1 as const,
          priorComplaintToDepartment: true,
          interceptionAttempted: r() < 0.5,
        }
      : undefined;
  const events: DomainEvent[] = [
    {
      id: `${subjectId}-0`,
      type: 'complaint.received',
      subjectId,
      occurredAt: at(0),
      data: {
        departmentId: `D${i % 40}`,
        ...(overLevel ? { overLevel } : {}),
        ...(r() < 0.1 ? { customer: { id: 'G', group: { tier: 'A' } } } : {}),
      },
    },
    { id: `${subjectId}-1`, type: 'complaint.first_replied', subjectId, occurredAt: at(r() * 6), data: {} },
    {
      id: `${subjectId}-2`,
      type: 'complaint.responsibility_set',
      subjectId,
      occurredAt: at(24 + r() * 48),
      data: { responsibility: r() < 0.5 ? 'enterprise' : 'non_enterprise', criteria: [] },
    },
  ];
  if (r() < 0.85)
    events.push({
      id: `${subjectId}-3`,
      type: 'complaint.resolved',
      subjectId,
      occurredAt: at(24 + r() * 300),
      data: {},
    });
  return events;
}

const histories = Array.from({ length: 5_000 }, (_, i) => complaint(i));
const evaluatedAt = (events: DomainEvent[]) => events[0]!.occurredAt.plus({ days: 20 });

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; one core (single thread)\n`,
);
console.log(`| what | median of ${ROUNDS} rounds | spread | per operation |`);
console.log('|---|---|---|---|');
for (const duration of durations) {
  const label = Object.entries(duration)[0]!.join(' ');
  bench(`deadline: ${label}`, 'deadlines', 100_000, (i) =>
    deadlineAfter(policy, starts[i % starts.length]!, duration),
  );
}
bench('deadline: 3 working days, endOfDay mode', 'deadlines', 100_000, (i) =>
  policy.calendar.addWorkingDays(starts[i % starts.length]!, 3, 'endOfDay'),
);
bench('evaluate a complaint (3-4 events, all clocks and fines)', 'subjects', 20_000, (i) => {
  const events = histories[i % histories.length]!;
  return evaluateComplaint(policy, events[0]!.subjectId, events, evaluatedAt(events));
});
const evaluations = histories.map(
  (events) => evaluateComplaint(policy, events[0]!.subjectId, events, evaluatedAt(events)).entries,
);
bench('reconcile a complaint against its posted ledger', 'subjects', 100_000, (i) => {
  const desired = evaluations[i % evaluations.length]!;
  return reconcile(desired, [], new Set());
});
const heap = process.memoryUsage();
console.log(
  `\nheap used ${(heap.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(heap.rss / 2 ** 20).toFixed(0)} MiB`,
);
