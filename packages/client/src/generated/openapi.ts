// Generated from the served OpenAPI document by services/api/src/generate-client-types.ts; do not edit.

export interface paths {
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Postgres and Redis are reachable */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events waiting for their subject's opening event (status=waiting), oldest first
         * @description An event whose subject nothing has opened yet (a fault.restored with no fault.reported) waits; it is applied as soon as the opening event arrives. Keyset pagination: follow nextCursor.
         */
        get: operations["listWaitingEvents"];
        put?: never;
        /**
         * Post one event, or an atomic batch of up to 1,000
         * @description An id names one event: re-sending it is a duplicate (instants may be written in any offset, keys in any order); the same id with another body is a 409 naming the fields that differ. An optional field sent as null is absent.
         */
        post: operations["postEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the workers have applied an event, or why it waits */
        get: operations["getEventStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook subscriptions */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a URL to signals (warnings, breaches, upgrades, over-level complaints, suspensions, a calendar running out of official holiday data)
         * @description `standard` (the default): a JSON POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; a `whsec_` secret is generated when none is given and answered once) and, as before, X-Engine-Signature: sha256=HMAC-SHA256(secret, body). `dingtalk`: a DingTalk custom robot markdown message, signed with its 加签 secret (timestamp and sign query parameters). `wecom`: a WeCom group robot markdown message (the key in the URL; no secret). Retried with backoff; a delivery that keeps failing is recorded dead. Loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true, link-local and cloud metadata addresses always, checked again at each delivery.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unsubscribe */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/timers/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load into Redis, from Postgres, the SLA timers due within the horizon (after a Redis loss; later ones are loaded as they come near) */
        post: operations["rebuildTimers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/complaints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One complaint: its state, clocks, fines and events */
        get: operations["getComplaint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/faults/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One fault: its state, clocks, fines and events */
        get: operations["getFault"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One callback: its state, clocks, fines and events */
        get: operations["getCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One finding: its state, clocks, fines and events */
        get: operations["getFinding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live list of clocks, by deadline; at_risk = running and past the at-risk fraction of the policy */
        get: operations["listClocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ledger entries in posting order, reversals included; format=csv (or Accept: text/csv) or format=xlsx for a spreadsheet
         * @description format=xlsx: the same rows as the CSV as an .xlsx workbook: Chinese headers, rule names from the pack in Chinese, department, hall and person names, amounts in yuan as numbers (0.00; reversals negative, in red, naming the entry they cancel), work-order and staff numbers as text cells, posting times as date cells in the policy zone, a total row, and a sheet of totals by department, rule and person.
         */
        get: operations["listLedgerEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sla/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per department (or hall): the month's complaints, their clocks met / breached / running, upgrades
         * @description Counts the complaints dispatched in the month (cancelled ones excluded), with the state of their first-response and resolution clocks now.
         */
        get: operations["getSlaSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sla/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Month by month up to a month (12 by default): the same counts as the SLA summary, totalled */
        get: operations["getSlaTrend"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals in fen of the entries posted into a period, by department, person or rule
         * @description Reversals are netted into the totals. By person: personal fines only, to a named person or, where none was named, to the role in the department.
         */
        get: operations["getLedgerSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or update a department; its manager takes the manager personal fines
         * @description Fines already posted stay with whoever they were charged to; a complaint evaluated again later charges the manager named then. policyFamily (RULES.md 9) names the policy family that judges the department's new complaints, faults, callbacks and findings (null: the engine's default; absent: unchanged); a subject keeps the version frozen at its dispatch.
         */
        put: operations["putDepartment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The departments (a manager key: its own); ?unknown=true: ids seen in events but never defined
         * @description An event naming a department nobody defined is never dropped: it is judged and fined like any other. unknown=true lists those ids with how many subjects name them and what they were charged, so an admin can name them (PUT /v1/departments/{id}).
         */
        get: operations["listDepartments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/halls/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update a business hall; its head takes the hall-head personal fines */
        put: operations["putHall"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/halls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The business halls (a manager key: those of its departments) */
        get: operations["listHalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{departmentId}/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A department's quotas for a month: set by finance, or the policy's default */
        get: operations["getQuotas"];
        /**
         * Set a department's quotas for a month; its cases are re-priced
         * @description RULES.md 2.4. Each key is a quota of the department's pack (the default pack: `class4`, `over_level`), its value the number of cases allowed in the month. Every case counted in a changed quota is evaluated again, so the ledger re-prices the month; corrections of a closed month go into the next open one.
         */
        put: operations["putQuotas"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored policy versions, and which departments each family judges (RULES.md 9) */
        get: operations["listPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One policy version, with its pack */
        get: operations["getPolicy"];
        /**
         * Store a policy pack under its version (validated; immutable once a subject used it)
         * @description The body is a whole pack, as the engine's packs/fuling-2012.json. A new version answers 201; an unused one is replaced (200); a version a subject was judged by answers 409. A subject takes the version of its family in force at its dispatch.
         */
        put: operations["putPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The working-day calendars: each year official or provisional, and the days of official data left */
        get: operations["listCalendars"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{calendarId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One calendar, with the replaced revisions of its years */
        get: operations["getCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{calendarId}/years/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store a year's official arrangement (holidays and make-up working days)
         * @description Validated like the shipped calendar file: a year of 1901-2099, each date in its year, ranges in order, make-up working days on weekend days, no day listed twice or both off and working; one 400 names every problem. The year replaces any earlier revision (kept as history); the same arrangement sent again changes nothing. Subjects whose deadlines counted on the year, provisionally or by waiting for it, are evaluated again within seconds; fines that no longer stand are reversed and new ones posted.
         */
        put: operations["putCalendarYear"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people the engine knows of (a manager key: those seen in its departments), with their names */
        get: operations["listPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{personId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's findings of a year, with their fines and rank, and whether suspended (RULES.md 7)
         * @description The year is a calendar year in the policy's zone (default: the current one). A manager limited to departments sees the findings of those departments only.
         */
        get: operations["getPerson"];
        /** Name a person (a manager, hall head or staff member), so pages and spreadsheets show the name */
        put: operations["putPerson"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/periods/{period}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a month: run its period-end rules, then lock it
         * @description Prices the faults overdue and not restored at the month end as unfinished, posts the callback-rate shortfalls (one entry per department and callback kind), then locks the month; the answer lists those entries: later corrections of it go into the next open month, naming their origin. Closing again answers the same with alreadyClosed: true. A month that has not ended is refused (409). A close that was interrupted is finished by calling it again.
         */
        post: operations["closePeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/periods/{period}/close-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A dry run of closing a month: what its period-end rules would post, posting nothing
         * @description Runs the period-end rules exactly as POST /v1/periods/{period}/close would (unfinished faults, callback-rate shortfalls) inside a transaction that is rolled back: the ledger and the month stay as they are. A month that has not ended is refused (409), as the close is.
         */
        get: operations["previewPeriodClose"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The months that were closed or are closing (every other month is open) */
        get: operations["listPeriods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/periods/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a month is open, closing or closed */
        get: operations["getPeriod"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in: the key's name, role and departments (by cookie or bearer key) */
        get: operations["getSession"];
        put?: never;
        /**
         * Sign in to the console with a personal key: sets an HttpOnly, SameSite=Strict session cookie
         * @description The key is checked like a bearer key; the answer sets the engine_session cookie, which the API then accepts in place of the Authorization header, for SESSION_HOURS or until sign-out or the key is revoked. Requests that change state with the cookie must carry the console's Origin.
         */
        post: operations["createSession"];
        /** Sign out: ends the session and clears its cookie */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every key, newest first, revoked ones included (never the key itself) */
        get: operations["listKeys"];
        put?: never;
        /**
         * Issue a personal key: a name, a role and (managers) the departments it may see
         * @description The answer holds the key in clear, once; only its hash is stored. A manager key without departments sees every department.
         */
        post: operations["createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key: its bearer use and every console session signed in with it end */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The packs' names for their codes, in Chinese and English: rules, fault kinds, callback kinds, exemption causes
         * @description From the `labels` section of each policy pack in force. The top-level maps merge every family, the default family winning where two name the same code; `families` has each family's own. A code no pack names is absent: show the code.
         */
        get: operations["getLabels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live signals as server-sent events (text/event-stream), scoped like the views
         * @description Each event is `event: <kind>` with a JSON `data:` line (the shape below) and, for signals, an `id:`; send the last one back as the Last-Event-ID header (or ?after=) to receive what was missed. Kinds: warning, breach, upgrade, over_level, suspension, calendar.expiring, and restored (a clock stopped, was cancelled or had its breach undone: live only, no id). A comment line every 15 s keeps the connection open.
         */
        get: operations["streamSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description One event: the envelope (id, type, subjectId, occurredAt) with the data of its type */
        EventInput: {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.received";
            data: {
                departmentId: string;
                hallId?: string | null;
                channel?: ("hotline" | "hall" | "letter" | "visit" | "online") | null;
                customer?: {
                    id: string;
                    group?: {
                        tier: string;
                    } | null;
                } | null;
                overLevel?: {
                    /** @enum {string} */
                    body: "miit_appeal" | "comms_admin" | "government" | "cppcc" | "npc" | "aic" | "price_bureau" | "consumer_association" | "municipal_media" | "provincial_branch";
                    /** @enum {number} */
                    controlLevel: 1 | 2;
                    priorComplaintToDepartment: boolean;
                    interceptionAttempted: boolean;
                } | null;
                repeatOf?: string | null;
                overLevelTendency?: boolean | null;
                summary?: string | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.first_replied";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.reply_rejected";
            data: {
                reason?: string | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.resolved";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.reopened";
            data: {
                reason?: string | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.responsibility_set";
            data: {
                /** @enum {string} */
                responsibility: "enterprise" | "non_enterprise";
                criteria?: string[] | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.escalated";
            data: {
                overLevel: {
                    /** @enum {string} */
                    body: "miit_appeal" | "comms_admin" | "government" | "cppcc" | "npc" | "aic" | "price_bureau" | "consumer_association" | "municipal_media" | "provincial_branch";
                    /** @enum {number} */
                    controlLevel: 1 | 2;
                    priorComplaintToDepartment: boolean;
                    interceptionAttempted: boolean;
                };
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.tendency_flagged";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.intercepted";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "complaint.cancelled";
            data: {
                reason: string;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "fault.reported";
            data: {
                departmentId: string;
                hallId?: string | null;
                kind: string;
                customer?: {
                    id: string;
                    group?: {
                        tier: string;
                    } | null;
                } | null;
                repeatOf?: string | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "fault.restored";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "fault.exemption_approved";
            data: {
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
                cause: string;
                approvedBy: string;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "callback.opened";
            data: {
                kind: string;
                departmentId: string;
                relatedId?: string | null;
            };
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "callback.completed";
            data: Record<string, never>;
        } | {
            id: string;
            subjectId: string;
            /** Format: date-time */
            occurredAt: string;
            /** @constant */
            type: "finding.recorded";
            data: {
                rule: string;
                departmentId: string;
                hallId?: string | null;
                personId?: string | null;
                relatedId?: string | null;
                note?: string | null;
            };
        };
        /** @description Up to 1,000 events, stored atomically: all or none */
        EventBatchInput: {
            events: components["schemas"]["EventInput"][];
        };
        /** @description A fine or its reversal, as posted into a period of the ledger (append-only) */
        LedgerEntry: {
            id: string;
            /** @description The month it is posted into, YYYY-MM */
            period: string;
            /** @description The month the fact belongs to: a correction of a closed month is posted into the next open one */
            originPeriod: string;
            rule: string;
            /** @description The policy pack version that priced it (frozen on the subject at dispatch) */
            policyVersion: string;
            departmentId: string;
            departmentName?: string | null;
            personId?: string;
            /** @enum {string} */
            personRole?: "manager" | "hall_head" | "staff";
            personName?: string | null;
            /** @description The amount in fen (1 yuan = 100 fen); negative for a reversal */
            amountFen: number;
            subjectId: string;
            source: string;
            causeEventId?: string;
            /** @description A reversal: the id of the entry it cancels */
            reversalOf?: string;
            /** @description When it was posted (RFC 3339, the policy zone's offset) */
            postedAt: string;
        };
        /** @description An SLA clock of a subject: from its start to its deadline, stopped when met */
        Clock: {
            subjectKind?: string;
            subjectId?: string;
            departmentId?: string;
            /** @enum {string} */
            name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
            startedAt: string;
            /** @description RFC 3339, the policy zone's offset */
            deadline: string;
            stoppedAt?: string;
            /** @enum {string} */
            state: "running" | "met" | "breached" | "cancelled";
            breachedAt?: string;
            /** @description Running clocks: seconds to the deadline */
            remainingSeconds?: number;
            /** @description Running clocks: past the policy's at-risk fraction of their time */
            atRisk?: boolean;
            /** @description The deadline was counted on a year without official holiday data (weekends and statutory holidays only) */
            provisional?: boolean;
            /** @description Those years; storing their official arrangement counts the deadline again */
            provisionalYears?: number[];
        };
        /** @description What became of each posted event, in the order posted */
        PostEventsResult: {
            accepted: number;
            duplicates: number;
            results: {
                id: string;
                /** @enum {string} */
                status: "accepted" | "duplicate";
            }[];
        };
        /** @description Whether the workers have applied an event */
        EventStatus: {
            id: string;
            /** @enum {string} */
            status: "pending" | "waiting" | "applied" | "failed";
            error?: string;
            reason?: string;
        };
        /**
         * @description RFC 9457 problem details (application/problem+json)
         * @example {
         *       "type": "/problems/invalid-request",
         *       "title": "Invalid request",
         *       "status": 400,
         *       "detail": "The request has problems; nothing of it was stored.",
         *       "errors": [
         *         {
         *           "path": "events[1].occurredAt",
         *           "message": "expected an RFC 3339 instant with an offset"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /**
             * @description What kind of problem, e.g. /problems/invalid-request
             * @example /problems/invalid-request
             */
            type: string;
            title: string;
            /** @description The HTTP status */
            status: number;
            /** @description What went wrong and what to do, for a person */
            detail: string;
            /** @description Every problem of the request (bad input: at most 100 are listed) */
            errors?: {
                /** @description Where in the request: events[2].data.departmentId, cursor, params.period */
                path: string;
                message: string;
            }[];
        };
        /** @description Who is signed in, and until when */
        ConsoleSession: {
            keyId: string;
            name: string;
            /** @enum {string} */
            role: "ingest" | "manager" | "finance" | "admin";
            departments: {
                id: string;
                name: string | null;
            }[] | null;
            expiresAt: string | null;
            serverTime: string;
        };
        /** @description A webhook subscription (its URL with credentials hidden) */
        Webhook: {
            id: string;
            /** @description Credentials hidden: the user, the password and every query value (a robot's key or token). */
            url: string;
            kinds: string[];
            /** @enum {string} */
            format: "standard" | "dingtalk" | "wecom";
            createdAt: string;
        };
        /** @description A year of a calendar: official (a stored arrangement) or provisional */
        CalendarYear: {
            year: number;
            /** @enum {string} */
            status: "official" | "provisional";
            source: string;
            holidays: (string | {
                from: string;
                to: string;
            })[];
            workdays: string[];
            revision?: number;
            storedBy?: string;
            storedAt?: string;
            subjectsCounting?: number;
        };
        /** @description A working-day calendar that deadlines count on */
        Calendar: {
            id: string;
            name: string;
            timeZone: string;
            weekend: number[];
            officialThrough: string | null;
            officialDaysLeft: number;
            years: components["schemas"]["CalendarYear"][];
        };
        /** @description A personal API key as listed (never the key itself) */
        ApiKey: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "ingest" | "manager" | "finance" | "admin";
            departments: string[] | null;
            prefix: string;
            createdAt: string;
            revokedAt: string | null;
        };
        /** @description A person's findings of a year, their fines and rank, and whether suspended */
        PersonYear: {
            personId: string;
            name: string | null;
            year: number;
            suspended: boolean;
            suspendedSince: string | null;
            totalFen: number;
            findings: {
                id: string;
                rule: string;
                departmentId: string;
                hallId: string | null;
                recordedAt: string;
                rankInYear: number | null;
                suspends: boolean;
                policyVersion: string;
                fineFen: number;
                fines: components["schemas"]["LedgerEntry"][];
            }[];
        };
        /** @description A month of the ledger: open, closing or closed */
        Period: {
            period: string;
            /** @enum {string} */
            status: "open" | "closing" | "closed";
            endsAt: string;
            closedAt: string | null;
        };
        /** @description A stored policy version */
        PolicyVersion: {
            version: string;
            family: string;
            effectiveFrom: string;
            createdAt: string;
            firstUsedAt: string | null;
            revision: number;
        };
        /** @description A department, whose manager takes the manager personal fines */
        Department: {
            id: string;
            name: string;
            managerId: string | null;
            policyFamily: string | null;
            judgedBy: string;
            updatedAt: string;
        };
        /** @description A department id subjects name but nobody defined */
        UnknownDepartment: {
            id: string;
            name: null;
            /** @constant */
            known: false;
            subjects: number;
            firstSeenAt: string;
            lastSeenAt: string;
            chargedFen: number;
        };
        /** @description A business hall, whose head takes the hall-head personal fines */
        Hall: {
            id: string;
            departmentId: string;
            name: string;
            headId: string | null;
            updatedAt: string;
        };
        /** @description One quota of a department's month */
        Quota: {
            assessment: string;
            quota: number | null;
            /** @enum {string} */
            source: "set" | "policy";
            setAt?: string;
        };
        /** @description One signal of the stream (the data line of a server-sent event) */
        Signal: {
            id: string | null;
            kind: string;
            subjectKind: string;
            subjectId: string;
            departmentId: string | null;
            departmentName: string | null;
            hallId: string | null;
            hallName: string | null;
            summary: string | null;
            slaType: string | null;
            clock: string | null;
            fraction: number | null;
            state: string | null;
            deadline: string | null;
            provisional: boolean;
            detail: string | null;
            at: string;
            url: string;
        };
        /** @description A complaint, fault, callback or finding: its state, clocks, fines, events and signals (fields of other kinds absent) */
        Subject: {
            id: string;
            departmentId: string;
            departmentName: string | null;
            hallId: string | null;
            hallName?: string | null;
            summary?: string | null;
            status: string;
            policyVersion: string;
            /** @enum {string} */
            responsibility?: "enterprise" | "non_enterprise" | "undetermined";
            assessment?: string;
            slaType?: string;
            upgraded?: boolean;
            upgrade?: {
                at: string;
                reason: string;
            } | null;
            kind?: string;
            rule?: string;
            personId?: string | null;
            personName?: string | null;
            relatedId?: string | null;
            recordedAt?: string;
            rankInYear?: number | null;
            suspends?: boolean;
            clocks: components["schemas"]["Clock"][];
            fines: components["schemas"]["LedgerEntry"][];
            /** @description Entries of this subject charged to departments the key does not cover (left out of fines) */
            finesOutsideScope: number;
            events: {
                id: string;
                type: string;
                occurredAt: string;
                status: string;
            }[];
            signals: {
                kind: string;
                at: string;
                clock: string | null;
                fraction: number | null;
                detail: string | null;
            }[];
        };
        /** @description A clock of the live list, with what the board shows of its subject */
        BoardClock: {
            subjectKind?: string;
            subjectId?: string;
            departmentId?: string;
            /** @enum {string} */
            name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
            startedAt: string;
            /** @description RFC 3339, the policy zone's offset */
            deadline: string;
            stoppedAt?: string;
            /** @enum {string} */
            state: "running" | "met" | "breached" | "cancelled";
            breachedAt?: string;
            /** @description Running clocks: seconds to the deadline */
            remainingSeconds?: number;
            /** @description Running clocks: past the policy's at-risk fraction of their time */
            atRisk?: boolean;
            /** @description The deadline was counted on a year without official holiday data (weekends and statutory holidays only) */
            provisional?: boolean;
            /** @description Those years; storing their official arrangement counts the deadline again */
            provisionalYears?: number[];
            departmentName: string | null;
            hallId: string | null;
            hallName: string | null;
            slaType: string | null;
            summary: string | null;
        };
        /** @description How many clocks of a kind were met, breached or are still running */
        ClockTally: {
            met: number;
            breached: number;
            running: number;
            /** @description met / (met + breached), 0 to 1; null while none has ended */
            onTimeRate: number | null;
        };
        /** @description One group's complaints of the month and the state of their clocks */
        SlaCounts: {
            departmentId?: string;
            departmentName?: string | null;
            hallId?: string | null;
            hallName?: string | null;
            complaintsReceived: number;
            firstResponse: components["schemas"]["ClockTally"];
            resolution: components["schemas"]["ClockTally"];
            upgrades: number;
            overLevel: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition: queues, events, breaches, fines, the process */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # TYPE engine_events_received_total counter
                     *     engine_events_received_total 1024
                     */
                    "text/plain": string;
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Redis answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready",
                     *       "postgres": "ok",
                     *       "redis": "ok"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ready" | "not_ready";
                        postgres: string;
                        redis: string;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis did not answer: each says why */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "not_ready",
                     *       "postgres": "ok",
                     *       "redis": "no answer within 1000 ms"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ready" | "not_ready";
                        postgres: string;
                        redis: string;
                    };
                };
            };
        };
    };
    listWaitingEvents: {
        parameters: {
            query: {
                status: "waiting";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of waiting events, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "evt-20261123-0009",
                     *           "type": "fault.restored",
                     *           "subjectKind": "fault",
                     *           "subjectId": "GZ-778",
                     *           "occurredAt": "2026-11-23T09:15:00+08:00",
                     *           "receivedAt": "2026-11-23T09:15:02+08:00",
                     *           "ageSeconds": 58,
                     *           "reason": "waiting for the subject's fault.reported: nothing has opened fault GZ-778 yet"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            type: string;
                            subjectKind: string;
                            subjectId: string;
                            occurredAt: string;
                            receivedAt: string;
                            ageSeconds: number;
                            reason: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "id": "evt-20261123-0001",
                 *           "type": "complaint.received",
                 *           "subjectId": "TS20261123001",
                 *           "occurredAt": "2026-11-23T09:15:00+08:00",
                 *           "data": {
                 *             "departmentId": "D-01",
                 *             "hallId": "H-0101",
                 *             "channel": "hotline",
                 *             "customer": {
                 *               "id": "C-88231"
                 *             },
                 *             "summary": "宽带频繁掉线，要求上门检修"
                 *           }
                 *         },
                 *         {
                 *           "id": "evt-20261123-0002",
                 *           "type": "complaint.first_replied",
                 *           "subjectId": "TS20261123001",
                 *           "occurredAt": "2026-11-23T10:02:00+08:00",
                 *           "data": {}
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EventInput"] | components["schemas"]["EventBatchInput"];
            };
        };
        responses: {
            /** @description Stored durably; each event accepted, or a duplicate of one posted before */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accepted": 1,
                     *       "duplicates": 1,
                     *       "results": [
                     *         {
                     *           "id": "evt-20261123-0001",
                     *           "status": "duplicate"
                     *         },
                     *         {
                     *           "id": "evt-20261123-0002",
                     *           "status": "accepted"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PostEventsResult"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An event id was posted before with another body: `errors` names each field that differs; nothing was stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEventStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event's status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "evt-20261123-0001",
                     *       "status": "applied"
                     *     }
                     */
                    "application/json": components["schemas"]["EventStatus"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "6a1c2d9e-5b7f-4e03-8c4a-1f2e3d4c5b6a",
                     *           "url": "https://duty.example.cn/hooks/engine",
                     *           "kinds": [
                     *             "warning",
                     *             "breach"
                     *           ],
                     *           "format": "standard",
                     *           "createdAt": "2026-11-23T09:15:00+08:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Webhook"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://duty.example.cn/hooks/engine",
                 *       "kinds": [
                 *         "warning",
                 *         "breach"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** Format: uri */
                    url: string;
                    /**
                     * @default standard
                     * @enum {string}
                     */
                    format?: "standard" | "dingtalk" | "wecom";
                    /** @description standard: a `whsec_` secret (base64 of 24-64 bytes) or a plain one of 16+ characters; none: one is generated. dingtalk: the robot's 加签 secret (SEC...). wecom: none. */
                    secret?: string;
                    /** @default [] */
                    kinds?: ("warning" | "breach" | "upgrade" | "over_level" | "suspension" | "calendar.expiring")[];
                };
            };
        };
        responses: {
            /** @description Subscribed (a generated secret is answered this once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6a1c2d9e-5b7f-4e03-8c4a-1f2e3d4c5b6a",
                     *       "url": "https://duty.example.cn/hooks/engine",
                     *       "kinds": [
                     *         "warning",
                     *         "breach"
                     *       ],
                     *       "format": "standard",
                     *       "createdAt": "2026-11-23T09:15:00+08:00",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        /** @description Credentials hidden: the user, the password and every query value (a robot's key or token). */
                        url: string;
                        kinds: string[];
                        /** @enum {string} */
                        format: "standard" | "dingtalk" | "wecom";
                        createdAt: string;
                        /** @description Only when the engine generated it (a whsec_ secret): shown this once. */
                        secret?: string;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unsubscribed; its pending deliveries are dropped */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rebuildTimers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The timers re-armed from Postgres */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "timers": 1284
                     *     }
                     */
                    "application/json": {
                        timers: number;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaint: its state, clocks, fines and events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "TS20261123001",
                     *       "departmentId": "D-01",
                     *       "departmentName": "城区分公司",
                     *       "hallId": "H-0101",
                     *       "hallName": "人民路营业厅",
                     *       "summary": "宽带频繁掉线，要求上门检修",
                     *       "status": "open",
                     *       "policyVersion": "cn-telecom-2026.1",
                     *       "responsibility": "undetermined",
                     *       "assessment": "ordinary",
                     *       "slaType": "ordinary",
                     *       "upgraded": false,
                     *       "upgrade": null,
                     *       "clocks": [
                     *         {
                     *           "name": "first_response",
                     *           "startedAt": "2026-11-23T09:15:00+08:00",
                     *           "deadline": "2026-11-23T11:15:00+08:00",
                     *           "state": "running",
                     *           "remainingSeconds": 3600,
                     *           "atRisk": false
                     *         },
                     *         {
                     *           "name": "resolution",
                     *           "startedAt": "2026-11-23T09:15:00+08:00",
                     *           "deadline": "2026-11-25T09:15:00+08:00",
                     *           "state": "running",
                     *           "remainingSeconds": 172800,
                     *           "atRisk": false
                     *         }
                     *       ],
                     *       "fines": [],
                     *       "finesOutsideScope": 0,
                     *       "events": [
                     *         {
                     *           "id": "evt-20261123-0001",
                     *           "type": "complaint.received",
                     *           "occurredAt": "2026-11-23T09:15:00+08:00",
                     *           "status": "applied"
                     *         }
                     *       ],
                     *       "signals": []
                     *     }
                     */
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fault: its state, repair clock, fines and events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "GZ-778",
                     *       "departmentId": "D-01",
                     *       "departmentName": "城区分公司",
                     *       "hallId": "H-0101",
                     *       "hallName": "人民路营业厅",
                     *       "status": "open",
                     *       "policyVersion": "cn-telecom-2026.1",
                     *       "upgraded": false,
                     *       "upgrade": null,
                     *       "clocks": [
                     *         {
                     *           "name": "repair",
                     *           "startedAt": "2026-11-23T09:15:00+08:00",
                     *           "deadline": "2026-11-24T09:15:00+08:00",
                     *           "state": "running",
                     *           "remainingSeconds": 86400,
                     *           "atRisk": false
                     *         }
                     *       ],
                     *       "fines": [],
                     *       "finesOutsideScope": 0,
                     *       "events": [
                     *         {
                     *           "id": "evt-20261123-0008",
                     *           "type": "fault.reported",
                     *           "occurredAt": "2026-11-23T09:15:00+08:00",
                     *           "status": "applied"
                     *         }
                     *       ],
                     *       "signals": [],
                     *       "kind": "urban"
                     *     }
                     */
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCallback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The callback: its clock, fines and events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "HF-3301",
                     *       "departmentId": "D-01",
                     *       "departmentName": "城区分公司",
                     *       "hallId": null,
                     *       "hallName": null,
                     *       "status": "open",
                     *       "policyVersion": "cn-telecom-2026.1",
                     *       "clocks": [
                     *         {
                     *           "name": "callback",
                     *           "startedAt": "2026-11-23T09:15:00+08:00",
                     *           "deadline": "2026-11-26T09:15:00+08:00",
                     *           "state": "running",
                     *           "remainingSeconds": 259200,
                     *           "atRisk": false
                     *         }
                     *       ],
                     *       "fines": [],
                     *       "finesOutsideScope": 0,
                     *       "events": [
                     *         {
                     *           "id": "evt-20261123-0011",
                     *           "type": "callback.opened",
                     *           "occurredAt": "2026-11-23T09:15:00+08:00",
                     *           "status": "applied"
                     *         }
                     *       ],
                     *       "signals": [],
                     *       "kind": "new_install"
                     *     }
                     */
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The finding: its rule, person, rank in the year and fine */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "F-2026-118",
                     *       "departmentId": "D-01",
                     *       "departmentName": "城区分公司",
                     *       "hallId": "H-0101",
                     *       "hallName": "人民路营业厅",
                     *       "status": "recorded",
                     *       "policyVersion": "cn-telecom-2026.1",
                     *       "clocks": [],
                     *       "fines": [
                     *         {
                     *           "id": "1043",
                     *           "period": "2026-11",
                     *           "originPeriod": "2026-11",
                     *           "rule": "window.finding",
                     *           "policyVersion": "cn-telecom-2026.1",
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "amountFen": 5000,
                     *           "subjectId": "F-2026-118",
                     *           "source": "finding",
                     *           "causeEventId": "evt-20261120-0007",
                     *           "postedAt": "2026-11-23T11:15:01+08:00",
                     *           "personId": "P-1007",
                     *           "personRole": "staff",
                     *           "personName": "李娜"
                     *         }
                     *       ],
                     *       "finesOutsideScope": 0,
                     *       "events": [
                     *         {
                     *           "id": "evt-20261120-0007",
                     *           "type": "finding.recorded",
                     *           "occurredAt": "2026-11-20T15:30:00+08:00",
                     *           "status": "applied"
                     *         }
                     *       ],
                     *       "signals": [],
                     *       "rule": "window.finding",
                     *       "personId": "P-1007",
                     *       "personName": "李娜",
                     *       "relatedId": null,
                     *       "recordedAt": "2026-11-20T15:30:00+08:00",
                     *       "rankInYear": 2,
                     *       "suspends": false
                     *     }
                     */
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listClocks: {
        parameters: {
            query?: {
                departmentId?: string;
                hallId?: string;
                kind?: "complaint" | "fault" | "callback" | "finding";
                slaType?: "ordinary" | "escalation_warning" | "over_level_1" | "over_level_2" | "group";
                search?: string;
                state?: "running" | "at_risk" | "breached" | "met";
                open?: "true" | "false";
                deadlineBefore?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of clocks, nearest deadline first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "first_response",
                     *           "startedAt": "2026-11-23T09:15:00+08:00",
                     *           "deadline": "2026-11-23T11:15:00+08:00",
                     *           "state": "running",
                     *           "remainingSeconds": 3600,
                     *           "atRisk": false,
                     *           "subjectKind": "complaint",
                     *           "subjectId": "TS20261123001",
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "hallId": "H-0101",
                     *           "hallName": "人民路营业厅",
                     *           "slaType": "ordinary",
                     *           "summary": "宽带频繁掉线，要求上门检修"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJkIjoiMjAyNi0xMS0yM1QwMzoxNTowMC4wMDBaIn0"
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["BoardClock"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLedgerEntries: {
        parameters: {
            query?: {
                period?: string;
                departmentId?: string;
                personId?: string;
                rule?: string;
                subjectId?: string;
                limit?: number;
                cursor?: string;
                format?: "json" | "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of ledger entries (JSON), or the whole selection as CSV or an .xlsx workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "1042",
                     *           "period": "2026-11",
                     *           "originPeriod": "2026-11",
                     *           "rule": "sla.first_response.late",
                     *           "policyVersion": "cn-telecom-2026.1",
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "amountFen": 10000,
                     *           "subjectId": "TS20261123001",
                     *           "source": "complaint",
                     *           "causeEventId": "evt-20261123-0003",
                     *           "postedAt": "2026-11-23T11:15:01+08:00",
                     *           "hallId": "H-0101",
                     *           "hallName": "人民路营业厅"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            /** @description The month it is posted into, YYYY-MM */
                            period: string;
                            /** @description The month the fact belongs to: a correction of a closed month is posted into the next open one */
                            originPeriod: string;
                            rule: string;
                            /** @description The policy pack version that priced it (frozen on the subject at dispatch) */
                            policyVersion: string;
                            departmentId: string;
                            departmentName?: string | null;
                            personId?: string;
                            /** @enum {string} */
                            personRole?: "manager" | "hall_head" | "staff";
                            personName?: string | null;
                            /** @description The amount in fen (1 yuan = 100 fen); negative for a reversal */
                            amountFen: number;
                            subjectId: string;
                            source: string;
                            causeEventId?: string;
                            /** @description A reversal: the id of the entry it cancels */
                            reversalOf?: string;
                            /** @description When it was posted (RFC 3339, the policy zone's offset) */
                            postedAt: string;
                            hallId: string | null;
                            hallName: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                    /**
                     * @example id,period,originPeriod,rule,policyVersion,departmentId,departmentName,personId,personRole,amountYuan,subjectId,source,causeEventId,reversalOf,postedAt
                     *     1042,2026-11,2026-11,sla.first_response.late,cn-telecom-2026.1,D-01,城区分公司,,,100.00,TS20261123001,complaint,evt-20261123-0003,,2026-11-23T11:15:01+08:00
                     */
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaSummary: {
        parameters: {
            query: {
                period: string;
                groupBy?: "department" | "hall";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The month's counts per department or hall */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period": "2026-11",
                     *       "groupBy": "department",
                     *       "from": "2026-11-01T00:00:00+08:00",
                     *       "to": "2026-12-01T00:00:00+08:00",
                     *       "items": [
                     *         {
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "complaintsReceived": 50,
                     *           "firstResponse": {
                     *             "met": 41,
                     *             "breached": 3,
                     *             "running": 6,
                     *             "onTimeRate": 0.932
                     *           },
                     *           "resolution": {
                     *             "met": 38,
                     *             "breached": 2,
                     *             "running": 10,
                     *             "onTimeRate": 0.95
                     *           },
                     *           "upgrades": 1,
                     *           "overLevel": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        period: string;
                        /** @enum {string} */
                        groupBy: "department" | "hall";
                        from: string;
                        to: string;
                        items: components["schemas"]["SlaCounts"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSlaTrend: {
        parameters: {
            query: {
                to: string;
                months?: number;
                departmentId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts of each month, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "period": "2026-10",
                     *           "complaintsReceived": 50,
                     *           "firstResponse": {
                     *             "met": 41,
                     *             "breached": 3,
                     *             "running": 6,
                     *             "onTimeRate": 0.932
                     *           },
                     *           "resolution": {
                     *             "met": 38,
                     *             "breached": 2,
                     *             "running": 10,
                     *             "onTimeRate": 0.95
                     *           },
                     *           "upgrades": 1,
                     *           "overLevel": 0
                     *         },
                     *         {
                     *           "period": "2026-11",
                     *           "complaintsReceived": 47,
                     *           "firstResponse": {
                     *             "met": 41,
                     *             "breached": 3,
                     *             "running": 6,
                     *             "onTimeRate": 0.932
                     *           },
                     *           "resolution": {
                     *             "met": 38,
                     *             "breached": 2,
                     *             "running": 10,
                     *             "onTimeRate": 0.95
                     *           },
                     *           "upgrades": 1,
                     *           "overLevel": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            complaintsReceived: number;
                            firstResponse: components["schemas"]["ClockTally"];
                            resolution: components["schemas"]["ClockTally"];
                            upgrades: number;
                            overLevel: number;
                            period: string;
                        }[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLedgerSummary: {
        parameters: {
            query: {
                period: string;
                groupBy?: "department" | "person" | "rule";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The period's totals in fen per group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period": "2026-11",
                     *       "groupBy": "department",
                     *       "totalFen": 35000,
                     *       "items": [
                     *         {
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "totalFen": 35000,
                     *           "entries": 5,
                     *           "reversals": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        period: string;
                        /** @enum {string} */
                        groupBy: "department" | "person" | "rule";
                        totalFen: number;
                        items: {
                            departmentId?: string;
                            departmentName?: string | null;
                            personId?: string | null;
                            personName?: string | null;
                            personRole?: string | null;
                            rule?: string;
                            totalFen: number;
                            entries: number;
                            reversals: number;
                        }[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putDepartment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "城区分公司",
                 *       "managerId": "P-1001"
                 *     }
                 */
                "application/json": {
                    name: string;
                    managerId?: string | null;
                    policyFamily?: string | null;
                };
            };
        };
        responses: {
            /** @description The department, updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "D-01",
                     *       "name": "城区分公司",
                     *       "managerId": "P-1001",
                     *       "policyFamily": null,
                     *       "judgedBy": "cn-telecom",
                     *       "updatedAt": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Department"];
                };
            };
            /** @description The department, created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "D-01",
                     *       "name": "城区分公司",
                     *       "managerId": "P-1001",
                     *       "policyFamily": null,
                     *       "judgedBy": "cn-telecom",
                     *       "updatedAt": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Department"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDepartments: {
        parameters: {
            query?: {
                unknown?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The departments, or with unknown=true the ids never defined */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "D-01",
                     *           "name": "城区分公司",
                     *           "managerId": "P-1001",
                     *           "policyFamily": null,
                     *           "judgedBy": "cn-telecom",
                     *           "updatedAt": "2026-11-23T09:15:00+08:00"
                     *         },
                     *         {
                     *           "id": "D-99",
                     *           "name": null,
                     *           "known": false,
                     *           "subjects": 4,
                     *           "firstSeenAt": "2026-11-02T08:00:00+08:00",
                     *           "lastSeenAt": "2026-11-23T09:15:00+08:00",
                     *           "chargedFen": 20000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: (components["schemas"]["Department"] | components["schemas"]["UnknownDepartment"])[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putHall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "departmentId": "D-01",
                 *       "name": "人民路营业厅",
                 *       "headId": "P-1002"
                 *     }
                 */
                "application/json": {
                    departmentId: string;
                    name: string;
                    headId?: string | null;
                };
            };
        };
        responses: {
            /** @description The hall, updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "H-0101",
                     *       "departmentId": "D-01",
                     *       "name": "人民路营业厅",
                     *       "headId": "P-1002",
                     *       "updatedAt": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Hall"];
                };
            };
            /** @description The hall, created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "H-0101",
                     *       "departmentId": "D-01",
                     *       "name": "人民路营业厅",
                     *       "headId": "P-1002",
                     *       "updatedAt": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Hall"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHalls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The business halls */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "H-0101",
                     *           "departmentId": "D-01",
                     *           "name": "人民路营业厅",
                     *           "headId": "P-1002",
                     *           "updatedAt": "2026-11-23T09:15:00+08:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Hall"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getQuotas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                departmentId: string;
                period: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The month's quotas, each set by finance or the policy's default */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "departmentId": "D-01",
                     *       "period": "2026-11",
                     *       "items": [
                     *         {
                     *           "assessment": "class4",
                     *           "quota": 3,
                     *           "source": "set",
                     *           "setAt": "2026-11-23T09:15:00+08:00"
                     *         },
                     *         {
                     *           "assessment": "over_level",
                     *           "quota": null,
                     *           "source": "policy"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        departmentId: string;
                        period: string;
                        items: components["schemas"]["Quota"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putQuotas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                departmentId: string;
                period: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "class4": 3
                 *     }
                 */
                "application/json": {
                    [key: string]: number;
                };
            };
        };
        responses: {
            /** @description The month's quotas, and how many cases were evaluated again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "departmentId": "D-01",
                     *       "period": "2026-11",
                     *       "items": [
                     *         {
                     *           "assessment": "class4",
                     *           "quota": 3,
                     *           "source": "set",
                     *           "setAt": "2026-11-23T09:15:00+08:00"
                     *         },
                     *         {
                     *           "assessment": "over_level",
                     *           "quota": null,
                     *           "source": "policy"
                     *         }
                     *       ],
                     *       "casesRepriced": 7
                     *     }
                     */
                    "application/json": {
                        departmentId: string;
                        period: string;
                        items: components["schemas"]["Quota"][];
                        casesRepriced: number;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored versions and the families */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "version": "cn-telecom-2026.1",
                     *           "family": "cn-telecom",
                     *           "effectiveFrom": "2026-01-01T00:00:00+08:00",
                     *           "createdAt": "2025-12-20T10:00:00+08:00",
                     *           "firstUsedAt": "2026-01-01T08:03:11+08:00",
                     *           "revision": 1
                     *         }
                     *       ],
                     *       "families": [
                     *         {
                     *           "family": "cn-telecom",
                     *           "isDefault": true,
                     *           "departments": [
                     *             "D-01"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["PolicyVersion"][];
                        families: {
                            family: string;
                            isDefault: boolean;
                            departments: string[];
                        }[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version with its pack */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": "cn-telecom-2026.1",
                     *       "family": "cn-telecom",
                     *       "effectiveFrom": "2026-01-01T00:00:00+08:00",
                     *       "createdAt": "2025-12-20T10:00:00+08:00",
                     *       "firstUsedAt": "2026-01-01T08:03:11+08:00",
                     *       "revision": 1,
                     *       "pack": {
                     *         "version": "cn-telecom-2026.1",
                     *         "family": "cn-telecom",
                     *         "timeZone": "Asia/Shanghai"
                     *       }
                     *     }
                     */
                    "application/json": {
                        version: string;
                        family: string;
                        effectiveFrom: string;
                        createdAt: string;
                        firstUsedAt: string | null;
                        revision: number;
                        pack: unknown;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "version": "cn-telecom-2027.1",
                 *       "family": "cn-telecom",
                 *       "effectiveFrom": "2027-01-01T00:00:00+08:00",
                 *       "timeZone": "Asia/Shanghai"
                 *     }
                 */
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description The version, replaced (no subject had used it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": "cn-telecom-2027.1",
                     *       "family": "cn-telecom",
                     *       "effectiveFrom": "2027-01-01T00:00:00+08:00",
                     *       "createdAt": "2026-11-23T09:15:00+08:00",
                     *       "firstUsedAt": null,
                     *       "revision": 1
                     *     }
                     */
                    "application/json": components["schemas"]["PolicyVersion"];
                };
            };
            /** @description The version, stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": "cn-telecom-2027.1",
                     *       "family": "cn-telecom",
                     *       "effectiveFrom": "2027-01-01T00:00:00+08:00",
                     *       "createdAt": "2026-11-23T09:15:00+08:00",
                     *       "firstUsedAt": null,
                     *       "revision": 1
                     *     }
                     */
                    "application/json": components["schemas"]["PolicyVersion"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A subject already used this version: it is immutable; store the change under a new version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCalendars: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendars */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "cn-mainland",
                     *           "name": "中国大陆",
                     *           "timeZone": "Asia/Shanghai",
                     *           "weekend": [
                     *             6,
                     *             7
                     *           ],
                     *           "officialThrough": "2026-12-31",
                     *           "officialDaysLeft": 38,
                     *           "years": [
                     *             {
                     *               "year": 2026,
                     *               "status": "official",
                     *               "source": "国务院办公厅关于2026年部分节假日安排的通知",
                     *               "holidays": [
                     *                 "2026-01-01",
                     *                 {
                     *                   "from": "2026-02-15",
                     *                   "to": "2026-02-23"
                     *                 }
                     *               ],
                     *               "workdays": [
                     *                 "2026-02-14",
                     *                 "2026-02-28"
                     *               ],
                     *               "revision": 1,
                     *               "storedBy": "shipped file",
                     *               "storedAt": "2025-12-01T09:00:00+08:00"
                     *             },
                     *             {
                     *               "year": 2027,
                     *               "status": "provisional",
                     *               "source": "statutory holidays",
                     *               "holidays": [],
                     *               "workdays": [],
                     *               "subjectsCounting": 12
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Calendar"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar and the revisions its years replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cn-mainland",
                     *       "name": "中国大陆",
                     *       "timeZone": "Asia/Shanghai",
                     *       "weekend": [
                     *         6,
                     *         7
                     *       ],
                     *       "officialThrough": "2026-12-31",
                     *       "officialDaysLeft": 38,
                     *       "years": [
                     *         {
                     *           "year": 2026,
                     *           "status": "official",
                     *           "source": "国务院办公厅关于2026年部分节假日安排的通知",
                     *           "holidays": [
                     *             "2026-01-01",
                     *             {
                     *               "from": "2026-02-15",
                     *               "to": "2026-02-23"
                     *             }
                     *           ],
                     *           "workdays": [
                     *             "2026-02-14",
                     *             "2026-02-28"
                     *           ],
                     *           "revision": 1,
                     *           "storedBy": "shipped file",
                     *           "storedAt": "2025-12-01T09:00:00+08:00"
                     *         },
                     *         {
                     *           "year": 2027,
                     *           "status": "provisional",
                     *           "source": "statutory holidays",
                     *           "holidays": [],
                     *           "workdays": [],
                     *           "subjectsCounting": 12
                     *         }
                     *       ],
                     *       "history": []
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        timeZone: string;
                        weekend: number[];
                        officialThrough: string | null;
                        officialDaysLeft: number;
                        years: components["schemas"]["CalendarYear"][];
                        history: components["schemas"]["CalendarYear"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCalendarYear: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                calendarId: string;
                year: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "holidays": [
                 *         "2026-01-01",
                 *         {
                 *           "from": "2026-02-15",
                 *           "to": "2026-02-23"
                 *         }
                 *       ],
                 *       "workdays": [
                 *         "2026-02-14",
                 *         "2026-02-28"
                 *       ],
                 *       "source": "国务院办公厅关于2026年部分节假日安排的通知"
                 *     }
                 */
                "application/json": {
                    holidays: (string | {
                        from: string;
                        to: string;
                    })[];
                    /** @default [] */
                    workdays?: string[];
                    source: string;
                };
            };
        };
        responses: {
            /** @description The year as stored, and how many subjects are evaluated again on it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "year": 2026,
                     *       "status": "official",
                     *       "source": "国务院办公厅关于2026年部分节假日安排的通知",
                     *       "holidays": [
                     *         "2026-01-01",
                     *         {
                     *           "from": "2026-02-15",
                     *           "to": "2026-02-23"
                     *         }
                     *       ],
                     *       "workdays": [
                     *         "2026-02-14",
                     *         "2026-02-28"
                     *       ],
                     *       "revision": 2,
                     *       "storedBy": "admin-zhang",
                     *       "storedAt": "2026-11-23T09:15:00+08:00",
                     *       "reevaluating": 12
                     *     }
                     */
                    "application/json": {
                        year: number;
                        /** @enum {string} */
                        status: "official" | "provisional";
                        source: string;
                        holidays: (string | {
                            from: string;
                            to: string;
                        })[];
                        workdays: string[];
                        revision?: number;
                        storedBy?: string;
                        storedAt?: string;
                        subjectsCounting?: number;
                        reevaluating: number;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPeople: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The people, with their names, departments and roles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "P-1007",
                     *           "name": "李娜",
                     *           "departmentIds": [
                     *             "D-01"
                     *           ],
                     *           "roles": [
                     *             "staff"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            name: string | null;
                            departmentIds: string[];
                            roles: string[];
                        }[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPerson: {
        parameters: {
            query?: {
                year?: number;
            };
            header?: never;
            path: {
                personId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The person's year: findings, fines, rank and suspension */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "personId": "P-1007",
                     *       "name": "李娜",
                     *       "year": 2026,
                     *       "suspended": false,
                     *       "suspendedSince": null,
                     *       "totalFen": 5000,
                     *       "findings": [
                     *         {
                     *           "id": "F-2026-118",
                     *           "rule": "window.finding",
                     *           "departmentId": "D-01",
                     *           "hallId": "H-0101",
                     *           "recordedAt": "2026-11-20T15:30:00+08:00",
                     *           "rankInYear": 2,
                     *           "suspends": false,
                     *           "policyVersion": "cn-telecom-2026.1",
                     *           "fineFen": 5000,
                     *           "fines": [
                     *             {
                     *               "id": "1043",
                     *               "period": "2026-11",
                     *               "originPeriod": "2026-11",
                     *               "rule": "window.finding",
                     *               "policyVersion": "cn-telecom-2026.1",
                     *               "departmentId": "D-01",
                     *               "departmentName": "城区分公司",
                     *               "amountFen": 5000,
                     *               "subjectId": "F-2026-118",
                     *               "source": "finding",
                     *               "causeEventId": "evt-20261120-0007",
                     *               "postedAt": "2026-11-23T11:15:01+08:00",
                     *               "personId": "P-1007",
                     *               "personRole": "staff",
                     *               "personName": "李娜"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PersonYear"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                personId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "李娜"
                 *     }
                 */
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description The person, renamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "P-1007",
                     *       "name": "李娜"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                    };
                };
            };
            /** @description The person, named */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "P-1007",
                     *       "name": "李娜"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closePeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                period: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The month, closed: what its period-end rules posted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period": "2026-10",
                     *       "status": "closed",
                     *       "endsAt": "2026-11-01T00:00:00+08:00",
                     *       "closedAt": "2026-11-23T09:15:00+08:00",
                     *       "alreadyClosed": false,
                     *       "faultsAssessed": 12,
                     *       "entriesPosted": 1,
                     *       "entries": [
                     *         {
                     *           "id": "2001",
                     *           "period": "2026-10",
                     *           "originPeriod": "2026-10",
                     *           "rule": "callback.rate_shortfall",
                     *           "policyVersion": "cn-telecom-2026.1",
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "amountFen": 10000,
                     *           "subjectId": "D-01/2026-10",
                     *           "source": "period",
                     *           "postedAt": "2026-11-23T11:15:01+08:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        period: string;
                        /** @enum {string} */
                        status: "open" | "closing" | "closed";
                        endsAt: string;
                        closedAt: string | null;
                        alreadyClosed: boolean;
                        faultsAssessed: number;
                        entriesPosted: number;
                        entries: components["schemas"]["LedgerEntry"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The month has not ended: the problem says when it ends, and it can be closed from then on */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewPeriodClose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                period: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What closing the month would post; nothing is posted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period": "2026-10",
                     *       "status": "open",
                     *       "endsAt": "2026-11-01T00:00:00+08:00",
                     *       "closedAt": null,
                     *       "alreadyClosed": false,
                     *       "faultsAssessed": 12,
                     *       "totalFen": 20000,
                     *       "entries": [
                     *         {
                     *           "rule": "callback.rate_shortfall",
                     *           "departmentId": "D-01",
                     *           "departmentName": "城区分公司",
                     *           "personId": null,
                     *           "personRole": null,
                     *           "subjectId": "D-01/2026-10",
                     *           "source": "period",
                     *           "originPeriod": "2026-10",
                     *           "period": "2026-10",
                     *           "amountFen": 20000,
                     *           "reversalOf": null,
                     *           "policyVersion": "cn-telecom-2026.1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        period: string;
                        /** @enum {string} */
                        status: "open" | "closing" | "closed";
                        endsAt: string;
                        closedAt: string | null;
                        alreadyClosed: boolean;
                        faultsAssessed: number;
                        totalFen: number;
                        entries: {
                            rule: string;
                            departmentId: string;
                            departmentName: string | null;
                            personId: string | null;
                            personRole: string | null;
                            subjectId: string;
                            source: string;
                            originPeriod: string;
                            period: string;
                            amountFen: number;
                            reversalOf: string | null;
                            policyVersion: string;
                        }[];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The month has not ended: the problem says when it ends */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPeriods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The closed and closing months */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "period": "2026-10",
                     *           "status": "closed",
                     *           "endsAt": "2026-11-01T00:00:00+08:00",
                     *           "closedAt": "2026-11-23T09:15:00+08:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Period"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                period: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The month and its status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period": "2026-10",
                     *       "status": "closed",
                     *       "endsAt": "2026-11-01T00:00:00+08:00",
                     *       "closedAt": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Period"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keyId": "0b8f7d3e-2f4a-4c61-9d1e-7a2b5c9e0f13",
                     *       "name": "zhang.wei",
                     *       "role": "manager",
                     *       "departments": [
                     *         {
                     *           "id": "D-01",
                     *           "name": "城区分公司"
                     *         }
                     *       ],
                     *       "expiresAt": "2026-11-23T21:15:00+08:00",
                     *       "serverTime": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "key": "ek_live_3f9a…"
                 *     }
                 */
                "application/json": {
                    key: string;
                };
            };
        };
        responses: {
            /** @description Signed in: the session cookie is set */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keyId": "0b8f7d3e-2f4a-4c61-9d1e-7a2b5c9e0f13",
                     *       "name": "zhang.wei",
                     *       "role": "manager",
                     *       "departments": [
                     *         {
                     *           "id": "D-01",
                     *           "name": "城区分公司"
                     *         }
                     *       ],
                     *       "expiresAt": "2026-11-23T21:15:00+08:00",
                     *       "serverTime": "2026-11-23T09:15:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out: the cookie is cleared */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Signed in by cookie, but the request did not come from the console (its Origin did not match) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "0b8f7d3e-2f4a-4c61-9d1e-7a2b5c9e0f13",
                     *           "name": "hotline-gateway",
                     *           "role": "ingest",
                     *           "departments": null,
                     *           "prefix": "ek_live_3f9a",
                     *           "createdAt": "2026-11-23T09:15:00+08:00",
                     *           "revokedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "hotline-gateway",
                 *       "role": "ingest"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "ingest" | "manager" | "finance" | "admin";
                    departments?: string[] | null;
                };
            };
        };
        responses: {
            /** @description The key, with the secret itself: shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b8f7d3e-2f4a-4c61-9d1e-7a2b5c9e0f13",
                     *       "name": "hotline-gateway",
                     *       "role": "ingest",
                     *       "departments": null,
                     *       "prefix": "ek_live_3f9a",
                     *       "createdAt": "2026-11-23T09:15:00+08:00",
                     *       "revokedAt": null,
                     *       "key": "ek_live_3f9a6c2e9b1d4f7a8e0c5b3d2a1f9e8d"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        role: "ingest" | "manager" | "finance" | "admin";
                        departments: string[] | null;
                        prefix: string;
                        createdAt: string;
                        revokedAt: string | null;
                        key: string;
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (a key scoped to departments is never told whether another department has it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The last active admin key: issue another admin key first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLabels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The packs' names for their codes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "rules": {
                     *         "sla.first_response.late": {
                     *           "zh": "首次响应超时",
                     *           "en": "First response late"
                     *         }
                     *       },
                     *       "faultKinds": {
                     *         "urban": {
                     *           "zh": "城市",
                     *           "en": "Urban"
                     *         }
                     *       },
                     *       "callbackKinds": {
                     *         "new_install": {
                     *           "zh": "新装",
                     *           "en": "New installation"
                     *         }
                     *       },
                     *       "exemptionCauses": {
                     *         "cable_cut": {
                     *           "zh": "光缆中断",
                     *           "en": "Cable cut"
                     *         }
                     *       },
                     *       "families": {
                     *         "cn-telecom": {
                     *           "rules": {
                     *             "sla.first_response.late": {
                     *               "zh": "首次响应超时",
                     *               "en": "First response late"
                     *             }
                     *           },
                     *           "faultKinds": {
                     *             "urban": {
                     *               "zh": "城市",
                     *               "en": "Urban"
                     *             }
                     *           },
                     *           "callbackKinds": {
                     *             "new_install": {
                     *               "zh": "新装",
                     *               "en": "New installation"
                     *             }
                     *           },
                     *           "exemptionCauses": {
                     *             "cable_cut": {
                     *               "zh": "光缆中断",
                     *               "en": "Cable cut"
                     *             }
                     *           }
                     *         }
                     *       },
                     *       "versions": {
                     *         "cn-telecom-2026.1": "cn-telecom"
                     *       }
                     *     }
                     */
                    "application/json": {
                        rules: {
                            [key: string]: {
                                zh: string;
                                en: string;
                            };
                        };
                        faultKinds: {
                            [key: string]: {
                                zh: string;
                                en: string;
                            };
                        };
                        callbackKinds: {
                            [key: string]: {
                                zh: string;
                                en: string;
                            };
                        };
                        exemptionCauses: {
                            [key: string]: {
                                zh: string;
                                en: string;
                            };
                        };
                        families: {
                            [key: string]: {
                                rules: {
                                    [key: string]: {
                                        zh: string;
                                        en: string;
                                    };
                                };
                                faultKinds: {
                                    [key: string]: {
                                        zh: string;
                                        en: string;
                                    };
                                };
                                callbackKinds: {
                                    [key: string]: {
                                        zh: string;
                                        en: string;
                                    };
                                };
                                exemptionCauses: {
                                    [key: string]: {
                                        zh: string;
                                        en: string;
                                    };
                                };
                            };
                        };
                        versions: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamSignals: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A text/event-stream; each data line is one of these */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5521",
                     *       "kind": "warning",
                     *       "subjectKind": "complaint",
                     *       "subjectId": "TS20261123001",
                     *       "departmentId": "D-01",
                     *       "departmentName": "城区分公司",
                     *       "hallId": "H-0101",
                     *       "hallName": "人民路营业厅",
                     *       "summary": "宽带频繁掉线，要求上门检修",
                     *       "slaType": "ordinary",
                     *       "clock": "first_response",
                     *       "fraction": 0.8,
                     *       "state": "running",
                     *       "deadline": "2026-11-23T11:15:00+08:00",
                     *       "provisional": false,
                     *       "detail": null,
                     *       "at": "2026-11-23T10:51:00+08:00",
                     *       "url": "http://127.0.0.1:3000/console/#/complaints/TS20261123001"
                     *     }
                     */
                    "text/event-stream": components["schemas"]["Signal"];
                };
            };
            /** @description Bad input: every problem is named in `errors`, and nothing of the request was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or one that is not known or was revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's role or departments do not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
