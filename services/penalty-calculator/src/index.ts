export { startPenaltyCalculator } from './start.ts';
