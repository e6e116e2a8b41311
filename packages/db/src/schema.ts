import type { ColumnType, Generated } from 'kysely';

/** The schema as the code sees it: one interface per table (migrations/ holds the SQL). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EventIdsTable {
  id: string;
  seq: number;
  received_at: Timestamp;
  body_hash: Buffer;
}

/** 'waiting': nothing has opened the event's subject yet (migration 0007). */
export type EventStatusValue = 'pending' | 'waiting' | 'applied' | 'failed';

export interface EventsTable {
  seq: ColumnType<number, number | undefined, never>;
  id: string;
  type: string;
  subject_kind: string;
  subject_id: string;
  occurred_at: Timestamp;
  received_at: DefaultedTimestamp;
  data: ColumnType<unknown, string, string>;
  body_hash: Buffer;
  api_key_id: string | null;
  status: ColumnType<EventStatusValue, EventStatusValue | undefined>;
  error: string | null;
  applied_at: Timestamp | null;
  enqueued_at: Timestamp | null;
  attempted_at: Timestamp | null;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  manager_id: string | null;
  /** RULES.md 9: the policy family that judges the department's subjects; null: the engine's default. */
  policy_family: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: DefaultedTimestamp;
}

export interface HallsTable {
  id: string;
  department_id: string;
  name: string;
  head_id: string | null;
  updated_at: DefaultedTimestamp;
}

export interface PolicyVersionsTable {
  version: string;
  family: string;
  effective_from: ColumnType<Date, string, string>;
  body: ColumnType<unknown, string, string>;
  created_at: DefaultedTimestamp;
  first_used_at: Timestamp | null;
  /** Bumped when an unused version's body is replaced. */
  revision: ColumnType<number, number | undefined, number>;
}

export interface SubjectsTable {
  kind: string;
  id: string;
  department_id: string | null;
  hall_id: string | null;
  status: string | null;
  policy_version: string | null;
  opened_at: Timestamp | null;
  state: ColumnType<unknown, string | null, string | null>;
  updated_at: DefaultedTimestamp;
  desired_entries: ColumnType<unknown, string | undefined, string>;
  next_check_at: Timestamp | null;
  state_version: ColumnType<number, number | undefined, number>;
  ledger_version: ColumnType<number, number | undefined, number>;
  quota_assessment: string | null;
  quota_period: string | null;
  /** Complaints only: what the SLA summary groups by. */
  assessment: string | null;
  upgraded: boolean | null;
  /** Findings: the person charged and the rule (RULES.md 7: a person's findings of a year). */
  person_id: ColumnType<string | null, string | null | undefined, string | null>;
  finding_rule: ColumnType<string | null, string | null | undefined, string | null>;
  /** Callbacks: what the period's callback rate needs (RULES.md 6). */
  rate_period: ColumnType<string | null, string | null | undefined, string | null>;
  callback_kind: ColumnType<string | null, string | null | undefined, string | null>;
  counts_as_done: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Complaints: the SLA type and the hotline's summary (the console's board). */
  sla_type: ColumnType<string | null, string | null | undefined, string | null>;
  summary: ColumnType<string | null, string | null | undefined, string | null>;
  /** Calendar years the subject's deadlines need data for: used provisionally, or waited for. */
  calendar_needs: ColumnType<number[], number[] | undefined, number[]>;
}

export interface ClocksTable {
  subject_kind: string;
  subject_id: string;
  name: string;
  department_id: string;
  started_at: Timestamp;
  deadline: Timestamp;
  stopped_at: Timestamp | null;
  state: 'running' | 'met' | 'breached' | 'cancelled';
  breached_at: Timestamp | null;
  at_risk_from: Timestamp;
  provisional_years: ColumnType<number[], number[] | undefined, number[]>;
  updated_at: DefaultedTimestamp;
}

export interface CalendarsTable {
  id: string;
  name: string;
  time_zone: string;
  weekend: ColumnType<number[], number[], number[]>;
  created_at: DefaultedTimestamp;
}

/** Append-only: a year is replaced by storing its next revision. */
export interface CalendarYearsTable {
  calendar_id: string;
  year: number;
  revision: number;
  /** Dates and "from/to" ranges, as in the shipped file. */
  holidays: ColumnType<string[], string, never>;
  workdays: ColumnType<string[], string, never>;
  source: string;
  stored_by: string;
  stored_at: DefaultedTimestamp;
}

