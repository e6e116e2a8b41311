import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { startApi } from '@engine/api';
import { startClassifier } from '@engine/classifier';
import { createEngineClient, type EngineClient } from '@engine/client';
import { loadConfig } from '@engine/config';
import { createApiKey, dropDatabase, type Role } from '@engine/db';
import { startNotifier } from '@engine/notifier';
import { startPenaltyCalculator } from '@engine/penalty-calculator';
import { bootstrap, type Runtime, type Stop } from '@engine/runtime';
import { startSlaTimer } from '@engine/sla-timer';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';

export interface TestEngine {
  url: string;
  /** The engine's clock (see TEST_CLOCK_START): date events relative to it, never to Date.now(). */
  now: () => Date;
  runtime: Runtime;
  keys: Record<Role, string>;
  databaseUrl: string;
  post: (body: unknown) => Promise<Response>;
  /** The typed client (packages/client) with the key of a role. */
  client: (role: Role) => EngineClient;
  ledger: (subjectPrefix: string) => Promise<LedgerRow[]>;
  stopWorkers: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface LedgerRow {
  id: number;
  subject_id: string;
  rule: string;
  amount_fen: number;
  period: string;
  reversal_of: number | null;
  person_role: string | null;
  person_id: string | null;
  department_id: string;
}

/**
 * What the engine's clock reads when a test engine starts; from there it runs at the wall clock's
 * pace, so timers and deadlines fire in real time. The tests' dates were written against this
 * instant (November 2026 still open, its late days still ahead), and they mean the same on any
 * day the suite runs.
 */
export const TEST_CLOCK_START = '2026-11-24T02:00:00+08:00';

/** A clock that reads `start` now and advances with the wall clock. */
export function clockFrom(start: string): () => Date {
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * The whole engine (API, relay, every worker) in this process, on a database of its own and a
 * queue prefix of its own, so test files never apply each other's events. Its clock starts at
 * TEST_CLOCK_START.
 */
export type Part = 'classifier' | 'penalty-calculator' | 'sla-timer' | 'notifier';
const allParts: readonly Part[] = ['classifier', 'penalty-calculator', 'sla-timer', 'notifier'];

export async function startTestEngine(
  env: Record<string, string> = {},
  parts: readonly Part[] = allParts,
  now: () => Date = clockFrom(TEST_CLOCK_START),
  /** Where the engine's log lines go (with LOG_LEVEL set in env); see captureLogs. */
  logTo?: DestinationStream,
): Promise<TestEngine> {
  const run = randomBytes(4).toString('hex');
  const base = new URL(inject('databaseUrl'));
  base.pathname = `${base.pathname}_e2e_${run}`;
  const databaseUrl = base.toString();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `${inject('queuePrefix')}-${run}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '500',
    WORKER_CONCURRENCY: '4',
    // The tests' receivers listen on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...env,
  });
  const runtime = await bootstrap(config, now, logTo);
  const api = await startApi(runtime);
  const workers: Stop[] = [];
  if (parts.includes('classifier')) workers.push(startClassifier(runtime));
  if (parts.includes('penalty-calculator')) workers.push(startPenaltyCalculator(runtime));
  if (parts.includes('sla-timer')) workers.push(await startSlaTimer(runtime));
  if (parts.includes('notifier')) workers.push(startNotifier(runtime));
  const keys = {} as Record<Role, string>;
  for (const role of ['ingest', 'manager', 'finance', 'admin'] as const) {
    keys[role] = (await createApiKey(runtime.db, { name: role, role })).key;
  }
  const stopWorkers = async () => {
    for (const stop of workers.splice(0)) await stop();
  };
  return {
    url: api.url,
    now,
    runtime,
    keys,
    databaseUrl,
    client: (role) => createEngineClient({ baseUrl: api.url, apiKey: keys[role], retries: 2, backoffMs: 50 }),
    post: (body) =>
      fetch(`${api.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.ingest}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ledger: (subjectPrefix) =>
      runtime.db
        .selectFrom('ledger_entries')
        .select([
          'id',
          'subject_id',
          'rule',
          'amount_fen',
          'period',
          'reversal_of',
          'person_role',
          'person_id',
          'department_id',
        ])
        .where('subject_id', 'like', `${subjectPrefix}%`)
        .orderBy('id')
        .execute(),
    stopWorkers,
    stop: async () => {
      await api.stop();
      await stopWorkers();
      await runtime.producer.close();
      await runtime.db.destroy();
      await dropDatabase(databaseUrl);
    },
  };
}

/** A log destination that keeps every line the engine writes, parsed (pino writes one JSON object a line). */
export function captureLogs(): {
  stream: DestinationStream;
  lines: Record<string, unknown>[];
  raw: string[];
} {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    stream: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  };
}

/** Waits until `check` holds (the pipeline is asynchronous); fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > until) throw new Error(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** The ledger as "subject rule yuan" lines; reversals negative. */
export function lines(rows: readonly LedgerRow[], prefix = ''): string[] {
  return rows.map(
    (r) =>
      `${r.subject_id.slice(prefix.length)} ${r.rule} ${r.amount_fen / 100}${r.person_role ? ` ${r.person_role}:${r.person_id ?? '-'}` : ''}`,
  );
}

/** Net amount per subject and rule (what is owed after reversals). */
export function net(rows: readonly LedgerRow[], prefix = ''): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.subject_id.slice(prefix.length)} ${r.rule}${r.person_role ? ` ${r.person_role}` : ''}`;
    totals[key] = (totals[key] ?? 0) + r.amount_fen / 100;
  }
  return Object.fromEntries(
    Object.entries(totals)
      .filter(([, v]) => v !== 0)
      .sort(),
  );
}

let counter = 0;
export function uid(label: string): string {
  counter += 1;
  return `${label}-${randomBytes(3).toString('hex')}${counter}`;
}

export interface Received {
  body: string;
  signature: string | undefined;
  /** The request's path and query (a robot's credential and signature are there). */
  url: string;
  headers: IncomingMessage['headers'];
}

/** A duty manager's tool: records what it receives; answers 500 to the first `failures` calls. */
export async function receiver(failures = 0): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        response.writeHead(500).end();
        return;
      }
      received.push({
        body,
        signature: request.headers['x-engine-signature'] as string | undefined,
        url: request.url ?? '',
        headers: request.headers,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}
