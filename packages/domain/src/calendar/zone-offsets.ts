import { IANAZone } from 'luxon';

const BUCKET_MS = 3_600_000;

/**
 * UTC offsets of one IANA zone, memoised per hour: the calendar converts instants to local dates
 * thousands of times per evaluation, and asking Intl each time dominated the cost. A bucket whose
 * offset differs at its two ends holds a transition, and is answered exactly instead.
 */
export class ZoneOffsets {
  readonly #zone: IANAZone;
  readonly #buckets = new Map<number, number | null>();

  constructor(timeZone: string) {
    this.#zone = IANAZone.create(timeZone);
  }

  /** The zone's offset from UTC at a UTC instant, in milliseconds. */
  offsetMs(utcMs: number): number {
    const bucket = Math.floor(utcMs / BUCKET_MS);
    let constant = this.#buckets.get(bucket);
    if (constant === undefined) {
      const start = this.#zone.offset(bucket * BUCKET_MS);
      const end = this.#zone.offset((bucket + 1) * BUCKET_MS - 1);
      constant = start === end ? start * 60_000 : null;
      this.#buckets.set(bucket, constant);
    }
    return constant ?? this.#zone.offset(utcMs) * 60_000;
  }

  /** The UTC instant of a local wall-clock time (expressed as milliseconds on a UTC scale); in a DST gap, the later offset wins. */
  utcOfLocal(localMs: number): number {
    const guess = localMs - this.offsetMs(localMs);
    return localMs - this.offsetMs(guess);
  }
}
