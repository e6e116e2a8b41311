/** A mistake the operator can fix: printed as one line (or one line per problem), exit code 2. */
export class CommandError extends Error {}

/** The exit codes of engine.sh (README, operator section). */
export const exitCodes = {
  ok: 0,
  /** A check failed (doctor), or the engine could not do it: a server unreachable, an unexpected error. */
  failed: 1,
  /** The command was mistyped or its input is wrong: nothing was done. */
  usage: 2,
} as const;

/**
 * An unexpected error as one line: its message, or for a connection refused on every address
 * (Node gives an AggregateError with an empty message) each address's reason.
 */
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = error instanceof AggregateError ? error.errors.map((e) => oneLine(e)) : [];
  const message = error.message || parts.join('; ') || (error as { code?: string }).code || error.name;
  return message.replace(/\s*\n\s*/g, ' ');
}

/** A URL as it may be printed: the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
