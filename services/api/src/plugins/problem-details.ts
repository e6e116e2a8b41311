import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_TYPE } from '../http-layer-problems.ts';
import { invalidRequest, type Problem, ProblemError } from '../problems.ts';
import { RequestValidationError } from '../validation.ts';

/** Fastify's own client errors, each as a problem a client can act on. */
function fromFastifyError(error: FastifyError): Problem | null {
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        type: '/problems/unsupported-media-type',
        title: 'Unsupported media type',
        status: 415,
        detail: 'Send the body as application/json.',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        type: '/problems/body-too-large',
        title: 'Body too large',
        status: 413,
        detail: error.message,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        type: '/problems/invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: 'The body is empty.',
        errors: [{ path: '', message: 'expected a JSON body' }],
      };
    default:
      return {
        type: '/problems/invalid-request',
        title: 'Invalid request',
        status,
        detail: error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message,
        errors: [{ path: '', message: error.message }],
      };
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Stream isn't writeable/;

/**
 * Postgres or Redis was out of reach (a restart, a dropped connection): the same request will work
 * again in a moment, so the answer says so (503 with Retry-After), not "internal error".
 */
function isDependencyUnavailable(error: Error & { code?: string }): boolean {
  const code = error.code ?? '';
  return CONNECTION_CODES.has(code) || code.startsWith('08') || CONNECTION_MESSAGES.test(error.message);
}

/** Every error leaves as RFC 9457 problem+json (API.md, Errors); a 5xx never leaks internals. */
export const problemDetails = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: Problem | null;
    if (error instanceof ProblemError) problem = error.problem;
    else if (error instanceof RequestValidationError) problem = invalidRequest([...error.problems]).problem;
    else problem = fromFastifyError(error);
    if (!problem && isDependencyUnavailable(error)) {
      request.log.warn({ err: error }, 'request failed: a dependency is out of reach');
      return reply.status(503).header('retry-after', '1').type(PROBLEM_TYPE).send({
        type: '/problems/unavailable',
        title: 'Service unavailable',
        status: 503,
        detail:
          'The database or the queue was out of reach; nothing of this request was stored. Send it again.',
      });
    }
    if (!problem) {
      request.log.error({ err: error }, 'request failed');
      problem = {
        type: '/problems/internal',
        title: 'Internal error',
        status: 500,
        detail: `Something failed on our side; quote request id ${request.id}.`,
      };
    }
    return reply.status(problem.status).type(PROBLEM_TYPE).send(problem);
  });
  // Every 4xx is logged with its reason and the key's name (never the key), beside Fastify's request line.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) return payload;
    const problem = JSON.parse(payload) as Problem;
    request.log.info(
      {
        status: reply.statusCode,
        problem: problem.type,
        detail: problem.detail,
        ...(problem.errors ? { errors: problem.errors.slice(0, 20) } : {}),
        keyName: request.apiKey?.name ?? null,
        method: request.method,
        route: request.routeOptions.url ?? null,
      },
      `${reply.statusCode} ${problem.title}: ${problem.detail}`,
    );
    return payload;
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type(PROBLEM_TYPE)
      .send({
        type: '/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: `No route ${request.method} ${request.url}.`,
      }),
  );
});
