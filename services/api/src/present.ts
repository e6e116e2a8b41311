import type { ClockRow, LedgerRow } from '@engine/db';
import { clockNames, clockStates, formatInstant, personRoles } from '@engine/domain';
import { z } from 'zod';
import { ProblemError } from './problems.ts';

/** API.md: instants answer in RFC 3339 with the policy zone's offset (+08:00 by default). */
export function instant(date: Date, zone: string): string {
  return formatInstant(date.getTime(), zone);
}

export const ledgerEntrySchema = z
  .object({
    id: z.string(),
    period: z.string().meta({ description: 'The month it is posted into, YYYY-MM' }),
    originPeriod: z.string().meta({
      description:
        'The month the fact belongs to: a correction of a closed month is posted into the next open one',
    }),
    rule: z.string(),
    policyVersion: z
      .string()
      .meta({ description: 'The policy pack version that priced it (frozen on the subject at dispatch)' }),
    departmentId: z.string(),
    /** The department's name in the ledger list; null when no department of that id is defined (an unknown department). */
    departmentName: z.string().nullable().optional(),
    personId: z.string().optional(),
    personRole: z.enum(personRoles).optional(),
    /** The person's name where one is given (PUT /v1/people/{personId}); null: nobody named them yet. */
    personName: z.string().nullable().optional(),
    amountFen: z
      .number()
      .int()
      .meta({ description: 'The amount in fen (1 yuan = 100 fen); negative for a reversal' }),
    subjectId: z.string(),
    source: z.string(),
    causeEventId: z.string().optional(),
    reversalOf: z.string().optional().meta({ description: 'A reversal: the id of the entry it cancels' }),
    postedAt: z.string().meta({ description: "When it was posted (RFC 3339, the policy zone's offset)" }),
  })
  .meta({
    id: 'LedgerEntry',
    description: 'A fine or its reversal, as posted into a period of the ledger (append-only)',
  });

export function ledgerEntry(
  row: LedgerRow & { department_name?: string | null },
  zone: string,
): z.infer<typeof ledgerEntrySchema> {
  return {
    id: String(row.id),
    period: row.period,
    originPeriod: row.origin_period,
    rule: row.rule,
    policyVersion: row.policy_version,
    departmentId: row.department_id,
    ...(row.department_name !== undefined ? { departmentName: row.department_name } : {}),
    ...(row.person_id ? { personId: row.person_id } : {}),
    ...(row.person_role ? { personRole: row.person_role } : {}),
    amountFen: row.amount_fen,
    subjectId: row.subject_id,
    source: row.source,
    ...(row.cause_event_id ? { causeEventId: row.cause_event_id } : {}),
    ...(row.reversal_of !== null ? { reversalOf: String(row.reversal_of) } : {}),
    postedAt: instant(row.posted_at, zone),
  };
}

export const clockSchema = z
  .object({
    subjectKind: z.string().optional(),
    subjectId: z.string().optional(),
    departmentId: z.string().optional(),
    name: z.enum(clockNames),
    startedAt: z.string(),
    deadline: z.string().meta({ description: "RFC 3339, the policy zone's offset" }),
    stoppedAt: z.string().optional(),
    state: z.enum(clockStates),
    breachedAt: z.string().optional(),
    remainingSeconds: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Running clocks: seconds to the deadline' }),
    atRisk: z
      .boolean()
      .optional()
      .meta({ description: "Running clocks: past the policy's at-risk fraction of their time" }),
    /** The deadline was counted on a year without official holiday data (weekends and statutory holidays only). */
    provisional: z.boolean().optional().meta({
      description:
        'The deadline was counted on a year without official holiday data (weekends and statutory holidays only)',
    }),
    /** Those years; storing their official arrangement counts the deadline again. */
    provisionalYears: z
      .array(z.number().int())
      .optional()
      .meta({ description: 'Those years; storing their official arrangement counts the deadline again' }),
  })
  .meta({
    id: 'Clock',
    description: 'An SLA clock of a subject: from its start to its deadline, stopped when met',
  });

/** A clock as API.md shows it; a running clock whose deadline passed since it was stored is shown breached. */
export function clock(
  row: ClockRow,
  now: Date,
  zone: string,
  withSubject: boolean,
): z.infer<typeof clockSchema> {
  const overdue = row.state === 'running' && row.deadline <= now;
  const state = overdue ? 'breached' : row.state;
  return {
    ...(withSubject
      ? { subjectKind: row.subject_kind, subjectId: row.subject_id, departmentId: row.department_id }
      : {}),
    name: row.name as z.infer<typeof clockSchema>['name'],
    startedAt: instant(row.started_at, zone),
    deadline: instant(row.deadline, zone),
    ...(row.stopped_at ? { stoppedAt: instant(row.stopped_at, zone) } : {}),
    state,
    ...(row.breached_at
      ? { breachedAt: instant(row.breached_at, zone) }
      : overdue
        ? { breachedAt: instant(row.deadline, zone) }
        : {}),
    ...(state === 'running'
      ? {
          remainingSeconds: Math.floor((row.deadline.getTime() - now.getTime()) / 1000),
          atRisk: row.at_risk_from <= now,
        }
      : {}),
    ...(row.provisional_years.length > 0
      ? { provisional: true, provisionalYears: row.provisional_years }
      : {}),
  };
}

/** Opaque keyset cursors. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The position a cursor this API gave holds; any other cursor is bad input (400). */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let result: z.ZodSafeParseResult<T> | undefined;
  try {
    result = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {}
  // JSON.stringify writes a NUL or a lone surrogate as an escape: a cursor of ours never holds one.
  if (result?.success && !/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(result.data))) return result.data;
  throw new ProblemError(400, 'invalid-request', 'Invalid request', 'The cursor is not one this API gave.', [
    { path: 'cursor', message: 'unknown cursor' },
  ]);
}
