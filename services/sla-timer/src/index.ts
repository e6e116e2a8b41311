export { startSlaTimer } from './start.ts';
export { onTimer, rebuildTimers, type SweepResult, sweep } from './timers.ts';
