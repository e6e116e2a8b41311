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
  replayPeriod,
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
export { type AddressPolicy, literalAddressOf, refusalOf } from './notify/address-policy.ts';
export { type DeliveryContext, deliverWebhook } from './notify/deliver.ts';
export { markdownOf, signatureOf } from './notify/formats.ts';
export { refusalOfUrl } from './notify/guarded-post.ts';
export type { WebhookPayload } from './notify/payload.ts';
export { redactedUrl } from './notify/redact.ts';
export {
  checkCalendarCoverage,
  WARN_DAYS,
  watchCalendarCoverage,
} from './timers/calendar-watch.ts';
export { onTimer, rebuildTimers, type SweepResult, sweep } from './timers/timers.ts';
