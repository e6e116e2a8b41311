import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldProblem, invalidRequest } from '../problems.ts';

/**
 * Text no stored field may hold, refused at the edge (400 naming each field) before anything
 * reads or stores it: NUL (Postgres text cannot hold it, so it surfaced as a 500) and lone UTF-16
 * surrogates (malformed text a spreadsheet or another system cannot read back).
 */
export const textGuard = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const problems: FieldProblem[] = [];
    walk(request.params, 'params', problems);
    walk(request.query, 'querystring', problems);
    walk(request.body, '', problems);
    if (problems.length > 0) throw invalidRequest(problems);
  });
});

function walk(value: unknown, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      problems.push({ path, message: 'contains a NUL character (\\u0000), which no text may hold' });
    else if (!value.isWellFormed())
      problems.push({ path, message: 'contains a lone UTF-16 surrogate: not well-formed text' });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, problems);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      // A key is text too.
      walk(key, `${at} (the key)`, problems);
      walk(item, at, problems);
    }
  }
}
