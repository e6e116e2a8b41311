import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { clientErrorProblem } from '../http-layer-problems.ts';

/**
 * A request must arrive whole (headers and body) within `timeoutMs`. Node's own request timeout
 * stops at the headers; a body trickled in a byte at a time would hold a connection open for
 * ever, so the rest of the request is given a deadline here, answered 408 and cut when it passes.
 */
export const requestDeadline = fp(async (app: FastifyInstance, { timeoutMs }: { timeoutMs: number }) => {
  app.addHook('onRequest', async (request) => {
    if (request.raw.complete) return;
    const timer = setTimeout(() => {
      if (!request.raw.complete) {
        const timeout = Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
        clientErrorProblem(timeout, request.raw.socket);
      }
    }, timeoutMs);
    timer.unref();
    request.raw.once('end', () => clearTimeout(timer));
    request.raw.once('close', () => clearTimeout(timer));
  });
});
