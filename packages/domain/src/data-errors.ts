import type { z } from 'zod';

/** One problem found in a data file (policy pack or calendar): where it is and why it is wrong. */
export interface DataProblem {
  source: string;
  path: string;
  message: string;
}

/** Thrown when policy or calendar data does not validate; names the file, the path inside it and the reason. */
export class PolicyDataError extends Error {
  readonly problems: readonly DataProblem[];

  constructor(problems: readonly DataProblem[]) {
    super(problems.map((p) => `${p.source}: ${p.path || '(root)'}: ${p.message}`).join('\n'));
    this.name = 'PolicyDataError';
    this.problems = problems;
  }
}

export function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

export function problemsFromZod(source: string, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) => ({ source, path: pathToString(issue.path), message: issue.message }));
}

/** Parses data with a schema, throwing PolicyDataError naming every problem. */
export function parseData<T>(schema: z.ZodType<T>, data: unknown, source: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new PolicyDataError(problemsFromZod(source, result.error));
  return result.data;
}
