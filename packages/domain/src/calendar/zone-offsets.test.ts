import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneOffsets } from './zone-offsets.ts';

describe('the memoised zone offsets agree with the time-zone database exactly', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe'])(
    '%s, at any instant 2020-2030',
    (zone) => {
      const offsets = new ZoneOffsets(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
          expect(offsets.offsetMs(ms)).toBe(DateTime.fromMillis(ms, { zone }).offset * 60_000);
        }),
        { numRuns: 2_000 },
      );
    },
  );

  it('finds the instant of a local wall-clock time, on both sides of a DST change', () => {
    const berlin = new ZoneOffsets('Europe/Berlin');
    const local = (iso: string) => Date.parse(`${iso}Z`);
    expect(new Date(berlin.utcOfLocal(local('2026-03-29T01:30:00'))).toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(new Date(berlin.utcOfLocal(local('2026-03-29T03:30:00'))).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(berlin.utcOfLocal(local('2026-07-01T12:00:00'))).toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
  });
});
