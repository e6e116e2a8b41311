export { startClassifier } from './start.ts';