export interface PeriodsTable {
  period: string;
  /** `closing`: its period-end rules are running; entries may still be posted into it. */
  status: 'open' | 'closing' | 'closed';
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  entry_key: string;
  generation: number;
  reversal_of: number | null;
  period: string;
  origin_period: string;
  rule: string;
  policy_version: string;
  department_id: string;
  person_id: string | null;
  person_role: 'manager' | 'hall_head' | 'staff' | null;
  amount_fen: ColumnType<number, number, never>;
  source: string;
  subject_id: string;
  cause_event_id: string | null;
  posted_at: DefaultedTimestamp;
}

/** Kept by a trigger on ledger_entries: sums per month, department, party and rule ('' = none). */
export interface LedgerTotalsTable {
  period: string;
  department_id: string;
  person_id: string;
  person_role: string;
  rule: string;
  /** The posting backend's process id modulo 16 (0025): a group's total is the sum of its shards. */
  shard: ColumnType<number, never, never>;
  total_fen: ColumnType<string, never, never>;
  entries: ColumnType<string, never, never>;
  reversals: ColumnType<string, never, never>;
}

/** Kept by triggers on subjects and clocks: the SLA summary's counts, appended per day of dispatch, department and hall. */
export interface SlaDayCountsTable {
  day: ColumnType<Date, string, string>;
  department_id: string | null;
  hall_id: string | null;
  received: number;
  upgrades: number;
  over_level: number;
  fr_met: number;
  fr_breached: number;
  fr_running: number;
  res_met: number;
  res_breached: number;
  res_running: number;
  merged: ColumnType<boolean, boolean | undefined, boolean>;
}

/** sla_day_counts' merged rows summed per month (`day` is the month's first), kept by the fold. */
export type SlaMonthCountsTable = Omit<SlaDayCountsTable, 'merged'>;

/** The zone sla_day_counts cuts days in (one row). */
export interface SlaZoneTable {
  only_row: ColumnType<boolean, never, never>;
  zone: string;
}

export interface QuotasTable {
  department_id: string;
  period: string;
  assessment: string;
  quota: number;
  set_by: string | null;
  set_at: DefaultedTimestamp;
}

export type Role = 'ingest' | 'manager' | 'finance' | 'admin';
/** API.md, Auth: the roles a key may be limited to departments for; ingest and admin keys act for every department. */
export const departmentScopedRoles: readonly Role[] = ['manager', 'finance'];

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  role: Role;
  departments: string[] | null;
  key_hash: Buffer;
  prefix: string;
  created_at: DefaultedTimestamp;
  revoked_at: Timestamp | null;
}

/** A console session: a personal key signed in; the cookie holds the token, this table its hash. */
export interface ConsoleSessionsTable {
  token_hash: Buffer;
  api_key_id: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

/** People's names (managers, hall heads, staff), so pages and exports show names, not ids. */
export interface PeopleTable {
  id: string;
  name: string;
  updated_at: DefaultedTimestamp;
}

export interface SignalsTable {
  id: Generated<number>;
  subject_kind: string;
  subject_id: string;
  key: string;
  kind: string;
  at: Timestamp;
  department_id: string | null;
  detail: ColumnType<unknown, string | undefined, never>;
  recorded_at: DefaultedTimestamp;
}

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  url: string;
  secret: string;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  /** How deliveries are written and signed (migration 0022). */
  format: ColumnType<WebhookFormat, WebhookFormat | undefined, WebhookFormat>;
  created_at: DefaultedTimestamp;
  deleted_at: Timestamp | null;
}

export type WebhookFormat = 'standard' | 'dingtalk' | 'wecom';

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: string;
  signal_id: number;
  status: ColumnType<
    'pending' | 'delivered' | 'dead',
    'pending' | undefined,
    'pending' | 'delivered' | 'dead'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface Database {
  event_ids: EventIdsTable;
  events: EventsTable;
  departments: DepartmentsTable;
  halls: HallsTable;
  policy_versions: PolicyVersionsTable;
  subjects: SubjectsTable;
  clocks: ClocksTable;
  calendars: CalendarsTable;
  calendar_years: CalendarYearsTable;
  periods: PeriodsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_totals: LedgerTotalsTable;
  sla_day_counts: SlaDayCountsTable;
  sla_month_counts: SlaMonthCountsTable;
  sla_zone: SlaZoneTable;
  quotas: QuotasTable;
  api_keys: ApiKeysTable;
  console_sessions: ConsoleSessionsTable;
  people: PeopleTable;
  signals: SignalsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
