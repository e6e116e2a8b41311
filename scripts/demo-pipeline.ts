// What the start command shows once the engine is up: it posts the sample complaints, fault,
// callback and finding (backdated to November 2026) through the API, then prints the clocks,
// breaches and ledger entries the workers produce. Each run uses fresh ids.
import { readFileSync } from 'node:fs';
import { loadConfig } from '@engine/config';
import { createDb } from '@engine/db';
import { formatInstant } from '@engine/domain';

const config = loadConfig();
const base = `http://127.0.0.1:${config.PORT}`;
const key = readFileSync(new URL('../.engine/ingest.key', import.meta.url), 'utf8').trim();
const sample = JSON.parse(
  readFileSync(new URL('../packages/domain/demo/sample-events.json', import.meta.url), 'utf8'),
);
const run = `demo${Date.now().toString(36)}`;

for (let i = 0; ; i++) {
  if (i > 150) throw new Error('the engine did not come up');
  if (
    await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}
const db = createDb(config.DATABASE_URL, { max: 1 });
await db
  .insertInto('departments')
  .values(
    Object.entries(sample.context.departmentManagers as Record<string, string>).map(([id, managerId]) => ({
      id,
      name: id,
      manager_id: managerId,
    })),
  )
  .onConflict((oc) => oc.column('id').doNothing())
  .execute();

// Fresh ids per run, people included: a person's window findings accumulate over the year (RULES.md 7).
const events = sample.events.map(
  (e: { id: string; subjectId: string; data: { relatedId?: string; personId?: string } }) => ({
    ...e,
    id: `${run}-${e.id}`,
    subjectId: `${run}-${e.subjectId}`,
    data: {
      ...e.data,
      ...(e.data.relatedId ? { relatedId: `${run}-${e.data.relatedId}` } : {}),
      ...(e.data.personId ? { personId: `${run}-${e.data.personId}` } : {}),
    },
  }),
);
const response = await fetch(`${base}/v1/events`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ events }),
});
console.log(`\n[demo] posted ${events.length} backdated events: ${response.status} ${await response.text()}`);

const subjects = [...new Set<string>(events.map((e: { subjectId: string }) => e.subjectId))];
const deadline = Date.now() + 20_000;
let settled = false;
while (!settled && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 300));
  const behind = await db
    .selectFrom('subjects')
    .select('id')
    .where('id', 'in', subjects)
    .where((eb) => eb('ledger_version', '<', eb.ref('state_version')))
    .execute();
  const pending = await db
    .selectFrom('events')
    .select('id')
    .where('subject_id', 'in', subjects)
    .where('status', '=', 'pending')
    .execute();
  settled = behind.length === 0 && pending.length === 0;
}

const clocks = await db
  .selectFrom('clocks')
  .select(['subject_id', 'name', 'state', 'deadline', 'breached_at'])
  .where('subject_id', 'in', subjects)
  .orderBy('subject_id')
  .orderBy('started_at')
  .execute();
console.log('\n[demo] clocks');
for (const c of clocks) {
  console.log(
    `  ${c.subject_id.slice(run.length + 1).padEnd(8)} ${c.name.padEnd(18)} ${c.state.padEnd(9)} deadline ${formatInstant(c.deadline.getTime(), 'Asia/Shanghai')}`,
  );
}
const ledger = await db
  .selectFrom('ledger_entries')
  .select(['id', 'subject_id', 'rule', 'amount_fen', 'period', 'department_id', 'person_role', 'person_id'])
  .where('subject_id', 'in', subjects)
  .orderBy('id')
  .execute();
console.log('\n[demo] ledger entries');
for (const e of ledger) {
  const party = e.person_role ? `${e.person_role} ${e.person_id ?? '(role)'}` : e.department_id;
  console.log(
    `  #${String(e.id).padEnd(5)} ${e.subject_id.slice(run.length + 1).padEnd(8)} ${e.rule.padEnd(36)} ${(e.amount_fen / 100).toFixed(2).padStart(8)} yuan  ${e.period}  ${party}`,
  );
}
const total = ledger.reduce((sum, e) => sum + e.amount_fen, 0);
console.log(
  `  ${ledger.length} entries, ${(total / 100).toFixed(2)} yuan. The engine keeps running; Ctrl-C stops it.\n`,
);
await db.destroy();
