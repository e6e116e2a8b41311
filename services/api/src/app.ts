import { randomUUID } from 'node:crypto';
import type { Config } from '@engine/config';
import type { Db } from '@engine/db';
import type { Policy } from '@engine/domain';
import type { CloseOutcome } from '@engine/penalty-calculator';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auth } from './plugins/auth.ts';
import { metrics } from './plugins/metrics.ts';
import { problemDetails } from './plugins/problem-details.ts';
import { adminRoutes } from './routes/admin.ts';
import { calendarRoutes } from './routes/calendars.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { peopleRoutes } from './routes/people.ts';
import { periodRoutes } from './routes/periods.ts';
import { policyRoutes } from './routes/policies.ts';
import { referenceRoutes } from './routes/reference.ts';
import { subjectRoutes } from './routes/subjects.ts';
import { summaryRoutes } from './routes/summaries.ts';
import { zodValidatorCompiler } from './validation.ts';

/** What the API needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  db: Db;
  /** The policy versions in force, reloaded when an admin stores a new one. */
  policies: () => readonly Policy[];
  pingRedis: () => Promise<unknown>;
  /** Called after events are committed: wakes the outbox relay. */
  onEventsStored: () => void;
  now: () => Date;
  /** Rebuilds every SLA timer from Postgres (the sla-timer's reconciler, on demand). */
  rebuildTimers: () => Promise<number>;
  /** Reads the stored policy versions again, after one is stored. */
  reloadPolicies: () => Promise<void>;
  /** Queues evaluations already requested in Postgres (the sweep finds them if this is lost). */
  requestEvaluations: (kind: string, ids: readonly string[], cause: string) => Promise<void>;
  /** Runs a month's period-end rules and locks it (RULES.md 8). */
  closePeriod: (period: string, closedBy: string | null) => Promise<CloseOutcome>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(
  deps: AppDeps,
  logging: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = {},
) {
  const app = Fastify({
    ...logging,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  // API.md: bodies are JSON; anything else is 415, not a string to validate.
  app.removeContentTypeParser(['text/plain']);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Complaint and SLA engine',
        version: '1.0.0',
        description:
          'The HTTP contract of ../shared/spec/API.md: events in, SLA status and the penalty ledger out.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(problemDetails);
  await app.register(auth, { db: deps.db });
  await app.register(metrics, { db: deps.db, now: deps.now });
  await app.register(healthRoutes, deps);
  await app.register(eventRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(subjectRoutes, deps);
  await app.register(ledgerRoutes, deps);
  await app.register(summaryRoutes, deps);
  await app.register(referenceRoutes, deps);
  await app.register(policyRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(periodRoutes, deps);
  return app;
}
