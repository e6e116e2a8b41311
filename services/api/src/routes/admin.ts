import { createWebhook, deleteWebhook, listWebhooks, type WebhookFormat } from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import { redactedUrl } from '@engine/use-cases';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { problemSchema, requestProblems } from '../schemas.ts';
import { newWebhookSchema, unreachableUrlProblem, webhookSecret } from './webhook-input.ts';

const webhook = z
  .object({
    id: z.string(),
    url: z
      .string()
      .describe("Credentials hidden: the user, the password and every query value (a robot's key or token)."),
    kinds: z.array(z.string()),
    format: z.enum(['standard', 'dingtalk', 'wecom']),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook', description: 'A webhook subscription (its URL with credentials hidden)' });

const toWebhook = (
  row: { id: string; url: string; kinds: string[]; format: WebhookFormat; created_at: Date },
  zone: string,
) => ({
  id: row.id,
  url: redactedUrl(row.url),
  kinds: row.kinds,
  format: row.format,
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
          '`standard` (the default): a JSON POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; a `whsec_` secret is generated when none is given and answered once) and, as before, X-Engine-Signature: sha256=HMAC-SHA256(secret, body). `dingtalk`: a DingTalk custom robot markdown message, signed with its 加签 secret (timestamp and sign query parameters). `wecom`: a WeCom group robot markdown message (the key in the URL; no secret). Retried with backoff; a delivery that keeps failing is recorded dead. Loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true, link-local and cloud metadata addresses always, checked again at each delivery.',
        body: newWebhookSchema({ allowPrivate: deps.config.WEBHOOK_ALLOW_PRIVATE }),
        response: {
          201: webhook.extend({
            secret: z
              .string()
              .optional()
              .describe('Only when the engine generated it (a whsec_ secret): shown this once.'),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { url, format, kinds } = request.body;
      const unreachable = await unreachableUrlProblem(url, {
        allowPrivate: deps.config.WEBHOOK_ALLOW_PRIVATE,
      });
      if (unreachable) throw invalidRequest([unreachable], 'The webhook was not stored.');
      const secret = webhookSecret(request.body);
      const created = await createWebhook(deps.db, { url, format, kinds, secret: secret.value });
      return reply
        .status(201)
        .send({ ...toWebhook(created, zone()), ...(secret.generated ? { secret: secret.value } : {}) });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'The webhook subscriptions',
        response: { 200: z.object({ items: z.array(webhook) }), ...requestProblems },
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
        response: { 204: z.null(), ...requestProblems, 404: problemSchema },
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
        summary:
          'Load into Redis, from Postgres, the SLA timers due within the horizon (after a Redis loss; later ones are loaded as they come near)',
        response: { 202: z.object({ timers: z.number().int() }), ...requestProblems },
      },
    },
    async (_request, reply) => reply.status(202).send({ timers: await deps.rebuildTimers() }),
  );
};
