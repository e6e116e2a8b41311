import { createWebhook, deleteWebhook, listWebhooks } from '@engine/db';
import { signalKinds, timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { ProblemError } from '../problems.ts';
import { problemSchema } from '../schemas.ts';

const webhook = z.object({
  id: z.string(),
  url: z.string(),
  kinds: z.array(z.string()),
  createdAt: z.string(),
});

const toWebhook = (row: { id: string; url: string; kinds: string[]; created_at: Date }, zone: string) => ({
  id: row.id,
  url: row.url,
  kinds: row.kinds,
  createdAt: instant(row.created_at, zone),
});

/** Admin operations: webhook subscriptions (signals to a duty manager's tools) and the timer rebuild. */
export const adminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const common = { tags: ['admin'], security: [{ apiKey: [] }] };
  const zone = () => timeZoneOf(deps.policies());
  app.post(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary:
          'Subscribe a URL to signals (warnings, breaches, upgrades, over-level complaints, suspensions, a calendar running out of official holiday data)',
        description:
          'Each delivery is a JSON POST signed with X-Engine-Signature: sha256=HMAC-SHA256(secret, body), retried with backoff; a delivery that keeps failing is recorded dead.',
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/ }).max(2_048),
          secret: z.string().min(16).max(256),
          kinds: z.array(z.enum(signalKinds)).default([]),
        }),
        response: { 201: webhook, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toWebhook(await createWebhook(deps.db, request.body), zone())),
  );

  app.get(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'The webhook subscriptions',
        response: { 200: z.object({ items: z.array(webhook) }) },
      },
    },
    async () => ({ items: (await listWebhooks(deps.db)).map((row) => toWebhook(row, zone())) }),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'Unsubscribe',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      if (!(await deleteWebhook(deps.db, request.params.id))) {
        throw new ProblemError(404, 'not-found', 'Not found', `No webhook ${request.params.id}.`);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/admin/timers/rebuild',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'Rebuild every SLA timer in Redis from Postgres (after a Redis loss)',
        response: { 202: z.object({ timers: z.number().int() }) },
      },
    },
    async (_request, reply) => reply.status(202).send({ timers: await deps.rebuildTimers() }),
  );
};
