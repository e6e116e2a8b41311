import { z } from 'zod';
import { responsibilities } from '../classification/assessment.ts';
import { upgradeReasons } from '../classification/upgrade.ts';
import { parseData } from '../data-errors.ts';

// A subject's state as the classifier stored it (JSON: instants as RFC 3339 text), read back
// with the domain's own schemas at the boundary instead of casts. Each schema names the fields
// readers use and lets the rest through (clocks are read from their own table).

const instantText = z.iso.datetime({ offset: true });
const upgrade = z.strictObject({ at: instantText, reason: z.enum(upgradeReasons) }).nullable();

const storedStateSchemas = {
  complaint: z.looseObject({
    status: z.enum(['open', 'resolved', 'cancelled']),
    responsibility: z.enum(responsibilities),
    assessment: z.string(),
    slaType: z.string(),
    upgraded: z.boolean(),
    upgrade,
  }),
  fault: z.looseObject({
    status: z.enum(['open', 'restored']),
    kind: z.string(),
    upgraded: z.boolean(),
    upgrade: z.strictObject({ at: instantText, reason: z.enum(['overdue', 'repeat']) }).nullable(),
  }),
  callback: z.looseObject({
    status: z.enum(['open', 'completed', 'missed']),
    kind: z.string(),
    ratePeriod: z.string().regex(/^\d{4}-\d{2}$/),
  }),
  finding: z.looseObject({
    rule: z.string(),
    personId: z.string().nullable(),
    relatedId: z.string().nullable(),
    recordedAt: instantText,
    rankInYear: z.number().int().nullable(),
    suspends: z.boolean(),
  }),
} as const;

export type StoredStateOf<K extends keyof typeof storedStateSchemas> = z.infer<
  (typeof storedStateSchemas)[K]
>;

/** Parses a stored state of a subject kind; a shape that drifted fails naming the subject and the field. */
export function parseStoredState<K extends keyof typeof storedStateSchemas>(
  kind: K,
  stored: unknown,
  source: string,
): StoredStateOf<K> {
  return parseData(storedStateSchemas[kind] as unknown as z.ZodType<StoredStateOf<K>>, stored, source);
}
