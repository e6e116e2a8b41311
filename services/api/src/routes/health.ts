import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { problemSchema } from '../schemas.ts';

const CHECK_TIMEOUT_MS = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

async function check(probe: () => Promise<unknown>): Promise<'ok' | string> {
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  postgres: z.string(),
  redis: z.string(),
});

export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'The process is up',
        tags: ['operations'],
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }), 400: problemSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Postgres and Redis are reachable',
        tags: ['operations'],
        security: [],
        response: { 200: readiness, 400: problemSchema, 503: readiness },
      },
    },
    async (_request, reply) => {
      const [postgres, redis] = await Promise.all([
        check(() => sql`SELECT 1`.execute(deps.db)),
        check(deps.pingRedis),
      ]);
      const ready = postgres === 'ok' && redis === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', postgres, redis });
    },
  );
};
