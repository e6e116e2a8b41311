import { publicUrl } from '@engine/config';
import {
  type ApiKey,
  createConsoleSession,
  endConsoleSession,
  findActiveApiKey,
  findConsoleSession,
  namesOf,
} from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { instant } from '../present.ts';
import { ProblemError } from '../problems.ts';
import { problemSchema } from '../schemas.ts';

/** The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'engine_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** The key a console session cookie stands for (undefined: no valid session). */
    sessionKey: (request: FastifyRequest) => Promise<ApiKey | undefined>;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request changing state with the cookie must come from the console's own origin: SameSite=Strict
 * already keeps other sites' requests from carrying the cookie, the Origin check covers the rest
 * (a sibling subdomain, an old browser).
 */
function checkOrigin(request: FastifyRequest, allowed: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.headers.host}`;
  if (origin === own || origin === allowed) return;
  throw new ProblemError(
    403,
    'cross-origin',
    'Cross-origin request refused',
    'A request signed in with the console cookie must come from the console itself (its Origin header did not match).',
  );
}

const sessionView = z
  .object({
    keyId: z.string(),
    name: z.string(),
    role: z.enum(['ingest', 'manager', 'finance', 'admin']),
    /** null: every department. */
    departments: z.array(z.object({ id: z.string(), name: z.string().nullable() })).nullable(),
    /** When the console asks to sign in again; null for a bearer key. */
    expiresAt: z.string().nullable(),
    /** The engine's clock now: the console counts time left from it, not from the browser's clock. */
    serverTime: z.string(),
  })
  .meta({ id: 'ConsoleSession', description: 'Who is signed in, and until when' });

/**
 * Console sessions (issue 13): a person signs in with a personal key and gets an HttpOnly,
 * SameSite=Strict cookie; the auth plugin accepts that cookie where no bearer key is sent. A session
 * ends at sign-out, after SESSION_HOURS, or as soon as its key is revoked (looked up every request).
 */
export const consoleSessions = fp(
  async (app, { db, config, now }: Pick<AppDeps, 'db' | 'config' | 'now'>) => {
    await app.register(cookie);
    const allowedOrigin = new URL(publicUrl(config)).origin;
    app.decorate('sessionKey', async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return undefined;
      const session = await findConsoleSession(db, token, now());
      if (session) checkOrigin(request, allowedOrigin);
      return session?.apiKey;
    });
  },
);

/** The session's own routes: sign in with a key, who am I, sign out. */
export const sessionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const common = { tags: ['console'] };
  const zone = () => timeZoneOf(deps.policies());
  const present = async (apiKey: ApiKey, expiresAt: Date | null) => {
    const names = await namesOf(deps.db, { departments: apiKey.departments ?? [] });
    return {
      keyId: apiKey.id,
      name: apiKey.name,
      role: apiKey.role,
      departments: apiKey.departments?.map((id) => ({ id, name: names.departments.get(id) ?? null })) ?? null,
      expiresAt: expiresAt ? instant(expiresAt, zone()) : null,
      serverTime: instant(deps.now(), zone()),
    };
  };

  app.post(
    '/v1/session',
    {
      schema: {
        ...common,
        summary:
          'Sign in to the console with a personal key: sets an HttpOnly, SameSite=Strict session cookie',
        description:
          "The key is checked like a bearer key; the answer sets the engine_session cookie, which the API then accepts in place of the Authorization header, for SESSION_HOURS or until sign-out or the key is revoked. Requests that change state with the cookie must carry the console's Origin.",
        security: [],
        body: z.strictObject({ key: z.string().min(1).max(256) }),
        response: { 201: sessionView, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request, reply) => {
      const apiKey = await findActiveApiKey(deps.db, request.body.key.trim());
      if (!apiKey) {
        throw new ProblemError(401, 'unauthorized', 'Unauthorized', 'The key is not known or was revoked.');
      }
      const expiresAt = new Date(deps.now().getTime() + deps.config.SESSION_HOURS * 3_600_000);
      const session = await createConsoleSession(deps.db, apiKey.id, expiresAt);
      reply
        .setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          // Over https (PUBLIC_URL), the cookie is never sent in clear.
          secure: publicUrl(deps.config).startsWith('https:'),
          path: '/',
          // Relative, so a browser whose clock differs from the server's keeps it as long.
          maxAge: deps.config.SESSION_HOURS * 3600,
        })
        .header('cache-control', 'no-store');
      return reply.status(201).send(await present(apiKey, expiresAt));
    },
  );

  app.get(
    '/v1/session',
    {
      config: { roles: ['ingest', 'manager', 'finance'] },
      schema: {
        ...common,
        summary: "Who is signed in: the key's name, role and departments (by cookie or bearer key)",
        security: [{ apiKey: [] }],
        response: { 200: sessionView, 401: problemSchema },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await findConsoleSession(deps.db, token, deps.now()) : undefined;
      return present(request.apiKey!, session?.apiKey.id === request.apiKey!.id ? session.expiresAt : null);
    },
  );

  app.delete(
    '/v1/session',
    {
      schema: {
        ...common,
        summary: 'Sign out: ends the session and clears its cookie',
        security: [],
        response: { 204: z.null(), 403: problemSchema },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        checkOrigin(request, new URL(publicUrl(deps.config)).origin);
        await endConsoleSession(deps.db, token, deps.now());
      }
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send(null);
    },
  );
};
