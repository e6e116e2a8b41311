export { applySubject, type ClassifierDeps, type FollowUps } from './apply-subject.ts';
export { type ReplayLine, type ReplayResult, replay, subjectsOfPeriod } from './replay.ts';
export { enqueueFollowUps, startClassifier } from './start.ts';
