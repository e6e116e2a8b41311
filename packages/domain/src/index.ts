// The rules core: pure functions of a policy pack, events and the instant of evaluation.

export { builtinCalendarData, builtinCalendars } from './calendar/builtin.ts';
export {
  type CalendarData,
  type CalendarYear,
  calendarDataSchema,
} from './calendar/calendar-data.ts';
export { STATUTORY_YEARS, statutoryHolidays } from './calendar/statutory-holidays.ts';
export {
  CalendarCoverageError,
  daysOff,
  loadCalendar,
  type MissingYear,
  WorkingCalendar,
  type WorkingDayMode,
  yearProblems,
} from './calendar/working-calendar.ts';
export {
  calendarYearOf,
  type HolidayEntry,
  holidayEntryOf,
  PROVISIONAL_SOURCE,
  provisionalArrangement,
  provisionalYearsToShow,
  type YearArrangementInput,
  yearArrangementInputSchema,
  yearArrangementProblems,
} from './calendar/year-arrangement.ts';
export {
  assessmentOf,
  enterpriseClass,
  OVER_LEVEL_ASSESSMENT,
  type Responsibility,
  responsibilities,
} from './classification/assessment.ts';
export { primarySlaType, slaTypesAtDispatch } from './classification/sla-type.ts';
export { isRepeatWithinWindow, type UpgradeReason, upgradeReasons } from './classification/upgrade.ts';
export { type DataProblem, PolicyDataError, pathToString } from './data-errors.ts';
export { type Clock, type ClockName, type ClockState, clockNames, clockStates } from './deadlines/clock.ts';
export { deadlineAfter, strictest, targetAfter } from './deadlines/deadline.ts';
export { deadlineWithExemptions } from './deadlines/exemptions.ts';
export {
  type DomainEvent,
  type EventOf,
  inApplicationOrder,
  openingEventOf,
  type PostedEvent,
  toDomainEvent,
} from './events/event.ts';
export {
  describeIssues,
  INSTANT_EXAMPLE,
  type IssueProblem,
  instantProblem,
  nearest,
} from './events/issues.ts';
export {
  canonicalEvent,
  canonicalInstant,
  type EventDifference,
  type EventParse,
  eventDifferences,
  NOT_AN_EVENT,
  parseEvent,
  withoutNulls,
} from './events/parse.ts';
export { policyProblems } from './events/policy-problems.ts';
export {
  type EventData,
  type EventType,
  eventDataSchemas,
  eventSchema,
  eventTypes,
  identifierSchema,
  instantSchema,
  openingTypeOf,
  overLevelBodies,
  type SubjectKind,
  subjectKindOf,
} from './events/schema.ts';
export {
  type ChargedParty,
  entryKey,
  type LedgerIntent,
  type PersonRole,
  parseLedgerIntents,
  personRoles,
} from './ledger/entry.ts';
export { type NewEntry, type PostedEntry, postingPeriod, reconcile } from './ledger/reconcile.ts';
export {
  callbackRateShortfalls,
  isUnfinishedAtEnd,
  periodEndRules,
} from './period/period-end.ts';
export { type PersonFinding, personFindingRanks, type Suspension } from './period/person-findings.ts';
export {
  casesRepricedByMove,
  type QuotaCase,
  quotaCaseOf,
  quotaPositionOf,
  quotaPositions,
} from './period/quota-positions.ts';
export { builtinPolicies, fuling2012Policy, gasUtility2020Policy } from './policy/builtin.ts';
export type { Duration } from './policy/duration.ts';
export {
  judgingPolicy,
  loadPolicyPack,
  NoPolicyInForceError,
  type Policy,
  policyInForce,
  timeZoneOf,
} from './policy/policy.ts';
export {
  calendarSettingOf,
  type PackLabels,
  type PolicyPack,
  policyPackSchema,
  type SlaTypeId,
  slaTypeIds,
} from './policy/schema.ts';
export { quotaInForce } from './pricing/quota.ts';
export { type HallOfDepartment, hallHeadFor, hallNamedBy, hallProblems } from './reference/halls.ts';
export { type CallbackEvaluation, type CallbackState, evaluateCallback } from './subjects/callback.ts';
export {
  type ComplaintContext,
  type ComplaintEvaluation,
  type ComplaintState,
  complaintQuotaFacts,
  evaluateComplaint,
} from './subjects/complaint.ts';
export { EvaluationError } from './subjects/evaluation-error.ts';
export { evaluateFault, type FaultContext, type FaultEvaluation, type FaultState } from './subjects/fault.ts';
export {
  evaluateFinding,
  type FindingContext,
  type FindingEvaluation,
  type FindingState,
} from './subjects/finding.ts';
export { parseStoredState, type StoredStateOf } from './subjects/stored-state.ts';
export {
  type IgnoredEvent,
  type Signal,
  type SignalKind,
  type SubjectEvaluation,
  signalKinds,
} from './subjects/subject.ts';
export {
  formatInstant,
  type Instant,
  instantFromMillis,
  isPeriod,
  nextPeriod,
  type Period,
  parseInstant,
  periodEnd,
  periodOf,
  periodStart,
} from './time.ts';
