import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Where Vite builds the console (services/console, shared decision 2). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

// The console loads nothing from elsewhere and is never framed by another site.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Serves the console at /console/ (same origin as the API): hashed assets cached for good,
 * index.html for every other /console/ path (the console's router uses real paths), and / leads there.
 */
export const consoleAssets = fp(async (app: FastifyInstance, { dist = CONSOLE_DIST }: { dist?: string }) => {
  const built = existsSync(`${dist}/index.html`);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/'));
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/'));
  if (!built) {
    app.get('/console/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The console is not built: ./scripts/start.sh builds it (or: pnpm --filter @engine/console build).',
        ),
    );
    return;
  }
  // Looked up at each request, so a console built again is served without a restart.
  await app.register(fastifyStatic, {
    root: `${dist}/assets`,
    prefix: '/console/assets/',
    index: false,
    setHeaders: (reply) => {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const page = async (_request: unknown, reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .sendFile('index.html', dist);
  app.get('/console/', { schema: { hide: true } }, page);
  app.get('/console/*', { schema: { hide: true } }, page);
});
