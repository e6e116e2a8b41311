import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldProblem, invalidRequest } from '../problems.ts';

/** No body the API takes nests deeper than a few levels (a batch's event's customer's group: 6). */
const MAX_DEPTH = 32;
/** No object the API takes has more fields than this (an event's data has about ten). */
const MAX_FIELDS = 1_000;
/** The walk stops listing after this many problems, and counts the rest. */
const MAX_PROBLEMS = 100;

/**
 * Text no stored field may hold, refused at the edge (400 naming each field) before anything reads
 * or stores it: NUL (Postgres text cannot hold it), lone UTF-16 surrogates (malformed text), control
 * characters (they break CSV lines and XML, so the spreadsheet exports) and the bidirectional
 * overrides that make an id print as another. Shapes no request needs (nesting deeper than
 * MAX_DEPTH, objects of more than MAX_FIELDS fields) are refused before anything walks them, so no
 * request can make the API work for seconds.
 */
export const textGuard = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // A request no route takes is answered 404 whatever its body holds.
    if (request.is404) return;
    const problems: FieldProblem[] = [];
    const more = { count: 0 };
    walk(request.params, 'params', problems, more);
    walk(request.query, 'querystring', problems, more);
    walk(request.body, '', problems, more);
    if (problems.length > 0) {
      throw invalidRequest(
        problems,
        more.count > 0
          ? `The request has problems; nothing of it was stored. The first ${problems.length} are listed, ${more.count} more are not.`
          : undefined,
      );
    }
  });
});

// C0 controls but tab, line feed and carriage return; DEL; C1 controls; bidi embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which no text may hold';
  if (!value.isWellFormed()) return 'contains a lone UTF-16 surrogate: not well-formed text';
  const forbidden = FORBIDDEN.exec(value);
  if (forbidden) {
    const code = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code}, which no text may hold (it breaks spreadsheets and exports)`;
  }
  return null;
}

/** Walks the value depth-first in document order, with a stack of its own (no depth can exhaust Node's). */
function walk(root: unknown, rootPath: string, problems: FieldProblem[], more: { count: number }): void {
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
    else more.count += 1;
  };
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: rootPath, depth: 0 },
  ];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) add(path, problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      add(path, `nests deeper than ${MAX_DEPTH} levels; no request of this API does`);
      continue;
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: `${path}[${index}]`, depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_FIELDS) {
      add(
        path || 'body',
        `has ${entries.length.toLocaleString('en-US')} fields; no object of this API has more than ${MAX_FIELDS.toLocaleString('en-US')}`,
      );
      continue;
    }
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index]!;
      const at = path ? `${path}.${key}` : key;
      stack.push({ value: item, path: at, depth: depth + 1 });
      // A key is text too (checked just before its value).
      if (textProblem(key)) stack.push({ value: key, path: `${at} (the key)`, depth: depth + 1 });
    }
  }
}
