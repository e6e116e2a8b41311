import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { ProblemError } from './problems.ts';

const badBody = (detail: string, message: string) =>
  new ProblemError(400, 'invalid-request', 'Invalid request', detail, [{ path: '', message }]);

/**
 * API.md: bodies are JSON in UTF-8. Parsed strictly: bytes that are not UTF-8 are refused (decoded
 * with replacement characters, two different ids would become one), as is a charset other than
 * UTF-8; `__proto__` and `constructor.prototype` keys are refused (secure-json-parse, as Fastify's
 * own parser does).
 */
export function strictJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        done(
          new ProblemError(
            415,
            'unsupported-media-type',
            'Unsupported media type',
            `Send the body as application/json in UTF-8, not ${charset}.`,
          ),
        );
        return;
      }
      if (body.length === 0) {
        done(badBody('The body is empty.', 'expected a JSON body'));
        return;
      }
      if (!isUtf8(body)) {
        done(badBody('The body is not valid UTF-8; nothing of it was stored.', 'is not valid UTF-8 text'));
        return;
      }
      try {
        done(
          null,
          secureJson.parse(body.toString('utf8'), undefined, {
            protoAction: 'error',
            constructorAction: 'error',
          }),
        );
      } catch (error) {
        const why =
          error instanceof SyntaxError ? error.message : 'it holds a __proto__ or constructor.prototype key';
        done(badBody('The body is not valid JSON; nothing of it was stored.', `not valid JSON: ${why}`));
      }
    },
  );
}
