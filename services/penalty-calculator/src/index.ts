export { type CloseDeps, type CloseOutcome, closePeriod, PeriodNotEndedError } from './close-period.ts';
export { postPenalties } from './post-penalties.ts';
export { startPenaltyCalculator } from './start.ts';
