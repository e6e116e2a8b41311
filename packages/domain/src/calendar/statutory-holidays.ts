import { Lunar } from 'lunar-typescript';

/**
 * The years statutoryHolidays projects: lunar-typescript's dates and Qingming terms were cross-checked against
 * chinese-days for all of them (statutory-holidays.test.ts); chinese-days' lunar table stops at 1900-2100.
 */
export const STATUTORY_YEARS = { first: 1901, last: 2099 } as const;

/**
 * The statutory public holidays of a Gregorian year under 《全国年节及纪念日放假办法》 as revised in 2024 (in
 * force from 2025-01-01), applied to every year: 13 days, or 12 when Mid-Autumn falls on 1-3 October.
 * No bridging days and no make-up working days: only the State Council's annual notice sets those.
 * Returns sorted, distinct ISO dates; throws a RangeError outside STATUTORY_YEARS.
 */
export function statutoryHolidays(year: number): string[] {
  if (!Number.isInteger(year) || year < STATUTORY_YEARS.first || year > STATUTORY_YEARS.last) {
    throw new RangeError(
      `statutory holidays are projected only for the years ${STATUTORY_YEARS.first}-${STATUTORY_YEARS.last}, not ${year}`,
    );
  }
  // The lunar year whose 1st month begins in Gregorian year `year` (between 21 January and 20 February).
  const newYear = Lunar.fromYmd(year, 1, 1);
  const lunar = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd();
  const days = [
    // New Year's Day
    `${year}-01-01`,
    // Spring Festival: the lunar new year's eve and the 1st-3rd days of the 1st lunar month
    newYear.next(-1).getSolar().toYmd(),
    lunar(1, 1),
    lunar(1, 2),
    lunar(1, 3),
    // Qingming: the day of the Qingming solar term
    newYear.getJieQiTable().清明!.toYmd(),
    // Labour Day
    `${year}-05-01`,
    `${year}-05-02`,
    // Dragon Boat Festival: the 5th day of the 5th lunar month
    lunar(5, 5),
    // Mid-Autumn Festival: the 15th day of the 8th lunar month
    lunar(8, 15),
    // National Day
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
  return [...new Set(days)].sort();
}
