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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready" | "not_ready";
                            postgres: string;
                            redis: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Post one event, or an atomic batch of up to 1,000
         * @description An id names one event: re-sending it is a duplicate (instants may be written in any offset, keys in any order); the same id with another body is a 409 naming the fields that differ. An optional field sent as null is absent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": ({
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
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
                        /** @enum {string} */
                        type: "complaint.first_replied";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "complaint.reply_rejected";
                        data: {
                            reason?: string | null;
                        };
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "complaint.resolved";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "complaint.reopened";
                        data: {
                            reason?: string | null;
                        };
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
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
                        /** @enum {string} */
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
                        /** @enum {string} */
                        type: "complaint.tendency_flagged";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "complaint.intercepted";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "complaint.cancelled";
                        data: {
                            reason: string;
                        };
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
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
                        /** @enum {string} */
                        type: "fault.restored";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
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
                        /** @enum {string} */
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
                        /** @enum {string} */
                        type: "callback.completed";
                        data: Record<string, never>;
                    } | {
                        id: string;
                        subjectId: string;
                        /** Format: date-time */
                        occurredAt: string;
                        /** @enum {string} */
                        type: "finding.recorded";
                        data: {
                            rule: string;
                            departmentId: string;
                            hallId?: string | null;
                            personId?: string | null;
                            relatedId?: string | null;
                            note?: string | null;
                        };
                    }) | {
                        events: ({
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
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
                            /** @enum {string} */
                            type: "complaint.first_replied";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "complaint.reply_rejected";
                            data: {
                                reason?: string | null;
                            };
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "complaint.resolved";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "complaint.reopened";
                            data: {
                                reason?: string | null;
                            };
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
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
                            /** @enum {string} */
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
                            /** @enum {string} */
                            type: "complaint.tendency_flagged";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "complaint.intercepted";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "complaint.cancelled";
                            data: {
                                reason: string;
                            };
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
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
                            /** @enum {string} */
                            type: "fault.restored";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
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
                            /** @enum {string} */
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
                            /** @enum {string} */
                            type: "callback.completed";
                            data: Record<string, never>;
                        } | {
                            id: string;
                            subjectId: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** @enum {string} */
                            type: "finding.recorded";
                            data: {
                                rule: string;
                                departmentId: string;
                                hallId?: string | null;
                                personId?: string | null;
                                relatedId?: string | null;
                                note?: string | null;
                            };
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            duplicates: number;
                            results: {
                                id: string;
                                /** @enum {string} */
                                status: "accepted" | "duplicate";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "pending" | "waiting" | "applied" | "failed";
                            error?: string;
                            reason?: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @description Credentials hidden: the user, the password and every query value (a robot's key or token). */
                                url: string;
                                kinds: string[];
                                /** @enum {string} */
                                format: "standard" | "dingtalk" | "wecom";
                                createdAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to signals (warnings, breaches, upgrades, over-level complaints, suspensions, a calendar running out of official holiday data)
         * @description `standard` (the default): a JSON POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; a `whsec_` secret is generated when none is given and answered once) and, as before, X-Engine-Signature: sha256=HMAC-SHA256(secret, body). `dingtalk`: a DingTalk custom robot markdown message, signed with its 加签 secret (timestamp and sign query parameters). `wecom`: a WeCom group robot markdown message (the key in the URL; no secret). Retried with backoff; a delivery that keeps failing is recorded dead. Loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true, link-local and cloud metadata addresses always, checked again at each delivery.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
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
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        /** Rebuild every SLA timer in Redis from Postgres (after a Redis loss) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            timers: number;
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            clocks: {
                                subjectKind?: string;
                                subjectId?: string;
                                departmentId?: string;
                                /** @enum {string} */
                                name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
                                startedAt: string;
                                deadline: string;
                                stoppedAt?: string;
                                /** @enum {string} */
                                state: "running" | "met" | "breached" | "cancelled";
                                breachedAt?: string;
                                remainingSeconds?: number;
                                atRisk?: boolean;
                                provisional?: boolean;
                                provisionalYears?: number[];
                            }[];
                            fines: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                            }[];
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
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            clocks: {
                                subjectKind?: string;
                                subjectId?: string;
                                departmentId?: string;
                                /** @enum {string} */
                                name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
                                startedAt: string;
                                deadline: string;
                                stoppedAt?: string;
                                /** @enum {string} */
                                state: "running" | "met" | "breached" | "cancelled";
                                breachedAt?: string;
                                remainingSeconds?: number;
                                atRisk?: boolean;
                                provisional?: boolean;
                                provisionalYears?: number[];
                            }[];
                            fines: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                            }[];
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
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            clocks: {
                                subjectKind?: string;
                                subjectId?: string;
                                departmentId?: string;
                                /** @enum {string} */
                                name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
                                startedAt: string;
                                deadline: string;
                                stoppedAt?: string;
                                /** @enum {string} */
                                state: "running" | "met" | "breached" | "cancelled";
                                breachedAt?: string;
                                remainingSeconds?: number;
                                atRisk?: boolean;
                                provisional?: boolean;
                                provisionalYears?: number[];
                            }[];
                            fines: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                            }[];
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
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                            clocks: {
                                subjectKind?: string;
                                subjectId?: string;
                                departmentId?: string;
                                /** @enum {string} */
                                name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
                                startedAt: string;
                                deadline: string;
                                stoppedAt?: string;
                                /** @enum {string} */
                                state: "running" | "met" | "breached" | "cancelled";
                                breachedAt?: string;
                                remainingSeconds?: number;
                                atRisk?: boolean;
                                provisional?: boolean;
                                provisionalYears?: number[];
                            }[];
                            fines: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                            }[];
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
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                subjectKind?: string;
                                subjectId?: string;
                                departmentId?: string;
                                /** @enum {string} */
                                name: "first_response" | "resolution" | "resolution_warning" | "repair" | "callback";
                                startedAt: string;
                                deadline: string;
                                stoppedAt?: string;
                                /** @enum {string} */
                                state: "running" | "met" | "breached" | "cancelled";
                                breachedAt?: string;
                                remainingSeconds?: number;
                                atRisk?: boolean;
                                provisional?: boolean;
                                provisionalYears?: number[];
                                departmentName: string | null;
                                hallId: string | null;
                                hallName: string | null;
                                slaType: string | null;
                                summary: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                                hallId: string | null;
                                hallName: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period: string;
                            /** @enum {string} */
                            groupBy: "department" | "hall";
                            from: string;
                            to: string;
                            items: {
                                departmentId?: string;
                                departmentName?: string | null;
                                hallId?: string | null;
                                hallName?: string | null;
                                complaintsReceived: number;
                                firstResponse: {
                                    met: number;
                                    breached: number;
                                    running: number;
                                    onTimeRate: number | null;
                                };
                                resolution: {
                                    met: number;
                                    breached: number;
                                    running: number;
                                    onTimeRate: number | null;
                                };
                                upgrades: number;
                                overLevel: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                complaintsReceived: number;
                                firstResponse: {
                                    met: number;
                                    breached: number;
                                    running: number;
                                    onTimeRate: number | null;
                                };
                                resolution: {
                                    met: number;
                                    breached: number;
                                    running: number;
                                    onTimeRate: number | null;
                                };
                                upgrades: number;
                                overLevel: number;
                                period: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        put: {
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
                    "application/json": {
                        name: string;
                        managerId?: string | null;
                        policyFamily?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            managerId: string | null;
                            policyFamily: string | null;
                            judgedBy: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            managerId: string | null;
                            policyFamily: string | null;
                            judgedBy: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                id: string;
                                name: string;
                                managerId: string | null;
                                policyFamily: string | null;
                                judgedBy: string;
                                updatedAt: string;
                            } | {
                                id: string;
                                name: null;
                                /** @enum {boolean} */
                                known: false;
                                subjects: number;
                                firstSeenAt: string;
                                lastSeenAt: string;
                                chargedFen: number;
                            })[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        put: {
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
                    "application/json": {
                        departmentId: string;
                        name: string;
                        headId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            departmentId: string;
                            name: string;
                            headId: string | null;
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            departmentId: string;
                            name: string;
                            headId: string | null;
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                departmentId: string;
                                name: string;
                                headId: string | null;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            departmentId: string;
                            period: string;
                            items: {
                                assessment: string;
                                quota: number | null;
                                /** @enum {string} */
                                source: "set" | "policy";
                                setAt?: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        /**
         * Set a department's quotas for a month; its cases are re-priced
         * @description RULES.md 2.4. Each key is a quota of the department's pack (the default pack: `class4`, `over_level`), its value the number of cases allowed in the month. Every case counted in a changed quota is evaluated again, so the ledger re-prices the month; corrections of a closed month go into the next open one.
         */
        put: {
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
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            departmentId: string;
                            period: string;
                            items: {
                                assessment: string;
                                quota: number | null;
                                /** @enum {string} */
                                source: "set" | "policy";
                                setAt?: string;
                            }[];
                            casesRepriced: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                version: string;
                                family: string;
                                effectiveFrom: string;
                                createdAt: string;
                                firstUsedAt: string | null;
                                revision: number;
                            }[];
                            families: {
                                family: string;
                                isDefault: boolean;
                                departments: string[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        /**
         * Store a policy pack under its version (validated; immutable once a subject used it)
         * @description The body is a whole pack, as the engine's packs/fuling-2012.json. A new version answers 201; an unused one is replaced (200); a version a subject was judged by answers 409. A subject takes the version of its family in force at its dispatch.
         */
        put: {
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
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: string;
                            family: string;
                            effectiveFrom: string;
                            createdAt: string;
                            firstUsedAt: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: string;
                            family: string;
                            effectiveFrom: string;
                            createdAt: string;
                            firstUsedAt: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                timeZone: string;
                                weekend: number[];
                                officialThrough: string | null;
                                officialDaysLeft: number;
                                years: {
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
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            timeZone: string;
                            weekend: number[];
                            officialThrough: string | null;
                            officialDaysLeft: number;
                            years: {
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
                            }[];
                            history: {
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
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        put: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                                fines: {
                                    id: string;
                                    period: string;
                                    originPeriod: string;
                                    rule: string;
                                    policyVersion: string;
                                    departmentId: string;
                                    departmentName?: string | null;
                                    personId?: string;
                                    /** @enum {string} */
                                    personRole?: "manager" | "hall_head" | "staff";
                                    personName?: string | null;
                                    amountFen: number;
                                    subjectId: string;
                                    source: string;
                                    causeEventId?: string;
                                    reversalOf?: string;
                                    postedAt: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** Name a person (a manager, hall head or staff member), so pages and spreadsheets show the name */
        put: {
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
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        post: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period: string;
                            /** @enum {string} */
                            status: "open" | "closing" | "closed";
                            endsAt: string;
                            closedAt: string | null;
                            alreadyClosed: boolean;
                            faultsAssessed: number;
                            entriesPosted: number;
                            entries: {
                                id: string;
                                period: string;
                                originPeriod: string;
                                rule: string;
                                policyVersion: string;
                                departmentId: string;
                                departmentName?: string | null;
                                personId?: string;
                                /** @enum {string} */
                                personRole?: "manager" | "hall_head" | "staff";
                                personName?: string | null;
                                amountFen: number;
                                subjectId: string;
                                source: string;
                                causeEventId?: string;
                                reversalOf?: string;
                                postedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                period: string;
                                /** @enum {string} */
                                status: "open" | "closing" | "closed";
                                endsAt: string;
                                closedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period: string;
                            /** @enum {string} */
                            status: "open" | "closing" | "closed";
                            endsAt: string;
                            closedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in to the console with a personal key: sets an HttpOnly, SameSite=Strict session cookie
         * @description The key is checked like a bearer key; the answer sets the engine_session cookie, which the API then accepts in place of the Authorization header, for SESSION_HOURS or until sign-out or the key is revoked. Requests that change state with the cookie must carry the console's Origin.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** Sign out: ends the session and clears its cookie */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "ingest" | "manager" | "finance" | "admin";
                                departments: string[] | null;
                                prefix: string;
                                createdAt: string;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue a personal key: a name, a role and (managers) the departments it may see
         * @description The answer holds the key in clear, once; only its hash is stored. A manager key without departments sees every department.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "ingest" | "manager" | "finance" | "admin";
                        departments?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description text/event-stream; each data line is one of these */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
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
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
