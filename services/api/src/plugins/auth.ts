import { type ApiKey, type Db, findActiveApiKey, type Role } from '@engine/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKey | null;
  }
  interface FastifyInstance {
    /** Forgets a key this process has cached, so its revocation takes effect here at once. */
    forgetApiKey: (keyId: string) => void;
    /**
     * Finds the request's key (bearer or console session) and checks it may act in one of `roles`
     * (admin always may); throws the 400, 401 or 403 problem otherwise. For routes whose plugin
     * handles errors itself (the queue view); others say `config.roles`.
     */
    authenticate: (request: FastifyRequest, reply: FastifyReply, roles: readonly Role[]) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** The roles that may call the route (admin always may); absent: no key needed. */
    roles?: readonly Role[];
  }
}

/**
 * A key is looked up at most this often per process: a key revoked by another process (the CLI,
 * another API) stops working here within it; the revoking process forgets it at once.
 */
const CACHE_MS = 500;

/**
 * API.md, Auth: `Authorization: Bearer <key>`; 401 without a known key, 403 outside the key's role.
 * Runs before the body is parsed, so an unauthenticated caller learns nothing about validation.
 */
export const auth = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  const cache = new Map<string, { apiKey: ApiKey | undefined; until: number }>();
  const lookUp = async (key: string) => {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.apiKey;
    const apiKey = await findActiveApiKey(db, key);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { apiKey, until: Date.now() + CACHE_MS });
    return apiKey;
  };

  app.decorate('forgetApiKey', (keyId: string) => {
    for (const [key, hit] of cache) if (hit.apiKey?.id === keyId) cache.delete(key);
  });
  app.decorateRequest('apiKey', null);
  const authenticate = async (request: FastifyRequest, reply: FastifyReply, roles: readonly Role[]) => {
    // Two Authorization headers: a proxy reading the last would act for another key than we do.
    if (authorizationHeaders(request.raw.rawHeaders) > 1) {
      throw new ProblemError(
        400,
        'invalid-request',
        'Invalid request',
        'Send one Authorization header, not several.',
      );
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Without a bearer key, the console's session cookie (plugins/console-session.ts) may stand for one.
    const apiKey = match ? await lookUp(match[1]!) : await app.sessionKey(request);
    if (!apiKey) {
      // RFC 9110 15.5.2: a 401 names the scheme the client should use.
      reply.header('www-authenticate', 'Bearer');
      throw new ProblemError(
        401,
        'unauthorized',
        'Unauthorized',
        match
          ? 'The API key is not known or was revoked.'
          : 'Send an API key: Authorization: Bearer <key> (or sign in to the console).',
      );
    }
    // Known before its role is checked: a refusal is logged with the key's name.
    request.apiKey = apiKey;
    if (apiKey.role !== 'admin' && !roles.includes(apiKey.role)) {
      throw new ProblemError(
        403,
        'forbidden',
        'Forbidden',
        `${/^[aeiou]/.test(apiKey.role) ? 'An' : 'A'} ${apiKey.role} key may not do this; it needs one of: ${[...new Set([...roles, 'admin'])].join(', ')}.`,
      );
    }
  };
  app.decorate('authenticate', authenticate);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const roles = request.routeOptions.config.roles;
    if (roles) await authenticate(request, reply, roles);
  });
});

/** How many Authorization headers a request carries (Node keeps only the first in request.headers). */
function authorizationHeaders(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === 'authorization') count += 1;
  return count;
}
