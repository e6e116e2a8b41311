import { ApiKeyError, countActiveKeys, createApiKey, listApiKeys, revokeApiKey } from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { invalidRequest, ProblemError } from '../problems.ts';
import { problemSchema, requestProblems } from '../schemas.ts';

const roles = ['ingest', 'manager', 'finance', 'admin'] as const;
const keyView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(roles),
    /** null: every department. */
    departments: z.array(z.string()).nullable(),
    /** The key's visible prefix (cse_<prefix>_...), to tell keys apart; the key itself is never shown again. */
    prefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'A personal API key as listed (never the key itself)' });

/** Personal keys (admin): issued with a name, a role and departments, listed, revoked. */
export const keyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const common = { tags: ['admin'], security: [{ apiKey: [] }] };
  const zone = () => timeZoneOf(deps.policies());
  const present = (row: {
    id: string;
    name: string;
    role: (typeof roles)[number];
    departments: string[] | null;
    prefix: string;
    created_at: Date;
    revoked_at: Date | null;
  }) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    departments: row.departments,
    prefix: row.prefix,
    createdAt: instant(row.created_at, zone()),
    revokedAt: row.revoked_at ? instant(row.revoked_at, zone()) : null,
  });

  app.get(
    '/v1/keys',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'Every key, newest first, revoked ones included (never the key itself)',
        response: { 200: z.object({ items: z.array(keyView) }), ...requestProblems },
      },
    },
    async () => ({ items: (await listApiKeys(deps.db)).map(present) }),
  );

  app.post(
    '/v1/keys',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'Issue a personal key: a name, a role and (managers) the departments it may see',
        description:
          'The answer holds the key in clear, once; only its hash is stored. A manager key without departments sees every department.',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          role: z.enum(roles),
          departments: z.array(z.string().min(1).max(128)).min(1).max(200).nullable().optional(),
        }),
        response: { 201: keyView.extend({ key: z.string() }), ...requestProblems },
      },
    },
    async (request, reply) => {
      const { name, role, departments } = request.body;
      let issued: Awaited<ReturnType<typeof createApiKey>>;
      try {
        issued = await createApiKey(deps.db, {
          name,
          role,
          departments: departments ? [...new Set(departments)].sort() : null,
        });
      } catch (error) {
        if (!(error instanceof ApiKeyError)) throw error;
        throw invalidRequest([{ path: 'departments', message: error.message }]);
      }
      const { key, apiKey } = issued;
      const row = (await listApiKeys(deps.db)).find((k) => k.id === apiKey.id)!;
      return reply.status(201).send({ ...present(row), key });
    },
  );

  app.delete(
    '/v1/keys/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        ...common,
        summary: 'Revoke a key: its bearer use and every console session signed in with it end',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...requestProblems, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const target = (await listApiKeys(deps.db)).find((k) => k.id === id && k.revoked_at === null);
      if (!target) throw new ProblemError(404, 'not-found', 'Not found', `No active key ${id}.`);
      // Nobody could issue keys again without the command line.
      if (target.role === 'admin' && (await countActiveKeys(deps.db, 'admin')) <= 1) {
        throw new ProblemError(
          409,
          'last-admin-key',
          'Last admin key',
          'This is the last active admin key; issue another admin key first.',
        );
      }
      await revokeApiKey(deps.db, id);
      app.forgetApiKey(id);
      return reply.status(204).send(null);
    },
  );
};
