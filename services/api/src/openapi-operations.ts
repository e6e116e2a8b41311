import { LEDGER_CSV_COLUMNS } from './routes/ledger.ts';

/** What the OpenAPI document says of one operation beyond its route's schema. */
export interface OperationDoc {
  /** Stable, camelCase: generated clients name their methods after it. */
  operationId: string;
  /** Each answer other than a problem, by status. */
  responses: Record<string, string>;
  /** Problem answers that mean something particular here (the common ones: problemAnswers). */
  problems?: Record<string, string>;
  requestExample?: unknown;
  /** The main (2xx) answer's example; `examples` for another status. */
  example?: unknown;
  examples?: Record<string, unknown>;
  /** Media types besides JSON an answer may come in (the ledger's spreadsheets). */
  otherContent?: Record<string, Record<string, { schema: Record<string, unknown>; example?: unknown }>>;
}

/** The problems most routes may answer, as the document describes them. */
export const problemAnswers: Record<string, string> = {
  400: 'Bad input: every problem is named in `errors`, and nothing of the request was stored',
  401: 'No API key, or one that is not known or was revoked',
  403: "The key's role or departments do not allow this",
  404: 'Not found (a key scoped to departments is never told whether another department has it)',
  409: 'Conflict with what is stored; nothing was changed',
};

const at = '2026-11-23T09:15:00+08:00';

const clock = {
  name: 'first_response',
  startedAt: at,
  deadline: '2026-11-23T11:15:00+08:00',
  state: 'running',
  remainingSeconds: 3_600,
  atRisk: false,
};

const fine = {
  id: '1042',
  period: '2026-11',
  originPeriod: '2026-11',
  rule: 'sla.first_response.late',
  policyVersion: 'cn-telecom-2026.1',
  departmentId: 'D-01',
  departmentName: '城区分公司',
  amountFen: 10_000,
  subjectId: 'TS20261123001',
  source: 'complaint',
  causeEventId: 'evt-20261123-0003',
  postedAt: '2026-11-23T11:15:01+08:00',
};

const personalFine = {
  ...fine,
  id: '1043',
  rule: 'window.finding',
  personId: 'P-1007',
  personRole: 'staff',
  personName: '李娜',
  amountFen: 5_000,
  subjectId: 'F-2026-118',
  source: 'finding',
  causeEventId: 'evt-20261120-0007',
};

const complaintEvent = {
  id: 'evt-20261123-0001',
  type: 'complaint.received',
  subjectId: 'TS20261123001',
  occurredAt: at,
  data: {
    departmentId: 'D-01',
    hallId: 'H-0101',
    channel: 'hotline',
    customer: { id: 'C-88231' },
    summary: '宽带频繁掉线，要求上门检修',
  },
};

const subject = {
  id: 'TS20261123001',
  departmentId: 'D-01',
  departmentName: '城区分公司',
  hallId: 'H-0101',
  hallName: '人民路营业厅',
  summary: '宽带频繁掉线，要求上门检修',
  status: 'open',
  policyVersion: 'cn-telecom-2026.1',
  responsibility: 'undetermined',
  assessment: 'ordinary',
  slaType: 'ordinary',
  upgraded: false,
  upgrade: null,
  clocks: [
    clock,
    { ...clock, name: 'resolution', deadline: '2026-11-25T09:15:00+08:00', remainingSeconds: 172_800 },
  ],
  fines: [],
  finesOutsideScope: 0,
  events: [{ id: complaintEvent.id, type: complaintEvent.type, occurredAt: at, status: 'applied' }],
  signals: [],
};

