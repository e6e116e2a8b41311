// The engine's use cases: what the API, the workers and the operator's commands do, each a
// handler that locks, reads, calls the domain and stores. Services only wire them to queues and
// HTTP; no service imports another.

export { applySubjects } from './classify/apply-batch.ts';
export {
  applySubject,
  type ClassifierDeps,
  domainEventsOf,
  type FollowUps,
} from './classify/apply-subject.ts';
export { enqueueAllFollowUps, enqueueFollowUps } from './classify/follow-ups.ts';
export {
  type ReplayLine,
  type ReplayProgress,
  type ReplayResult,
  replay,
  subjectsOfPeriod,
} from './classify/replay.ts';
export {
  type CloseDeps,
  type CloseOutcome,
  closePeriod,
  PeriodNotEndedError,
} from './ledger/close-period.ts';
export { postPenalties } from './ledger/post-penalties.ts';
export { type ClosePreview, previewClose } from './ledger/preview-close.ts';
export { deliverWebhook, signatureOf } from './notify/deliver.ts';
export {
  checkCalendarCoverage,
  WARN_DAYS,
  watchCalendarCoverage,
} from './timers/calendar-watch.ts';
export { onTimer, rebuildTimers, type SweepResult, sweep } from './timers/timers.ts';
