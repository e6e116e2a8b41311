export { checkCalendarCoverage, SIGNAL_DAYS, WARN_DAYS } from './calendar-watch.ts';
export { startSlaTimer } from './start.ts';
export { onTimer, rebuildTimers, type SweepResult, sweep } from './timers.ts';
