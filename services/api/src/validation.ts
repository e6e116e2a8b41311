import { describeIssues, pathToString } from '@engine/domain';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { FieldProblem } from './problems.ts';

/** A request that does not fit its route's schema; the problem handler lists every problem. */
export class RequestValidationError extends Error {
  readonly problems: readonly FieldProblem[];
  readonly statusCode = 400;

  constructor(problems: readonly FieldProblem[]) {
    super('request validation failed');
    this.problems = problems;
  }
}

/**
 * Validates with the route's zod schema, the same one the OpenAPI document is generated from; its
 * issues are worded for the caller (what is wrong, what is expected, the field probably meant).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const prefix = httpPart === 'body' ? [] : [httpPart ?? ''];
    const problems = describeIssues(schema, data, result.error.issues).map((p) => ({
      path: pathToString([...prefix, ...p.path]),
      message: p.message,
    }));
    return { error: new RequestValidationError(problems) };
  };