const department = {
  id: 'D-01',
  name: '城区分公司',
  managerId: 'P-1001',
  policyFamily: null,
  judgedBy: 'cn-telecom',
  updatedAt: at,
};
const hall = { id: 'H-0101', departmentId: 'D-01', name: '人民路营业厅', headId: 'P-1002', updatedAt: at };
const period = { period: '2026-10', status: 'closed', endsAt: '2026-11-01T00:00:00+08:00', closedAt: at };
const quotas = {
  departmentId: 'D-01',
  period: '2026-11',
  items: [
    { assessment: 'class4', quota: 3, source: 'set', setAt: at },
    { assessment: 'over_level', quota: null, source: 'policy' },
  ],
};
const policy = {
  version: 'cn-telecom-2026.1',
  family: 'cn-telecom',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  createdAt: '2025-12-20T10:00:00+08:00',
  firstUsedAt: '2026-01-01T08:03:11+08:00',
  revision: 1,
};
const calendarYear = {
  year: 2026,
  status: 'official',
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  holidays: ['2026-01-01', { from: '2026-02-15', to: '2026-02-23' }],
  workdays: ['2026-02-14', '2026-02-28'],
  revision: 1,
  storedBy: 'shipped file',
  storedAt: '2025-12-01T09:00:00+08:00',
};
const calendar = {
  id: 'cn-mainland',
  name: '中国大陆',
  timeZone: 'Asia/Shanghai',
  weekend: [6, 7],
  officialThrough: '2026-12-31',
  officialDaysLeft: 38,
  years: [
    calendarYear,
    {
      year: 2027,
      status: 'provisional',
      source: 'statutory holidays',
      holidays: [],
      workdays: [],
      subjectsCounting: 12,
    },
  ],
};
const tally = { met: 41, breached: 3, running: 6, onTimeRate: 0.932 };
const slaCounts = {
  complaintsReceived: 50,
  firstResponse: tally,
  resolution: { ...tally, met: 38, breached: 2, running: 10, onTimeRate: 0.95 },
  upgrades: 1,
  overLevel: 0,
};
const keyView = {
  id: '0b8f7d3e-2f4a-4c61-9d1e-7a2b5c9e0f13',
  name: 'hotline-gateway',
  role: 'ingest',
  departments: null,
  prefix: 'ek_live_3f9a',
  createdAt: at,
  revokedAt: null,
};
const session = {
  keyId: keyView.id,
  name: 'zhang.wei',
  role: 'manager',
  departments: [{ id: 'D-01', name: '城区分公司' }],
  expiresAt: '2026-11-23T21:15:00+08:00',
  serverTime: at,
};
const webhook = {
  id: '6a1c2d9e-5b7f-4e03-8c4a-1f2e3d4c5b6a',
  url: 'https://duty.example.cn/hooks/engine',
  kinds: ['warning', 'breach'],
  format: 'standard',
  createdAt: at,
};
const csvHeader = LEDGER_CSV_COLUMNS.join(',');

