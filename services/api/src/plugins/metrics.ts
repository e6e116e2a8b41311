import { type Db, loadStoredCalendars, subjectsCountingOn } from '@engine/db';
import { parseInstant } from '@engine/domain';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * GET /metrics for Prometheus (prom-client: the standard exposition format and process metrics):
 * request latency by route, and the engine's backlog read from Postgres at scrape time through
 * partial indexes (running and overdue clocks, events not yet queued, events waiting for their
 * subject's opening event, subjects whose ledger lags).
 */
export const metrics = fp<{ db: Db; now: () => Date }>(async (app, { db, now }) => {
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
    name: 'engine_calendar_official_days_left',
    help: 'Days from today to the end of the official holiday data, per calendar (0: none for this year)',
    labelNames: ['calendar'],
    registers: [registry],
    async collect() {
      const at = parseInstant(now().toISOString());
      for (const calendar of (await loadStoredCalendars(db)).values()) {
        this.set({ calendar: calendar.id }, calendar.officialDaysLeft(at));
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
      for (const [year, subjects] of await subjectsCountingOn(db)) this.set({ year: String(year) }, subjects);
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
    { schema: { summary: 'Prometheus metrics', tags: ['health'] } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
});
