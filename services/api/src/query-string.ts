/** Set on a parsed query whose text was not valid percent-encoded UTF-8 (the text guard refuses it). */
export const INVALID_QUERY = Symbol('invalid query string');

/**
 * Parses a query string as the path is parsed: strictly. `%ZZ` or bytes that are not UTF-8 mark the
 * result invalid instead of being decoded to replacement characters (which would look up another
 * id than the one sent). Repeated keys give arrays, as Fastify's own parser does.
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const query: Record<string | symbol, string | string[] | boolean> = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replaceAll('+', ' '));
      value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replaceAll('+', ' '));
    } catch {
      query[INVALID_QUERY] = true;
      continue;
    }
    const earlier = query[key];
    query[key] =
      earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [String(earlier)]), value];
  }
  return query as Record<string, string | string[]>;
}