export const operationDocs: Record<string, OperationDoc> = {
  'GET /healthz': {
    operationId: 'getHealth',
    responses: { 200: 'The process is up' },
    example: { status: 'ok' },
  },
  'GET /readyz': {
    operationId: 'getReadiness',
    responses: { 200: 'Postgres and Redis answered', 503: 'Postgres or Redis did not answer: each says why' },
    example: { status: 'ready', postgres: 'ok', redis: 'ok' },
    examples: { 503: { status: 'not_ready', postgres: 'ok', redis: 'no answer within 1000 ms' } },
  },
  'GET /metrics': {
    operationId: 'getMetrics',
    responses: { 200: 'Prometheus text exposition: queues, events, breaches, fines, the process' },
    otherContent: {
      200: {
        'text/plain': {
          schema: { type: 'string' },
          example: '# TYPE engine_events_received_total counter\nengine_events_received_total 1024\n',
        },
      },
    },
  },
  'POST /v1/events': {
    operationId: 'postEvents',
    responses: { 202: 'Stored durably; each event accepted, or a duplicate of one posted before' },
    problems: {
      409: 'An event id was posted before with another body: `errors` names each field that differs; nothing was stored',
    },
    requestExample: {
      events: [
        complaintEvent,
        {
          id: 'evt-20261123-0002',
          type: 'complaint.first_replied',
          subjectId: complaintEvent.subjectId,
          occurredAt: '2026-11-23T10:02:00+08:00',
          data: {},
        },
      ],
    },
    example: {
      accepted: 1,
      duplicates: 1,
      results: [
        { id: 'evt-20261123-0001', status: 'duplicate' },
        { id: 'evt-20261123-0002', status: 'accepted' },
      ],
    },
  },
  'GET /v1/events': {
    operationId: 'listWaitingEvents',
    responses: { 200: 'A page of waiting events, oldest first' },
    example: {
      items: [
        {
          id: 'evt-20261123-0009',
          type: 'fault.restored',
          subjectKind: 'fault',
          subjectId: 'GZ-778',
          occurredAt: at,
          receivedAt: '2026-11-23T09:15:02+08:00',
          ageSeconds: 58,
          reason: "waiting for the subject's fault.reported: nothing has opened fault GZ-778 yet",
        },
      ],
      nextCursor: null,
    },
  },
  'GET /v1/events/{id}': {
    operationId: 'getEventStatus',
    responses: { 200: "The event's status" },
    example: { id: 'evt-20261123-0001', status: 'applied' },
  },
  'GET /v1/complaints/{id}': {
    operationId: 'getComplaint',
    responses: { 200: 'The complaint: its state, clocks, fines and events' },
    example: subject,
  },
  'GET /v1/faults/{id}': {
    operationId: 'getFault',
    responses: { 200: 'The fault: its state, repair clock, fines and events' },
    example: {
      ...subject,
      id: 'GZ-778',
      summary: undefined,
      responsibility: undefined,
      assessment: undefined,
      slaType: undefined,
      kind: 'urban',
      clocks: [{ ...clock, name: 'repair', deadline: '2026-11-24T09:15:00+08:00', remainingSeconds: 86_400 }],
      events: [{ id: 'evt-20261123-0008', type: 'fault.reported', occurredAt: at, status: 'applied' }],
    },
  },
  'GET /v1/callbacks/{id}': {
    operationId: 'getCallback',
    responses: { 200: 'The callback: its clock, fines and events' },
    example: {
      ...subject,
      id: 'HF-3301',
      summary: undefined,
      responsibility: undefined,
      assessment: undefined,
      slaType: undefined,
      upgraded: undefined,
      upgrade: undefined,
      hallId: null,
      hallName: null,
      kind: 'new_install',
      clocks: [
        { ...clock, name: 'callback', deadline: '2026-11-26T09:15:00+08:00', remainingSeconds: 259_200 },
      ],
      events: [{ id: 'evt-20261123-0011', type: 'callback.opened', occurredAt: at, status: 'applied' }],
    },
  },
  'GET /v1/findings/{id}': {
    operationId: 'getFinding',
    responses: { 200: 'The finding: its rule, person, rank in the year and fine' },
    example: {
      ...subject,
      id: 'F-2026-118',
      summary: undefined,
      responsibility: undefined,
      assessment: undefined,
      slaType: undefined,
      upgraded: undefined,
      upgrade: undefined,
      status: 'recorded',
      rule: 'window.finding',
      personId: 'P-1007',
      personName: '李娜',
      relatedId: null,
      recordedAt: '2026-11-20T15:30:00+08:00',
      rankInYear: 2,
      suspends: false,
      clocks: [],
      fines: [personalFine],
      events: [
        {
          id: 'evt-20261120-0007',
          type: 'finding.recorded',
          occurredAt: '2026-11-20T15:30:00+08:00',
          status: 'applied',
        },
      ],
    },
  },
  'GET /v1/clocks': {
    operationId: 'listClocks',
    responses: { 200: 'A page of clocks, nearest deadline first' },
    example: {
      items: [
        {
          ...clock,
          subjectKind: 'complaint',
          subjectId: subject.id,
          departmentId: 'D-01',
          departmentName: '城区分公司',
          hallId: 'H-0101',
          hallName: '人民路营业厅',
          slaType: 'ordinary',
          summary: subject.summary,
        },
      ],
      nextCursor: 'eyJkIjoiMjAyNi0xMS0yM1QwMzoxNTowMC4wMDBaIn0',
    },
  },
  'GET /v1/ledger': {
    operationId: 'listLedgerEntries',
    responses: { 200: 'A page of ledger entries (JSON), or the whole selection as CSV or an .xlsx workbook' },
    example: { items: [{ ...fine, hallId: 'H-0101', hallName: '人民路营业厅' }], nextCursor: null },
    otherContent: {
      200: {
        'text/csv': {
          schema: {
            type: 'string',
            description: 'UTF-8 with a BOM, a header row, amounts in yuan with two decimals',
          },
          example: `\ufeff${csvHeader}\n1042,2026-11,2026-11,sla.first_response.late,cn-telecom-2026.1,D-01,城区分公司,,,100.00,TS20261123001,complaint,evt-20261123-0003,,2026-11-23T11:15:01+08:00\n`,
        },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: {
            type: 'string',
            format: 'binary',
            description: 'The same rows as the CSV as a workbook, with a totals sheet',
          },
        },
      },
    },
  },
  'GET /v1/sla/summary': {
    operationId: 'getSlaSummary',
    responses: { 200: "The month's counts per department or hall" },
    example: {
      period: '2026-11',
      groupBy: 'department',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
      items: [{ departmentId: 'D-01', departmentName: '城区分公司', ...slaCounts }],
    },
  },
  'GET /v1/sla/trend': {
    operationId: 'getSlaTrend',
    responses: { 200: 'The counts of each month, oldest first' },
    example: {
      items: [
        { period: '2026-10', ...slaCounts },
        { period: '2026-11', ...slaCounts, complaintsReceived: 47 },
      ],
    },
  },
  'GET /v1/ledger/summary': {
    operationId: 'getLedgerSummary',
    responses: { 200: "The period's totals in fen per group" },
    example: {
      period: '2026-11',
      groupBy: 'department',
      totalFen: 35_000,
      items: [
        { departmentId: 'D-01', departmentName: '城区分公司', totalFen: 35_000, entries: 5, reversals: 1 },
      ],
    },
  },
  'PUT /v1/departments/{id}': {
    operationId: 'putDepartment',
    responses: { 200: 'The department, updated', 201: 'The department, created' },
    requestExample: { name: '城区分公司', managerId: 'P-1001' },
    example: department,
  },
  'GET /v1/departments': {
    operationId: 'listDepartments',
    responses: { 200: 'The departments, or with unknown=true the ids never defined' },
    example: {
      items: [
        department,
        {
          id: 'D-99',
          name: null,
          known: false,
          subjects: 4,
          firstSeenAt: '2026-11-02T08:00:00+08:00',
          lastSeenAt: at,
          chargedFen: 20_000,
        },
      ],
    },
  },
  'PUT /v1/halls/{id}': {
    operationId: 'putHall',
    responses: { 200: 'The hall, updated', 201: 'The hall, created' },
    requestExample: { departmentId: 'D-01', name: '人民路营业厅', headId: 'P-1002' },
    example: hall,
  },
  'GET /v1/halls': {
    operationId: 'listHalls',
    responses: { 200: 'The business halls' },
    example: { items: [hall] },
  },
  'PUT /v1/quotas/{departmentId}/{period}': {
    operationId: 'putQuotas',
    responses: { 200: "The month's quotas, and how many cases were evaluated again" },
    requestExample: { class4: 3 },
    example: { ...quotas, casesRepriced: 7 },
  },
  'GET /v1/quotas/{departmentId}/{period}': {
    operationId: 'getQuotas',
    responses: { 200: "The month's quotas, each set by finance or the policy's default" },
    example: quotas,
  },
  'GET /v1/policies': {
    operationId: 'listPolicies',
    responses: { 200: 'The stored versions and the families' },
    example: {
      items: [policy],
      families: [{ family: 'cn-telecom', isDefault: true, departments: ['D-01'] }],
    },
  },
  'GET /v1/policies/{version}': {
    operationId: 'getPolicy',
    responses: { 200: 'The version with its pack' },
    example: {
      ...policy,
      pack: { version: policy.version, family: policy.family, timeZone: 'Asia/Shanghai' },
    },
  },
  'PUT /v1/policies/{version}': {
    operationId: 'putPolicy',
    responses: { 200: 'The version, replaced (no subject had used it)', 201: 'The version, stored' },
    problems: {
      409: 'A subject already used this version: it is immutable; store the change under a new version',
    },
    requestExample: {
      version: 'cn-telecom-2027.1',
      family: 'cn-telecom',
      effectiveFrom: '2027-01-01T00:00:00+08:00',
      timeZone: 'Asia/Shanghai',
    },
    example: {
      ...policy,
      version: 'cn-telecom-2027.1',
      effectiveFrom: '2027-01-01T00:00:00+08:00',
      createdAt: at,
      firstUsedAt: null,
    },
  },
  'GET /v1/calendars': {
    operationId: 'listCalendars',
    responses: { 200: 'The calendars' },
    example: { items: [calendar] },
  },
  'GET /v1/calendars/{calendarId}': {
    operationId: 'getCalendar',
    responses: { 200: 'The calendar and the revisions its years replaced' },
    example: { ...calendar, history: [] },
  },
  'PUT /v1/calendars/{calendarId}/years/{year}': {
    operationId: 'putCalendarYear',
    responses: { 200: 'The year as stored, and how many subjects are evaluated again on it' },
    requestExample: {
      holidays: calendarYear.holidays,
      workdays: calendarYear.workdays,
      source: calendarYear.source,
    },
    example: { ...calendarYear, revision: 2, storedBy: 'admin-zhang', storedAt: at, reevaluating: 12 },
  },
  'GET /v1/people': {
    operationId: 'listPeople',
    responses: { 200: 'The people, with their names, departments and roles' },
    example: { items: [{ id: 'P-1007', name: '李娜', departmentIds: ['D-01'], roles: ['staff'] }] },
  },
  'PUT /v1/people/{personId}': {
    operationId: 'putPerson',
    responses: { 200: 'The person, renamed', 201: 'The person, named' },
    requestExample: { name: '李娜' },
    example: { id: 'P-1007', name: '李娜' },
  },
  'GET /v1/people/{personId}': {
    operationId: 'getPerson',
    responses: { 200: "The person's year: findings, fines, rank and suspension" },
    example: {
      personId: 'P-1007',
      name: '李娜',
      year: 2026,
      suspended: false,
      suspendedSince: null,
      totalFen: 5_000,
      findings: [
        {
          id: 'F-2026-118',
          rule: 'window.finding',
          departmentId: 'D-01',
          hallId: 'H-0101',
          recordedAt: '2026-11-20T15:30:00+08:00',
          rankInYear: 2,
          suspends: false,
          policyVersion: 'cn-telecom-2026.1',
          fineFen: 5_000,
          fines: [personalFine],
        },
      ],
    },
  },
  'POST /v1/periods/{period}/close': {
    operationId: 'closePeriod',
    responses: { 200: 'The month, closed: what its period-end rules posted' },
    problems: {
      409: 'The month has not ended: the problem says when it ends, and it can be closed from then on',
    },
    example: {
      ...period,
      alreadyClosed: false,
      faultsAssessed: 12,
      entriesPosted: 1,
      entries: [
        {
          ...fine,
          id: '2001',
          rule: 'callback.rate_shortfall',
          period: '2026-10',
          originPeriod: '2026-10',
          subjectId: 'D-01/2026-10',
          source: 'period',
          causeEventId: undefined,
        },
      ],
    },
  },
  'GET /v1/periods/{period}/close-preview': {
    operationId: 'previewPeriodClose',
    responses: { 200: 'What closing the month would post; nothing is posted' },
    problems: { 409: 'The month has not ended: the problem says when it ends' },
    example: {
      ...period,
      status: 'open',
      closedAt: null,
      alreadyClosed: false,
      faultsAssessed: 12,
      totalFen: 20_000,
      entries: [
        {
          rule: 'callback.rate_shortfall',
          departmentId: 'D-01',
          departmentName: '城区分公司',
          personId: null,
          personRole: null,
          subjectId: 'D-01/2026-10',
          source: 'period',
          originPeriod: '2026-10',
          period: '2026-10',
          amountFen: 20_000,
          reversalOf: null,
          policyVersion: 'cn-telecom-2026.1',
        },
      ],
    },
  },
  'GET /v1/periods': {
    operationId: 'listPeriods',
    responses: { 200: 'The closed and closing months' },
    example: { items: [period] },
  },
  'GET /v1/periods/{period}': {
    operationId: 'getPeriod',
    responses: { 200: 'The month and its status' },
    example: period,
  },
  'POST /v1/session': {
    operationId: 'createSession',
    responses: { 201: 'Signed in: the session cookie is set' },
    requestExample: { key: 'ek_live_3f9a…' },
    example: session,
  },
  'GET /v1/session': { operationId: 'getSession', responses: { 200: 'Who is signed in' }, example: session },
  'DELETE /v1/session': {
    operationId: 'deleteSession',
    responses: { 204: 'Signed out: the cookie is cleared' },
    problems: {
      403: 'Signed in by cookie, but the request did not come from the console (its Origin did not match)',
    },
  },
  'GET /v1/keys': {
    operationId: 'listKeys',
    responses: { 200: 'The keys, newest first' },
    example: { items: [keyView] },
  },
  'POST /v1/keys': {
    operationId: 'createKey',
    responses: { 201: 'The key, with the secret itself: shown this once' },
    requestExample: { name: 'hotline-gateway', role: 'ingest' },
    example: { ...keyView, key: 'ek_live_3f9a6c2e9b1d4f7a8e0c5b3d2a1f9e8d' },
  },
  'DELETE /v1/keys/{id}': {
    operationId: 'revokeKey',
    responses: { 204: 'Revoked' },
    problems: { 409: 'The last active admin key: issue another admin key first' },
  },
  'GET /v1/labels': {
    operationId: 'getLabels',
    responses: { 200: "The packs' names for their codes" },
    example: {
      rules: { 'sla.first_response.late': { zh: '首次响应超时', en: 'First response late' } },
      faultKinds: { urban: { zh: '城市', en: 'Urban' } },
      callbackKinds: { new_install: { zh: '新装', en: 'New installation' } },
      exemptionCauses: { cable_cut: { zh: '光缆中断', en: 'Cable cut' } },
      families: {
        'cn-telecom': {
          rules: { 'sla.first_response.late': { zh: '首次响应超时', en: 'First response late' } },
          faultKinds: { urban: { zh: '城市', en: 'Urban' } },
          callbackKinds: { new_install: { zh: '新装', en: 'New installation' } },
          exemptionCauses: { cable_cut: { zh: '光缆中断', en: 'Cable cut' } },
        },
      },
      versions: { 'cn-telecom-2026.1': 'cn-telecom' },
    },
  },
  'GET /v1/stream': {
    operationId: 'streamSignals',
    responses: { 200: 'A text/event-stream; each data line is one of these' },
    example: {
      id: '5521',
      kind: 'warning',
      subjectKind: 'complaint',
      subjectId: subject.id,
      departmentId: 'D-01',
      departmentName: '城区分公司',
      hallId: 'H-0101',
      hallName: '人民路营业厅',
      summary: subject.summary,
      slaType: 'ordinary',
      clock: 'first_response',
      fraction: 0.8,
      state: 'running',
      deadline: clock.deadline,
      provisional: false,
      detail: null,
      at: '2026-11-23T10:51:00+08:00',
      url: 'http://127.0.0.1:3000/console/#/complaints/TS20261123001',
    },
  },
  'POST /v1/webhooks': {
    operationId: 'createWebhook',
    responses: { 201: 'Subscribed (a generated secret is answered this once)' },
    requestExample: { url: 'https://duty.example.cn/hooks/engine', kinds: ['warning', 'breach'] },
    example: { ...webhook, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  },
  'GET /v1/webhooks': {
    operationId: 'listWebhooks',
    responses: { 200: 'The subscriptions' },
    example: { items: [webhook] },
  },
  'DELETE /v1/webhooks/{id}': {
    operationId: 'deleteWebhook',
    responses: { 204: 'Unsubscribed; its pending deliveries are dropped' },
  },
  'POST /v1/admin/timers/rebuild': {
    operationId: 'rebuildTimers',
    responses: { 202: 'The timers re-armed from Postgres' },
    example: { timers: 1_284 },
  },
};
