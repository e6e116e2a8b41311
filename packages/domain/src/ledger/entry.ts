import { z } from 'zod';
import { parseData } from '../data-errors.ts';
import type { SubjectKind } from '../events/schema.ts';
import type { Period } from '../time.ts';

export const personRoles = ['manager', 'hall_head', 'staff'] as const;
export type PersonRole = (typeof personRoles)[number];

/** Who pays: a department, or a person (named, or only by role) in it. */
export interface ChargedParty {
  departmentId: string;
  personId: string | null;
  personRole: PersonRole | null;
}

/** Where an entry's subject comes from: a subject, or a department's period (period-end rules). */
export type EntrySource = SubjectKind | 'period';

/**
 * An entry the rules say should be on the ledger (RULES.md 8). `key` names the fine itself
 * (source, rule, party and cause), so the same fine computed twice has the same key.
 */
export interface LedgerIntent extends ChargedParty {
  key: string;
  rule: string;
  policyVersion: string;
  amountFen: number;
  /** The month of the fact that caused it (RULES.md 8). */
  period: Period;
  source: EntrySource;
  subjectId: string;
  causeEventId: string | null;
}

export function departmentParty(departmentId: string): ChargedParty {
  return { departmentId, personId: null, personRole: null };
}

function partyKey(party: ChargedParty): string {
  if (party.personRole === null) return `dept:${party.departmentId}`;
  return `${party.personRole}:${party.departmentId}:${party.personId ?? '-'}`;
}

export function entryKey(
  source: EntrySource,
  subjectId: string,
  rule: string,
  party: ChargedParty,
  cause: string,
): string {
  return `${source}:${subjectId}|${rule}|${partyKey(party)}|${cause}`;
}

export interface IntentFields {
  source: EntrySource;
  subjectId: string;
  rule: string;
  cause: string;
  party: ChargedParty;
  amountFen: number;
  period: Period;
  policyVersion: string;
  causeEventId: string | null;
}

/** Builds an intent; a zero amount is no fine and gives none. */
export function intent(fields: IntentFields): LedgerIntent[] {
  if (fields.amountFen === 0) return [];
  const { cause, party, ...rest } = fields;
  return [{ key: entryKey(fields.source, fields.subjectId, fields.rule, party, cause), ...rest, ...party }];
}

/** A stored list of intents, as the classifier wrote it: what the penalty calculator posts from. */
const ledgerIntentsSchema = z.array(
  z.strictObject({
    key: z.string().min(1),
    rule: z.string().min(1),
    policyVersion: z.string().min(1),
    amountFen: z.number().int(),
    period: z.string().regex(/^\d{4}-\d{2}$/),
    source: z.enum(['complaint', 'fault', 'callback', 'finding', 'period']),
    subjectId: z.string().min(1),
    causeEventId: z.string().nullable(),
    departmentId: z.string().min(1),
    personId: z.string().nullable(),
    personRole: z.enum(personRoles).nullable(),
  }),
);

/**
 * Reads intents back from storage with the domain's own schema (never a cast): money is posted
 * from them, so a stored shape that drifted fails loudly, naming the place and the field.
 */
export function parseLedgerIntents(stored: unknown, source: string): LedgerIntent[] {
  return parseData(ledgerIntentsSchema, stored, source);
}
