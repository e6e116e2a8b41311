import { z } from 'zod';

const positive = z.number().int().positive();

/**
 * A target duration in one unit (RULES.md 3, 4, 6): elapsed `minutes`/`hours`; `days` of 24 elapsed
 * hours; `workingDays` counted by the calendar; `dateDays` counted by date, ending at 24:00.
 */
export const durationSchema = z.union([
  z.strictObject({ minutes: positive }),
  z.strictObject({ hours: positive }),
  z.strictObject({ days: positive }),
  z.strictObject({ workingDays: positive }),
  z.strictObject({ dateDays: z.number().int().nonnegative() }),
]);

export type Duration = z.infer<typeof durationSchema>;

export function describeDuration(duration: Duration): string {
  const [unit, amount] = Object.entries(duration)[0] as [string, number];
  return `${amount} ${unit}`;
}
