import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  // Built by concatenation, not arrays of entries joined: this runs for every posted event.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${canonicalJson(value[i]) ?? ''}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  // The default sort orders by UTF-16 code units, as comparing with < does.
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

export function bodyHash(value: unknown): Buffer {
  // crypto.hash: one call, no Hash object per event.
  return hash('sha256', canonicalJson(value), 'buffer');
}
