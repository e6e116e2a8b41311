/** One problem of a request, by where it is in the body (API.md: errors[].path). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as API.md fixes them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

/** A 4xx the API answers on purpose, with every problem named. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(status: number, type: string, title: string, detail: string, errors?: FieldProblem[]) {
    super(detail);
    this.problem = { type: `/problems/${type}`, title, status, detail, ...(errors ? { errors } : {}) };
  }
}

/** A 400 names at most this many problems (a batch of 1,000 bad events would otherwise answer megabytes). */
const MAX_LISTED = 100;

export function invalidRequest(
  errors: FieldProblem[],
  detail = 'The request has problems; nothing of it was stored.',
): ProblemError {
  if (errors.length <= MAX_LISTED)
    return new ProblemError(400, 'invalid-request', 'Invalid request', detail, errors);
  return new ProblemError(
    400,
    'invalid-request',
    'Invalid request',
    `${detail} The first ${MAX_LISTED} of its ${errors.length.toLocaleString('en-US')} problems are listed.`,
    errors.slice(0, MAX_LISTED),
  );
}
