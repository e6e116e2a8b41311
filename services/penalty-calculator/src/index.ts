export { postPenalties } from './post-penalties.ts';
export { startPenaltyCalculator } from './start.ts';
