export { applySubject, type ClassifierDeps, type FollowUps } from './apply-subject.ts';
export { enqueueFollowUps, startClassifier } from './start.ts';
