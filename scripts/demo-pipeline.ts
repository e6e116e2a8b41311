// The start command's demo (./scripts/start.sh --demo), kept out of the user's data: it runs on a
// database and a queue prefix of its own, derived from the configured ones (`<database>_demo`,
// `<prefix>-demo`), with keys of its own in .engine/demo/. Nothing here ever opens the configured
// database: the ledger there is append-only, so a demo fine posted into it could never be removed.
//   node scripts/demo-pipeline.ts prepare   resets the demo database and queue keys, makes the demo
//                                           keys, prints the demo's DATABASE_URL and QUEUE_PREFIX
//   node scripts/demo-pipeline.ts           once a demo engine is up: posts the sample events
//                                           (backdated to November 2026) and prints what it made of them
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Config, loadConfig } from '@engine/config';
import { createApiKey, createDb, dropDatabase, ensureDatabase, migrateToLatest, type Role } from '@engine/db';
import { formatInstant } from '@engine/domain';
import { Redis } from 'ioredis';

const keysDir = new URL('../.engine/demo/', import.meta.url);
const roles: readonly Role[] = ['admin', 'ingest', 'manager', 'finance'];

interface Sample {
  context: { departmentManagers: Record<string, string> };
  events: { id: string; subjectId: string }[];
}

/** The demo's own database and queue prefix: the configured ones with a suffix, never the same. */
function demoSettings(config: Config): { databaseUrl: string; queuePrefix: string } {
  const url = new URL(config.DATABASE_URL);
  url.pathname = `${url.pathname}_demo`;
  return { databaseUrl: url.toString(), queuePrefix: `${config.QUEUE_PREFIX}-demo` };
}

/** Starts the demo afresh: so the sample's own ids can be posted again, and the README can quote them. */
async function prepare(config: Config): Promise<void> {
  const demo = demoSettings(config);
  await dropDatabase(demo.databaseUrl);
  await ensureDatabase(demo.databaseUrl);
  await removeQueueKeys(config.REDIS_URL, demo.queuePrefix);
  const db = createDb(demo.databaseUrl, { max: 1 });
  try {
    await migrateToLatest(db);
    mkdirSync(keysDir, { recursive: true });
    for (const role of roles) {
      const { key } = await createApiKey(db, { name: `demo ${role} key`, role });
      const file = new URL(`${role}.key`, keysDir);
      writeFileSync(file, `${key}\n`);
      chmodSync(file, 0o600);
    }
  } finally {
    await db.destroy();
  }
  console.log(demo.databaseUrl);
  console.log(demo.queuePrefix);
}

/** Jobs of an earlier demo would carry the job ids (event sequence numbers) of the new one: BullMQ would skip them. */
async function removeQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function waitForEngine(base: string): Promise<void> {
  for (let i = 0; i <= 150; i++) {
    if (
      await fetch(`${base}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the engine did not come up');
}

async function run(config: Config): Promise<void> {
  const demo = demoSettings(config);
  const base = `http://127.0.0.1:${config.PORT}`;
  // The demo ingest key exists only in the demo database: any other engine on the port refuses it.
  const key = readFileSync(new URL('ingest.key', keysDir), 'utf8').trim();
  const sample: Sample = JSON.parse(
    readFileSync(new URL('../packages/domain/demo/sample-events.json', import.meta.url), 'utf8'),
  );
  await waitForEngine(base);
  const db = createDb(demo.databaseUrl, { max: 1 });
  try {
    await db
      .insertInto('departments')
      .values(
        Object.entries(sample.context.departmentManagers).map(([id, managerId]) => ({
          id,
          name: id,
          manager_id: managerId,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const response = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: sample.events }),
    });
    const body = await response.text();
    if (!response.ok) {
      throw new Error(
        `the engine on ${base} refused the demo's events (${response.status} ${body}); is another engine on that port?`,
      );
    }
    console.log(`\n[demo] posted ${sample.events.length} backdated events: ${response.status} ${body}`);
    const subjects = [...new Set(sample.events.map((e) => e.subjectId))];
    await waitForPipeline(db, subjects);
    await printResults(db, subjects, new URL(demo.databaseUrl).pathname.slice(1));
  } finally {
    await db.destroy();
  }
}

/** Until every event is applied and every ledger is in step (or 20 s). */
async function waitForPipeline(db: ReturnType<typeof createDb>, subjects: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
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
    if (behind.length === 0 && pending.length === 0) return;
  }
}

async function printResults(db: ReturnType<typeof createDb>, subjects: string[], database: string) {
  const clocks = await db
    .selectFrom('clocks')
    .select(['subject_id', 'name', 'state', 'deadline'])
    .where('subject_id', 'in', subjects)
    .orderBy('subject_id')
    .orderBy('started_at')
    .orderBy('name')
    .execute();
  console.log('\n[demo] clocks');
  for (const c of clocks) {
    const deadline = formatInstant(c.deadline.getTime(), 'Asia/Shanghai');
    console.log(`  ${c.subject_id.padEnd(8)} ${c.name.padEnd(18)} ${c.state.padEnd(9)} deadline ${deadline}`);
  }
  const ledger = await db
    .selectFrom('ledger_entries')
    .select(['id', 'subject_id', 'rule', 'amount_fen', 'period', 'department_id', 'person_role', 'person_id'])
    .where('subject_id', 'in', subjects)
    .orderBy('id')
    .execute();
  console.log(`\n[demo] ledger entries (in the demo database ${database})`);
  for (const e of ledger) {
    const party = e.person_role ? `${e.person_role} ${e.person_id ?? '(role)'}` : e.department_id;
    const yuan = (e.amount_fen / 100).toFixed(2).padStart(8);
    console.log(
      `  #${String(e.id).padEnd(5)} ${e.subject_id.padEnd(8)} ${e.rule.padEnd(36)} ${yuan} yuan  ${e.period}  ${party}`,
    );
  }
  const total = ledger.reduce((sum, e) => sum + e.amount_fen, 0);
  console.log(
    `  ${ledger.length} entries, ${(total / 100).toFixed(2)} yuan. The demo engine keeps running; Ctrl-C stops it.\n`,
  );
}

const config = loadConfig();
const mode = process.argv[2];
if (mode === 'prepare') await prepare(config);
else if (mode === undefined) await run(config);
else {
  console.error('usage: node scripts/demo-pipeline.ts [prepare]');
  process.exit(2);
}
