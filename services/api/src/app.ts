import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { GroupCommit } from './group-commit.ts';
import {
  clientErrorProblem,
  expectationProblem,
  MAX_PATH_PARAM_LENGTH,
  missingHostProblem,
  routerProblem,
} from './http-layer-problems.ts';
import { strictJsonBodies } from './json-body.ts';
import { swaggerOptions } from './openapi-spec.ts';
import { auth } from './plugins/auth.ts';
import { consoleAssets } from './plugins/console-assets.ts';
import { consoleSessions, sessionRoutes } from './plugins/console-session.ts';
import { metrics } from './plugins/metrics.ts';
import { problemDetails } from './plugins/problem-details.ts';
import { QUEUE_VIEW_PATH, queueView } from './plugins/queue-view.ts';
import { requestDeadline } from './plugins/request-deadline.ts';
import { textGuard } from './plugins/text-guard.ts';
import { parseQueryString } from './query-string.ts';
import { adminRoutes } from './routes/admin.ts';
import { calendarRoutes } from './routes/calendars.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { keyRoutes } from './routes/keys.ts';
import { labelRoutes } from './routes/labels.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { peopleRoutes } from './routes/people.ts';
import { periodRoutes } from './routes/periods.ts';
import { policyRoutes } from './routes/policies.ts';
import { referenceRoutes } from './routes/reference.ts';
import { streamRoutes } from './routes/stream.ts';
import { subjectRoutes } from './routes/subjects.ts';
import { summaryRoutes } from './routes/summaries.ts';
import { zodValidatorCompiler } from './validation.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(
  deps: AppDeps,
  logging: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = {},
) {
  const app = Fastify({
    ...logging,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    requestTimeout: deps.config.REQUEST_TIMEOUT_MS,
    // Node looks for requests past their time (headers not in yet) at this interval (30 s unless told).
    http: {
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, deps.config.REQUEST_TIMEOUT_MS / 4)),
      // Node would answer a request without Host with an empty 400: refused as problem+json instead (missingHostProblem).
      requireHostHeader: false,
    },
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH, querystringParser: parseQueryString },
    frameworkErrors: routerProblem,
    clientErrorHandler: clientErrorProblem,
  }).withTypeProvider<ZodTypeProvider>();

  app.addHook('onRequest', missingHostProblem);
  // Node would answer an Expect it cannot meet with an empty 417.
  app.server.on('checkExpectation', expectationProblem);
  app.setValidatorCompiler(zodValidatorCompiler);
  // API.md: bodies are JSON; anything else is 415, not a string to validate.
  app.removeContentTypeParser(['text/plain']);
  strictJsonBodies(app);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, swaggerOptions(deps.config));
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(problemDetails);
  await app.register(requestDeadline, { timeoutMs: deps.config.REQUEST_TIMEOUT_MS });
  await app.register(textGuard);
  await app.register(consoleSessions, deps);
  await app.register(auth, { db: deps.db });
  const groupCommit = new GroupCommit(deps.db, {
    commitsInFlight: deps.config.INGEST_COMMITS_IN_FLIGHT,
    onCommitted: deps.onEventsStored,
  });
  await app.register(metrics, { db: deps.db, now: deps.now, queues: deps.queues ?? [], ingest: groupCommit });
  await app.register(healthRoutes, deps);
  await app.register(eventRoutes, { ...deps, groupCommit });
  await app.register(adminRoutes, deps);
  await app.register(subjectRoutes, deps);
  await app.register(ledgerRoutes, deps);
  await app.register(summaryRoutes, deps);
  await app.register(referenceRoutes, deps);
  await app.register(policyRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(periodRoutes, deps);
  await app.register(sessionRoutes, deps);
  await app.register(keyRoutes, deps);
  await app.register(labelRoutes, deps);
  await app.register(streamRoutes, deps);
  await app.register(queueView, { prefix: QUEUE_VIEW_PATH, queues: deps.queues ?? [] });
  await app.register(consoleAssets, { ...(deps.consoleDist ? { dist: deps.consoleDist } : {}) });
  return app;
}
