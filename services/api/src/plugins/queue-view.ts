import { STATUS_CODES } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { EngineQueue } from '../deps.ts';
import { PROBLEM_TYPE } from '../http-layer-problems.ts';
import { ProblemError } from '../problems.ts';

/** What Bull Board's error handler answers; its status type lists only the statuses Bull Board sends itself. */
type BoardAnswer = ReturnType<Parameters<FastifyAdapter['setErrorHandler']>[0]>;
type BoardStatus = BoardAnswer['status'];

/** Where the queue view is served. */
export const QUEUE_VIEW_PATH = '/admin/queues';

/**
 * GET /admin/queues: Bull Board (@bull-board/fastify), the BullMQ dashboard made for the job, over
 * the engine's queues in Redis (so it shows every process's jobs), in Chinese. Admins only: the
 * admin key as bearer, or an admin's console session cookie in a browser. Its routes are hidden
 * from the OpenAPI document: they are not part of the JSON API.
 */
export async function queueView(app: FastifyInstance, { queues }: { queues: readonly EngineQueue[] }) {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: '引擎队列', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
  });
  // Set after createBullBoard, which sets its own (every error a 500): a refusal keeps its status.
  board.setErrorHandler((error): BoardAnswer => {
    if (error instanceof ProblemError)
      return { status: error.problem.status as BoardStatus, body: error.problem };
    const status = (error as { statusCode?: number }).statusCode;
    return status && status >= 400 && status < 500
      ? { status: status as BoardStatus, body: { message: error.message } }
      : { status: 500, body: { message: 'The queue view failed; see the API log.' } };
  });
  // Bull Board answers its 4xx as plain JSON ({error, message}): problem+json here as everywhere.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || !String(reply.getHeader('content-type')).startsWith('application/json'))
      return payload;
    reply.type(PROBLEM_TYPE);
    const sent = parsed(payload);
    if (typeof sent.type === 'string' && sent.status === reply.statusCode) return payload;
    const title = STATUS_CODES[reply.statusCode] ?? 'Error';
    const detail = typeof sent.message === 'string' ? sent.message : title;
    return JSON.stringify({
      type: `/problems/http-${reply.statusCode}`,
      title,
      status: reply.statusCode,
      detail,
    });
  });
  // Checked here, not by `config.roles`: Bull Board's own error handler would turn the refusal into a 500.
  app.addHook('onRequest', async (request, reply) => {
    try {
      await app.authenticate(request, reply, []);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return reply.status(error.problem.status).type(PROBLEM_TYPE).send(error.problem);
    }
  });
  await app.register(board.registerPlugin());
}

function parsed(payload: unknown): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(String(payload));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
