export { startSlaTimer } from './start.ts';
