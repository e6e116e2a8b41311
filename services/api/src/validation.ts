import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/** A request that does not fit its route's schema; the problem handler lists every issue. */
export class RequestValidationError extends Error {
  readonly issues: readonly z.core.$ZodIssue[];
  readonly prefix: PropertyKey[];
  readonly statusCode = 400;

  constructor(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []) {
    super('request validation failed');
    this.issues = issues;
    this.prefix = prefix;
  }
}

/** Validates with the route's zod schema, the same one the OpenAPI document is generated from. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: new RequestValidationError(result.error.issues, httpPart === 'body' ? [] : [httpPart ?? '']),
    };
  };
