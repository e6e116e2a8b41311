// The console at a branch's size (issue 13): the live board's first render with 10,000 clocks at
// risk, in Debian's Chromium at 1366x768; and GET /v1/stream with 200 subscribers at once (every
// event delivered to each, latency from the signal's commit to its arrival, the API's memory).
// Seeded straight into a scratch database (dropped afterwards); the API runs as its own process.
// Run: ./scripts/bench.sh console
import { cpus, totalmem } from 'node:os';
import { createApiKey, recordSignals } from '@engine/db';
import { sql } from 'kysely';
import { launchBrowser } from '../services/console/test/support.ts';
import { rssMiB, scratchDatabase, spawnEngine, waitForApi } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 10_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 1_000);
const RENDERS = 3;
const PORT = 3997;
const base = `http://127.0.0.1:${PORT}`;
const { db, databaseUrl, drop } = await scratchDatabase('console', 4);

// 20 departments, 100 halls, 10,000 complaints whose first response is running past the at-risk mark.
await sql`INSERT INTO departments (id, name) SELECT 'D' || i, '第' || i || '营业部' FROM generate_series(1, 20) AS i`.execute(
  db,
);
await sql`INSERT INTO halls (id, department_id, name) SELECT 'H' || i, 'D' || (1 + i % 20), '第' || i || '营业厅' FROM generate_series(1, 100) AS i`.execute(
  db,
);
await sql`
  INSERT INTO subjects (kind, id, department_id, hall_id, status, policy_version, opened_at, state,
                        assessment, upgraded, sla_type, summary, state_version, ledger_version)
  SELECT 'complaint', '2026112300' || lpad(i::text, 10, '0'), 'D' || (1 + (i % 100) % 20), 'H' || (i % 100),
         'open', 'fuling-2012', now() - interval '3 hours 30 minutes', '{}'::jsonb, 'ordinary', false,
         'ordinary', '客户反映宽带频繁掉线,要求上门检修(' || i || ')', 1, 1
  FROM generate_series(1, ${CLOCKS}) AS i
`.execute(db);
await sql`
  INSERT INTO clocks (subject_kind, subject_id, name, department_id, started_at, deadline, state, at_risk_from)
  SELECT 'complaint', id, 'first_response', department_id, opened_at,
         now() + (row_number() OVER (ORDER BY id) % 30) * interval '1 minute', 'running', now() - interval '10 minutes'
  FROM subjects WHERE kind = 'complaint'
`.execute(db);
const managerKey = (await createApiKey(db, { name: 'bench manager', role: 'manager' })).key;

const api = spawnEngine({
  role: 'api',
  databaseUrl,
  queuePrefix: `engine-bench-console-${process.pid}`,
  port: PORT,
});
// However the benchmark ends, its API process ends with it.
process.on('exit', () => api.kill('SIGKILL'));
await waitForApi(PORT);

// --- The board's first render ---------------------------------------------------------------
const browser = await launchBrowser();
const page = await (
  await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
).newPage();
await page.goto('/console/');
await page.getByLabel('个人密钥').fill(managerKey);
await page.getByRole('button', { name: '登录' }).click();
await page.getByRole('button', { name: '退出登录' }).waitFor();
const renders: { firstRowMs: number; allMs: number; rowsInDom: number; heapMiB: number }[] = [];
for (let run = 0; run < RENDERS; run++) {
  const started = Date.now();
  await page.goto('/console/board');
  // The board draws from its first page on, then fills in as the other pages come.
  await page.locator('[data-subject]').first().waitFor({ timeout: 60_000 });
  const firstRowMs = Date.now() - started;
  await page.getByText(`共 ${CLOCKS} 条`).waitFor({ timeout: 60_000 });
  const allMs = Date.now() - started;
  const rowsInDom = await page.locator('[data-subject]').count();
  const heap = (await page.evaluate('performance.memory.usedJSHeapSize')) as number;
  renders.push({ firstRowMs, allMs, rowsInDom, heapMiB: heap / 2 ** 20 });
}
// Scrolling to the end draws the last rows, still only those in view.
await page.locator('[data-testid="board-rows"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
await page.waitForTimeout(200);
const rowsAfterScroll = await page.locator('[data-subject]').count();
await browser.close();

// --- 200 stream subscribers -----------------------------------------------------------------
const rssIdle = rssMiB(api.pid!);
interface Subscriber {
  received: Map<number, number>;
  close: () => void;
}
async function subscribe(): Promise<Subscriber> {
  const abort = new AbortController();
  const response = await fetch(`${base}/v1/stream`, {
    headers: { authorization: `Bearer ${managerKey}` },
    signal: abort.signal,
  });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  const received = new Map<number, number>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const id = /^id: (\d+)$/m.exec(buffer.slice(0, end))?.[1];
        if (id) received.set(Number(id), performance.now());
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return { received, close: () => abort.abort() };
}
const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, subscribe));
await new Promise((r) => setTimeout(r, 1_000));
const rssSubscribed = rssMiB(api.pid!);

