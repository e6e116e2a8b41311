import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatInstant } from './time.ts';

describe('formatInstant', () => {
  it('writes the instant as luxon does, in any zone, across offset changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.boolean(),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        (ms, whole, zone) => {
          const at = whole ? ms - (ms % 1000) : ms;
          const expected = DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true });
          expect(formatInstant(at, zone)).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('gives API.md its example form', () => {
    expect(formatInstant(Date.parse('2026-11-23T01:15:00Z'), 'Asia/Shanghai')).toBe(
      '2026-11-23T09:15:00+08:00',
    );
  });
});
