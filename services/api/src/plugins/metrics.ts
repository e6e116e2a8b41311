import { type Db, loadStoredCalendars, subjectsCountingOn } from '@engine/db';
import { parseInstant } from '@engine/domain';
import { pingQueue } from '@engine/queue';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineQueue } from '../deps.ts';
import type { GroupCommit } from '../group-commit.ts';
import { problemSchema } from '../schemas.ts';

/** The job states BullMQ counts (getJobCounts), each a series of engine_queue_jobs. */
const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'paused',
  'failed',
] as const;

/** How long a scrape waits for Redis: BullMQ's commands wait for a connection while Redis is away. */
const REDIS_WAIT_MS = 1_000;

/** What Redis answers within REDIS_WAIT_MS, or undefined (away, or too slow to tell). */
async function fromRedis<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), REDIS_WAIT_MS);
  });
  try {
    return await Promise.race([read().catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /metrics for Prometheus (prom-client: the standard exposition format and process metrics):
 * request latency by route, and, read at scrape time so they are right whichever process did the
 * work, the queues' job counts from Redis (BullMQ's getJobCounts and its job metrics) and the
 * engine's backlog and outcomes from Postgres through partial indexes and the ledger's running
 * totals (running and overdue clocks, events not yet queued, waiting or failed, breaches, fines
 * posted and reversed, webhooks pending or dead). While Redis is away the Redis series are left out
 * and engine_redis_up is 0, so the Postgres series still show the backlog building up.
 */
export const metrics = fp<{ db: Db; now: () => Date; queues: readonly EngineQueue[]; ingest: GroupCommit }>(
  async (app, { db, now, queues, ingest }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    // Read at each scrape; registered with the registry, so nothing else holds it.
    new Gauge({
      name: 'engine_backlog',
      help: 'Work the engine has in hand, from Postgres',
      labelNames: ['what'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ what: string; n: number }>`
        SELECT 'clocks_running' AS what, count(*)::int AS n FROM clocks WHERE state = 'running'
        UNION ALL SELECT 'clocks_overdue', count(*)::int FROM clocks WHERE state = 'running' AND deadline < now()
        UNION ALL SELECT 'events_unqueued', count(*)::int FROM events WHERE enqueued_at IS NULL
        UNION ALL SELECT 'events_waiting', count(*)::int FROM events WHERE status = 'waiting'
        UNION ALL SELECT 'subjects_ledger_behind', count(*)::int FROM subjects WHERE ledger_version < state_version
        UNION ALL SELECT 'webhook_deliveries_pending', count(*)::int FROM webhook_deliveries WHERE status = 'pending'
        UNION ALL SELECT 'subjects_unknown_department', count(*)::int FROM subjects s
          WHERE s.department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = s.department_id)
      `.execute(db);
        for (const row of rows) this.set({ what: row.what }, row.n);
      },
    });

    // RULES.md 3: deadlines past the official holiday data are counted provisionally; alert before the cliff.
    new Gauge({
      // In seconds, Prometheus's base unit (promtool check metrics): days x 86,400.
      name: 'engine_calendar_official_data_left_seconds',
      help: 'Time from today to the end of the official holiday data, per calendar, in whole days as seconds (0: none for this year)',
      labelNames: ['calendar'],
      registers: [registry],
      async collect() {
        const at = parseInstant(now().toISOString());
        for (const calendar of (await loadStoredCalendars(db)).values()) {
          this.set({ calendar: calendar.id }, calendar.officialDaysLeft(at) * 86_400);
        }
      },
    });
    new Gauge({
      name: 'engine_subjects_on_provisional_calendar',
      help: 'Subjects whose deadlines count on a year without official holiday data, per year',
      labelNames: ['year'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [year, subjects] of await subjectsCountingOn(db))
          this.set({ year: String(year) }, subjects);
      },
    });

    new Gauge({
      name: 'engine_redis_up',
      help: "Whether the queues' Redis answered this scrape (1) or not within a second (0)",
      registers: [registry],
      async collect() {
        const first = queues[0];
        if (first === undefined) return;
        this.set((await fromRedis(() => pingQueue(first))) === 'PONG' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'engine_queue_jobs',
      help: 'Jobs in each BullMQ queue by state, from Redis (failed: kept failed jobs; the engine keeps none)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const counts = await fromRedis(() =>
          Promise.all(queues.map((queue) => queue.getJobCounts(...JOB_STATES))),
        );
        this.reset();
        for (const [i, count] of (counts ?? []).entries()) {
          for (const state of JOB_STATES) this.set({ queue: queues[i]!.name, state }, count[state] ?? 0);
        }
      },
    });
    // BullMQ's job metrics (the workers record them in Redis): jobs that ran to the end, by outcome.
    for (const outcome of ['completed', 'failed'] as const) {
      new Counter({
        name: `engine_queue_jobs_${outcome}_total`,
        help:
          outcome === 'failed'
            ? 'Jobs that failed their last attempt, per queue (BullMQ job metrics, from Redis)'
            : 'Jobs completed, per queue (BullMQ job metrics, from Redis)',
        labelNames: ['queue'],
        registers: [registry],
        async collect() {
          const totals = await fromRedis(() =>
            Promise.all(queues.map((queue) => queue.getMetrics(outcome, 0, 0))),
          );
          this.reset();
          for (const [i, total] of (totals ?? []).entries())
            this.inc({ queue: queues[i]!.name }, total.meta.count);
        },
      });
    }
    new Gauge({
      name: 'engine_events',
      help: "Stored events waiting for their subject's opening event, or failed (the policy could not apply them), from Postgres",
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ status: string; n: number }>`
        SELECT 'waiting' AS status, count(*)::int AS n FROM events WHERE status = 'waiting'
        UNION ALL SELECT 'failed', count(*)::int FROM events WHERE status = 'failed'
      `.execute(db);
        for (const row of rows) this.set({ status: row.status }, row.n);
      },
    });
    new Counter({
      name: 'engine_breaches_total',
      help: 'SLA breaches recorded, per subject kind, from Postgres',
      labelNames: ['subject_kind'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ kind: string; n: number }>`
        SELECT subject_kind AS kind, count(*)::int AS n FROM signals WHERE kind = 'breach' GROUP BY 1
      `.execute(db);
        this.reset();
        for (const kind of ['complaint', 'fault', 'callback']) this.inc({ subject_kind: kind }, 0);
        for (const row of rows) this.inc({ subject_kind: row.kind }, row.n);
      },
    });
    // From the ledger's running totals (a few hundred rows), not its entries.
    new Counter({
      name: 'engine_ledger_entries_total',
      help: 'Ledger entries posted, fines and their reversals (kind), from Postgres',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ fines: string; reversals: string }>`
        SELECT coalesce(sum(entries - reversals), 0) AS fines, coalesce(sum(reversals), 0) AS reversals FROM ledger_totals
      `.execute(db);
        this.reset();
        this.inc({ kind: 'fine' }, Number(rows[0]!.fines));
        this.inc({ kind: 'reversal' }, Number(rows[0]!.reversals));
      },
    });
    new Gauge({
      name: 'engine_ledger_net_fen',
      help: 'What the ledger charges per month after reversals, in fen (1/100 yuan), from Postgres',
      labelNames: ['period'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ period: string; fen: string }>`
        SELECT period, sum(total_fen) AS fen FROM ledger_totals GROUP BY 1
      `.execute(db);
        this.reset();
        for (const row of rows) this.set({ period: row.period }, Number(row.fen));
      },
    });
    new Gauge({
      name: 'engine_webhook_deliveries',
      help: 'Webhook deliveries pending, or dead (given up on after every attempt), from Postgres',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const { rows } = await sql<{ status: string; n: number }>`
        SELECT 'pending' AS status, count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'
        UNION ALL SELECT 'dead', count(*)::int FROM webhook_deliveries WHERE status = 'dead'
      `.execute(db);
        for (const row of rows) this.set({ status: row.status }, row.n);
      },
    });

    // Group commit of posted events: posts per commit is the group size (1: no sharing, light load).
    new Counter({
      name: 'engine_ingest_commits_total',
      help: 'Transactions that stored posted events (each holds one or more posts), in this API process',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(ingest.commits);
      },
    });
    new Counter({
      name: 'engine_ingest_posts_total',
      help: 'POST /v1/events requests stored (answered 202), in this API process',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(ingest.posts);
      },
    });
    new Gauge({
      name: 'engine_ingest_posts_waiting',
      help: 'POST /v1/events requests waiting for a commit slot (INGEST_COMMITS_IN_FLIGHT), in this API process',
      registers: [registry],
      collect() {
        this.set(ingest.waiting);
      },
    });

    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get(
      '/metrics',
      {
        // The text exposition is documented in openapi-operations.ts: a schema here would serialize it as JSON.
        schema: {
          summary: 'Prometheus metrics',
          tags: ['operations'],
          security: [],
          response: { 400: problemSchema },
        },
      },
      async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
);
