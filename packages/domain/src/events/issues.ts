import { z } from 'zod';

/** One problem of a request, by where it is (a path into the body, query or params). */
export interface IssueProblem {
  path: PropertyKey[];
  message: string;
}

/** API.md's example of an instant, shown whenever one is malformed. */
export const INSTANT_EXAMPLE = '2026-09-01T09:00:00+08:00';

/** zod's own wording ("Invalid input: ...", "Too small: ..."); a schema's own message is kept as written. */
const LIBRARY_WORDING = /^(Invalid|Too (small|big)|Unrecognized key)/;

/**
 * zod's issues as messages a sender's developer can act on: what is wrong and what is expected,
 * an unknown field named with the nearest known one. `input` is the whole value parsed, so that a
 * discriminated union (an event's type) resolves to the variant that was meant.
 */
export function describeIssues(
  schema: z.ZodType,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
): IssueProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return unknownFields(schema, input, issue);
    if (!LIBRARY_WORDING.test(issue.message)) return [{ path: [...issue.path], message: issue.message }];
    const value = valueAt(input, issue.path);
    // A number or object where an instant belongs: say what an instant looks like.
    const instant =
      issue.code === 'invalid_type' &&
      value != null &&
      schemaAt(schema, input, issue.path) instanceof z.ZodISODateTime;
    return [{ path: [...issue.path], message: instant ? instantProblem(value) : describe(issue, value) }];
  });
}

/** What a malformed instant lacks, with an example of one. */
export function instantProblem(value: unknown): string {
  if (typeof value !== 'string')
    return `expected an instant as a string, e.g. ${INSTANT_EXAMPLE}, got ${kindOf(value)}`;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) {
    return `has no offset: an instant needs one, e.g. ${INSTANT_EXAMPLE} (or Z for UTC)`;
  }
  if (/[+-]\d{4}$/.test(value)) return `writes its offset without a colon; expected e.g. ${INSTANT_EXAMPLE}`;
  return `${show(value)} is not an RFC 3339 instant; expected e.g. ${INSTANT_EXAMPLE}`;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (value === null) return 'is required; null was sent';
      return `expected ${withArticle(issue.expected)}, got ${kindOf(value)}`;
    case 'invalid_value':
      return notOneOf(value, issue.values);
    case 'invalid_union':
      if (issue.discriminator && 'options' in issue) return unknownVariant(value, issue.options ?? []);
      return `${show(value)} matches none of the forms this field takes`;
    case 'invalid_format':
      if (issue.format === 'datetime') return instantProblem(value);
      return `${show(value)} is not a valid ${issue.format}`;
    case 'too_small':
      return tooSmall(issue, value);
    case 'too_big':
      return tooBig(issue, value);
    default:
      return issue.message;
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, value: unknown): string {
  const minimum = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return minimum === 1 ? 'must not be empty' : `must be at least ${count(minimum)} characters long`;
    case 'array':
      return `must hold at least ${count(minimum)} ${minimum === 1 ? 'item' : 'items'}`;
    default:
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${minimum}, got ${show(value)}`;
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig, value: unknown): string {
  const maximum = Number(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return `is ${count(String(value).length)} characters long; at most ${count(maximum)} are allowed`;
    case 'array':
      return `holds ${count((value as unknown[]).length)} items; at most ${count(maximum)} are allowed`;
    default:
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${maximum}, got ${show(value)}`;
  }
}

/** A value outside its list: the nearest one if it looks like a slip, else the whole list. */
function notOneOf(value: unknown, allowed: readonly unknown[]): string {
  const known = allowed.map(String);
  const near = typeof value === 'string' ? nearest(value, known) : undefined;
  if (near) return `${show(value)} is not allowed; did you mean ${near}?`;
  return `${show(value)} is not one of: ${known.join(', ')}`;
}

/** An event's type (the union's discriminator) missing or unknown. */
function unknownVariant(value: unknown, options: readonly unknown[]): string {
  const known = options.map(String);
  if (value === undefined || value === null) return `is required: one of ${known.join(', ')}`;
  const near = typeof value === 'string' ? nearest(value, known) : undefined;
  if (near) return `${show(value)} is not an event type; did you mean ${near}?`;
  return `${show(value)} is not an event type (known: ${known.join(', ')})`;
}

/** One problem per unknown field, at its own path, naming the field that was probably meant. */
function unknownFields(
  schema: z.ZodType,
  input: unknown,
  issue: z.core.$ZodIssueUnrecognizedKeys,
): IssueProblem[] {
  const object = schemaAt(schema, input, issue.path);
  const known = object instanceof z.ZodObject ? Object.keys(object.shape) : [];
  return issue.keys.map((key) => {
    const near = nearest(key, known);
    const hint = near
      ? `; did you mean ${near}?`
      : known.length > 0
        ? ` (known: ${known.join(', ')})`
        : ': this object takes no fields ({})';
    return { path: [...issue.path, key], message: `unknown field${hint}` };
  });
}

/** The object schema at a path of the input, through optional wrappers, arrays and the union's variants. */
function schemaAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = variantOf(unwrap(schema), input);
  let value = input;
  for (const key of path) {
    if (current instanceof z.ZodObject) current = current.shape[String(key)] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    current = current ? variantOf(unwrap(current), value) : undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The variant of a discriminated union the value names (an event's type); the schema itself otherwise. */
function variantOf(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return schema;
  const discriminator = schema._zod.def.discriminator;
  const tag = (value as Record<string, unknown> | null | undefined)?.[discriminator];
  return (schema.options as z.ZodType[]).find((option) => {
    const literal = option instanceof z.ZodObject ? option.shape[discriminator] : undefined;
    return literal instanceof z.ZodLiteral && literal.values.has(tag as z.core.util.Literal);
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return value;
}

/**
 * The known name a mistyped one most likely meant: the same letters ignoring case, `_`, `-` and
 * `.` (department_id for departmentId), or a few edits away (complaint.recieved); none otherwise.
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/[_\-.\s]/g, '');
  const target = normal(name);
  const budget = target.length <= 3 ? 1 : target.length <= 8 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(target, normal(candidate));
    if (distance <= budget && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b: optimal string alignment. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i]!;
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
      }
    }
  }
  return rows[a.length]![b.length]!;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${show(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${withArticle(typeof value)} (${String(value)})`;
}

function withArticle(what: string): string {
  return `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`;
}

/** A value as a message quotes it: plain if it is a simple word, else as JSON, and never very long. */
function show(value: unknown): string {
  const text = typeof value === 'string' && /^[\w.:+-]+$/.test(value) ? value : String(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
