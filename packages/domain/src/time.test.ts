import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatInstant, isPeriod } from './time.ts';

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

describe('an instant in local mean time (before 1901) is still RFC 3339', () => {
  it('takes the nearest whole-minute offset and names the same instant', () => {
    const at = Date.parse('1800-01-31T15:54:17Z');
    const text = formatInstant(at, 'Asia/Shanghai');
    expect(text).toBe('1800-02-01T00:00:17+08:06');
    expect(Date.parse(text)).toBe(at);
  });
});

describe('isPeriod: a month of the years the calendars count', () => {
  it('takes 1901-01 to 2099-12 and nothing outside', () => {
    expect(['1901-01', '2026-11', '2099-12'].map(isPeriod)).toEqual([true, true, true]);
    expect(['0000-01', '1900-12', '2100-01', '9999-12', '2026-13', '2026-1'].map(isPeriod)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
