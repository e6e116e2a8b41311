import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from './problems.ts';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** API.md ids are 1-128 characters; percent-encoded, one character takes up to 9 (three UTF-8 bytes). */
export const MAX_PATH_PARAM_LENGTH = 128 * 9;

/**
 * What the router answers before any route runs (Fastify's frameworkErrors): a path segment that
 * is not valid percent-encoded UTF-8, or far longer than any id. As problem+json, like every answer.
 */
export function routerProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem: Problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? {
          type: '/problems/uri-too-long',
          title: 'URI too long',
          status: 414,
          detail: 'A path segment is longer than any id this API takes (ids are 1-128 characters).',
        }
      : {
          type: '/problems/invalid-request',
          title: 'Invalid request',
          status: 400,
          detail: 'The path is not valid percent-encoded UTF-8 (e.g. %ZZ, or bytes that are not UTF-8).',
          errors: [{ path: 'url', message: 'is not a valid percent-encoded UTF-8 path' }],
        };
  request.log.info({ code: error.code, status: problem.status }, 'request refused by the router');
  void reply.status(problem.status).type(PROBLEM_TYPE).send(problem);
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (Fastify's clientErrorHandler):
 * headers too large (431), a timeout (408), a malformed request (400). Written to the socket as
 * problem+json, then the connection is closed, as Node does.
 */
export function clientErrorProblem(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than this server takes (16 KiB in all).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time.']
        : [400, 'The request is not well-formed HTTP.'];
  const title = STATUS_CODES[status]!;
  const body = JSON.stringify({ type: `/problems/http-${status}`, title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** HTTP/1.1 requires a Host header (RFC 9112 3.2): a request without one is a 400, as problem+json. */
export async function missingHostProblem(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.raw.httpVersion !== '1.1' || request.headers.host !== undefined) return;
  const problem: Problem = {
    type: '/problems/invalid-request',
    title: 'Invalid request',
    status: 400,
    detail: 'An HTTP/1.1 request must name its Host.',
    errors: [{ path: 'headers.host', message: 'is required' }],
  };
  return reply.status(400).type(PROBLEM_TYPE).send(problem);
}

/** An Expect header other than 100-continue (Node's checkExpectation): 417, as problem+json. */
export function expectationProblem(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({
    type: '/problems/http-417',
    title: STATUS_CODES[417],
    status: 417,
    detail: `This server meets no expectation but 100-continue (the request said Expect: ${String(request.headers.expect).slice(0, 100)}).`,
  });
  response
    .writeHead(417, { 'content-type': PROBLEM_TYPE, 'content-length': Buffer.byteLength(body) })
    .end(body);
}
