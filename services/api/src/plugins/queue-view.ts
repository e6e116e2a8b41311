import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { EngineQueue } from '../deps.ts';
import { PROBLEM_TYPE } from '../http-layer-problems.ts';
import { ProblemError } from '../problems.ts';

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
