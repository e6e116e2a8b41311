import createClient from 'openapi-fetch';
import type { paths } from '../../../packages/client/src/generated/openapi.ts';

/**
 * The engine's API, typed from its served OpenAPI document (packages/client). Same origin: the
 * session cookie goes along by itself; the key is never held by the page.
 */
// JSON answers only: the ledger's CSV and xlsx (also in the document) are downloaded as files.
export const api = createClient<paths, `${string}/json`>({ baseUrl: '', credentials: 'same-origin' });

/** A problem+json answer (API.md, Errors), thrown so that pages show its detail and every field problem. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly errors: { path: string; message: string }[];

  constructor(status: number, detail: string, errors: { path: string; message: string }[] = []) {
    super(detail);
    this.status = status;
    this.errors = errors;
  }
}

/** Signs out on the spot when a session ended elsewhere (expired, or its key revoked). */
let onUnauthorized = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** The data of an openapi-fetch answer, or an ApiProblem. */
export async function read<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  if (response.status === 401) onUnauthorized();
  const problem = (error ?? {}) as { detail?: string; errors?: { path: string; message: string }[] };
  throw new ApiProblem(response.status, problem.detail ?? response.statusText, problem.errors ?? []);
}

export type Schemas = paths;
