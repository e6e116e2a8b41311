import { publicUrl } from '@engine/config';
import { timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { requestProblems } from '../schemas.ts';
import { departmentScope } from '../scope.ts';
import { SignalFeed, streamEventSchema } from '../stream/signal-feed.ts';

/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * API.md GET /v1/stream: server-sent events of the signals (warnings, breaches, upgrades,
 * over-level complaints, suspensions, the calendar's warning) and of clocks leaving the board
 * (`restored`), scoped to the key's departments like the views. The console's live board and
 * integrators read it; Last-Event-ID resumes after a signal.
 */
export const streamRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const feed = new SignalFeed({
    db: deps.db,
    databaseUrl: deps.config.DATABASE_URL,
    zone: () => timeZoneOf(deps.policies()),
    baseUrl: publicUrl(deps.config),
    log: app.log,
  });
  const open = new Set<() => void>();
  // Streams never end by themselves: end them first, or closing the server would wait for them.
  app.addHook('preClose', async () => {
    for (const end of open) end();
    await feed.close();
  });

  app.get(
    '/v1/stream',
    {
      config: { roles: ['manager'] },
      schema: {
        summary: 'Live signals as server-sent events (text/event-stream), scoped like the views',
        description:
          'Each event is `event: <kind>` with a JSON `data:` line (the shape below) and, for signals, an `id:`; send the last one back as the Last-Event-ID header (or ?after=) to receive what was missed. Kinds: warning, breach, upgrade, over_level, suspension, calendar.expiring, and restored (a clock stopped, was cancelled or had its breach undone: live only, no id). A comment line every 15 s keeps the connection open.',
        tags: ['views'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({ after: z.coerce.number().int().min(0).optional() }),
        headers: z.object({
          'last-event-id': z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
        }),
        response: {
          200: {
            description: 'text/event-stream; each data line is one of these',
            content: { 'text/event-stream': { schema: streamEventSchema } },
          },
          ...requestProblems,
        },
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      const after = lastEventId !== undefined ? Number(lastEventId) : (request.query.after ?? null);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write('retry: 2000\n: connected\n\n');
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      let unsubscribe = () => {};
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
      unsubscribe = await feed.subscribe(
        {
          departments: departmentScope(request),
          deliver: (events) => {
            if (events.length > 0) raw.write(events.map((e) => e.text).join(''));
          },
        },
        after,
      );
      if (raw.destroyed) end();
    },
  );
};
