// A walk through the rules core on sample events: what the start command shows until the
// services exist. Everything printed is computed by @engine/domain from demo/sample-events.json.
import { readFileSync } from 'node:fs';
import {
  type Clock,
  type DomainEvent,
  evaluateCallback,
  evaluateComplaint,
  evaluateFault,
  evaluateFinding,
  eventSchema,
  fuling2012Policy,
  type LedgerIntent,
  parseInstant,
  reconcile,
  type SubjectEvaluation,
  subjectKindOf,
  toDomainEvent,
} from '../src/index.ts';

const sample = JSON.parse(readFileSync(new URL('./sample-events.json', import.meta.url), 'utf8'));
const policy = fuling2012Policy;
const at = parseInstant(sample.evaluatedAt);
const zone = policy.pack.timeZone;
const local = (instant: { setZone: (z: string) => { toFormat: (f: string) => string } } | null) =>
  instant ? instant.setZone(zone).toFormat('MM-dd HH:mm') : '-';
const yuan = (fen: number) => (fen / 100).toFixed(2).padStart(9);

const events: DomainEvent[] = sample.events.map((raw: unknown, index: number) => {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`sample event ${index} is invalid: ${parsed.error.message}`);
  return toDomainEvent(parsed.data);
});

function evaluate(subjectId: string, evts: readonly DomainEvent[]): SubjectEvaluation<object> {
  const kind = subjectKindOf(evts.find((e) => e.subjectId === subjectId)!.type);
  switch (kind) {
    case 'complaint': {
      const received = evts.find((e) => e.subjectId === subjectId && e.type === 'complaint.received');
      const departmentId = received?.type === 'complaint.received' ? received.data.departmentId : '';
      return evaluateComplaint(policy, subjectId, evts, at, {
        departmentManagerId: sample.context.departmentManagers[departmentId] ?? null,
      });
    }
    case 'fault':
      return evaluateFault(policy, subjectId, evts, at);
    case 'callback':
      return evaluateCallback(policy, subjectId, evts, at);
    case 'finding':
      return evaluateFinding(policy, subjectId, evts, at);
  }
}

console.log(`Policy ${policy.pack.version} (${policy.pack.title}), evaluated at ${sample.evaluatedAt}\n`);
const subjectIds = [...new Set(events.map((e) => e.subjectId))];
const ledger: LedgerIntent[] = [];
for (const subjectId of subjectIds) {
  const evaluation = evaluate(subjectId, events);
  const state = evaluation.state as Record<string, unknown> & { clocks?: readonly Clock[] };
  const facts = ['status', 'assessment', 'slaType', 'kind', 'rule']
    .filter((k) => state[k] !== undefined)
    .map((k) => `${k}=${state[k]}`)
    .join(' ');
  console.log(
    `${subjectId}  ${facts}${state.upgraded ? ` upgraded(${(state.upgrade as { reason: string }).reason})` : ''}`,
  );
  for (const clock of state.clocks ?? []) {
    console.log(
      `    clock ${clock.name.padEnd(18)} ${clock.state.padEnd(9)} started ${local(clock.startedAt)}  deadline ${local(clock.deadline)}  stopped ${local(clock.stoppedAt)}`,
    );
  }
  for (const entry of evaluation.entries) {
    const party = entry.personRole ? `${entry.personRole} ${entry.personId ?? '(role)'}` : entry.departmentId;
    console.log(
      `    fine  ${entry.rule.padEnd(36)} ${yuan(entry.amountFen)} yuan  ${entry.period}  ${party}`,
    );
  }
  for (const signal of evaluation.signals) console.log(`    signal ${signal.key} at ${local(signal.at)}`);
  ledger.push(...evaluation.entries);
}
const total = ledger.reduce((sum, e) => sum + e.amountFen, 0);
console.log(`\nLedger: ${ledger.length} entries, ${yuan(total).trim()} yuan in all.`);

// Replay in reverse arrival order gives the same ledger, entry for entry.
const reversed = [...events].reverse();
const replayed = subjectIds.flatMap((id) => evaluate(id, reversed).entries);
console.log(
  `Replayed in reverse order: ${JSON.stringify(replayed) === JSON.stringify(ledger) ? 'same ledger' : 'DIFFERENT'}`,
);

// A late ruling that C-1001 was enterprise-liable: the ledger is corrected by a reversal pair, never an edit.
const posted = reconcile(ledger, [], new Set()).map((e, i) => ({ ...e, id: `L${i + 1}` }));
const ruling = toDomainEvent({
  id: 'qa-9',
  type: 'complaint.responsibility_set',
  subjectId: 'C-1001',
  occurredAt: '2026-11-18T11:00:00+08:00',
  data: { responsibility: 'enterprise', criteria: [] },
});
const corrected = subjectIds.flatMap((id) => evaluate(id, [...events, ruling]).entries);
console.log('\nC-1001 ruled enterprise-liable (class 4) at 11-18 11:00; the corrections appended:');
for (const e of reconcile(corrected, posted, new Set())) {
  console.log(
    `    ${e.reversalOf ? `reversal of ${e.reversalOf}` : 'new entry      '}  ${e.rule.padEnd(28)} ${yuan(e.amountFen)} yuan`,
  );
}
