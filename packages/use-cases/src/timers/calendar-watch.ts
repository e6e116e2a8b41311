import { type Db, loadStoredCalendars, recordSignals } from '@engine/db';
import { parseInstant } from '@engine/domain';
import type { Producer } from '@engine/queue';
import type { Logger } from 'pino';

/** Below this many days of official holiday data the engine warns in its log, daily. */
export const WARN_DAYS = 60;
/** Below this many it also signals `calendar.expiring` to webhooks, daily. */
export const SIGNAL_DAYS = 45;

export interface CalendarCoverage {
  calendarId: string;
  daysLeft: number;
}

/**
 * Loud before the cliff (RULES.md 3): past its official data a calendar counts provisionally, so an
 * operator must store the next year's State Council notice in time. Logs a warning under WARN_DAYS
 * and records a `calendar.expiring` signal under SIGNAL_DAYS, once per calendar and local day
 * (signals are unique by key, so any number of timer processes send one).
 */
export async function checkCalendarCoverage(
  db: Db,
  producer: Producer,
  log: Logger,
  now: Date,
): Promise<CalendarCoverage[]> {
  const at = parseInstant(now.toISOString());
  const coverage: CalendarCoverage[] = [];
  for (const calendar of (await loadStoredCalendars(db)).values()) {
    const daysLeft = calendar.officialDaysLeft(at);
    coverage.push({ calendarId: calendar.id, daysLeft });
    if (daysLeft >= WARN_DAYS) continue;
    const today = at.setZone(calendar.timeZone).toISODate()!;
    const nextYear = at.setZone(calendar.timeZone).plus({ days: daysLeft }).year;
    log.warn(
      { calendarId: calendar.id, daysLeft, nextYear },
      `calendar ${calendar.id} has official holiday data for ${daysLeft} more days; deadlines in ${nextYear} are counted provisionally until its State Council notice is stored (./scripts/engine.sh calendar import, or PUT /v1/calendars/${calendar.id}/years/${nextYear})`,
    );
    if (daysLeft >= SIGNAL_DAYS) continue;
    const deliveries = await db.transaction().execute((trx) =>
      recordSignals(trx, [
        {
          subjectKind: 'calendar',
          subjectId: calendar.id,
          key: `expiring:${today}`,
          kind: 'calendar.expiring',
          at: now,
          departmentId: null,
          detail: { calendarId: calendar.id, daysLeft, provisionalFrom: `${nextYear}-01-01`, nextYear },
        },
      ]),
    );
    await producer.deliver(deliveries);
  }
  return coverage;
}

const DAY_MS = 86_400_000;

/** Checks at start, then daily; a failed check is logged and tried again an hour later. */
export function watchCalendarCoverage(db: Db, producer: Producer, log: Logger, now: () => Date): () => void {
  let timer: NodeJS.Timeout;
  const check = (): void => {
    checkCalendarCoverage(db, producer, log, now())
      .then(() => {
        timer = setTimeout(check, DAY_MS);
      })
      .catch((err) => {
        log.warn({ err }, 'calendar coverage check failed; trying again in an hour');
        timer = setTimeout(check, DAY_MS / 24);
      });
  };
  check();
  return () => clearTimeout(timer);
}
