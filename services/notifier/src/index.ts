export { startNotifier } from './start.ts';