const subjects = await db.selectFrom('subjects').select(['id', 'department_id']).limit(BURST).execute();
const committedAt = new Map<number, number>();
async function record(batch: typeof subjects, key: string): Promise<void> {
  const ids = await db.transaction().execute(async (trx) => {
    await recordSignals(
      trx,
      batch.map((s) => ({
        subjectKind: 'complaint',
        subjectId: s.id,
        key,
        kind: 'breach',
        at: new Date(),
        departmentId: s.department_id,
        detail: { clock: 'first_response', fraction: null, detail: null },
      })),
    );
    const { rows } = await sql<{
      id: number;
    }>`SELECT id FROM signals WHERE key = ${key} AND subject_id = ANY(${batch.map((s) => s.id)})`.execute(
      trx,
    );
    return rows.map((r) => Number(r.id));
  });
  const at = performance.now();
  for (const id of ids) committedAt.set(id, at);
}
// A steady trickle: one breach every 50 ms, as a busy branch's evening might bring.
let rssPeak = rssSubscribed;
for (let i = 0; i < SIGNALS; i++) {
  await record([subjects[i % subjects.length]!], `breach:bench-trickle-${i}`);
  await new Promise((r) => setTimeout(r, 50));
  if (i % 10 === 0) rssPeak = Math.max(rssPeak, rssMiB(api.pid!));
}
await new Promise((r) => setTimeout(r, 2_000));
const trickle = [...committedAt.keys()];
// Then a burst: 1,000 breaches committed in one transaction (a timer sweep after an outage).
const burstStarted = performance.now();
await record(subjects, 'breach:bench-burst');
const burstIds = [...committedAt.keys()].filter((id) => !trickle.includes(id));
const deadline = Date.now() + 30_000;
while (Date.now() < deadline && subscribers.some((s) => burstIds.some((id) => !s.received.has(id)))) {
  rssPeak = Math.max(rssPeak, rssMiB(api.pid!));
  await new Promise((r) => setTimeout(r, 100));
}
let lastArrival = 0;
for (const s of subscribers)
  for (const id of burstIds) lastArrival = Math.max(lastArrival, s.received.get(id) ?? 0);
const burstAllMs = lastArrival - burstStarted;
for (const s of subscribers) s.close();

const latencies = (ids: number[]) =>
  subscribers
    .flatMap((s) =>
      ids.map((id) => (s.received.has(id) ? s.received.get(id)! - committedAt.get(id)! : Number.NaN)),
    )
    .filter((n) => !Number.isNaN(n))
    .sort((a, b) => a - b);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
const trickleLatency = latencies(trickle);
const delivered = (ids: number[]) =>
  subscribers.reduce((n, s) => n + ids.filter((id) => s.received.has(id)).length, 0);

api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
const limits = await measureRawLimits(
  process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  `engine-bench-console-${process.pid}`,
  databaseUrl,
);
await drop();

const sorted = [...renders].sort((a, b) => a.firstRowMs - b.firstRowMs);
const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; ${new Date().toISOString().slice(0, 10)}; API, Postgres, Chromium and the subscribers on one machine\n`,
);
console.log('| board, first render (pages of 1,000 from GET /v1/clocks, grouped and virtualised) | figure |');
console.log('|---|---|');
console.log(`| clocks at risk on the board | ${CLOCKS.toLocaleString('en-US')} |`);
const byAll = [...renders].sort((a, b) => a.allMs - b.allMs);
console.log(
  `| opening the board to its first rows drawn, ${RENDERS} loads: min / median / max | ${ms(sorted[0]!.firstRowMs)} / ${ms(sorted[1]!.firstRowMs)} / ${ms(sorted.at(-1)!.firstRowMs)} |`,
);
console.log(
  `| opening the board to all ${CLOCKS.toLocaleString('en-US')} on it: min / median / max | ${ms(byAll[0]!.allMs)} / ${ms(byAll[1]!.allMs)} / ${ms(byAll.at(-1)!.allMs)} |`,
);
console.log(
  `| clock rows in the page (top / after scrolling to the end) | ${renders[0]!.rowsInDom} / ${rowsAfterScroll} |`,
);
console.log(`| page's JS heap after the render | ${renders.at(-1)!.heapMiB.toFixed(0)} MiB |`);
console.log('\n| GET /v1/stream | figure |');
console.log('|---|---|');
console.log(`| subscribers | ${SUBSCRIBERS} |`);
console.log(
  `| trickle: ${SIGNALS} breaches, one every 50 ms: delivered / expected | ${delivered(trickle).toLocaleString('en-US')} / ${(trickle.length * SUBSCRIBERS).toLocaleString('en-US')} |`,
);
console.log(
  `| trickle latency, commit to arrival: p50 / p95 / max | ${ms(pct(trickleLatency, 50))} / ${ms(pct(trickleLatency, 95))} / ${ms(trickleLatency.at(-1) ?? Number.NaN)} |`,
);
console.log(
  `| burst: ${BURST.toLocaleString('en-US')} breaches in one commit: delivered / expected | ${delivered(burstIds).toLocaleString('en-US')} / ${(burstIds.length * SUBSCRIBERS).toLocaleString('en-US')} |`,
);
console.log(`| burst: last event at the last subscriber after the commit | ${ms(burstAllMs)} |`);
console.log(
  `| API process RSS: idle / ${SUBSCRIBERS} connected / peak under load | ${rssIdle.toFixed(0)} / ${rssSubscribed.toFixed(0)} / ${rssPeak.toFixed(0)} MiB |`,
);
console.log('\n| raw limits, same run | figure |');
console.log('|---|---|');
console.log(describeLimits(limits));
