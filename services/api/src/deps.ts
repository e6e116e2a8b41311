import type { Config } from '@engine/config';
import type { Db } from '@engine/db';
import type { Policy } from '@engine/domain';
import type { Producer } from '@engine/queue';
import type { CloseOutcome, ClosePreview } from '@engine/use-cases';

/** One of the engine's BullMQ queues. */
export type EngineQueue = Producer['queues'][keyof Producer['queues']];

/** What the API needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  db: Db;
  /** The policy versions in force, reloaded when an admin stores a new one. */
  policies: () => readonly Policy[];
  pingRedis: () => Promise<unknown>;
  /** Called after events are committed: wakes the outbox relay. */
  onEventsStored: () => void;
  now: () => Date;
  /** Rebuilds every SLA timer from Postgres (the sla-timer's reconciler, on demand). */
  rebuildTimers: () => Promise<number>;
  /** Reads the stored policy versions again, after one is stored. */
  reloadPolicies: () => Promise<void>;
  /** Queues evaluations already requested in Postgres (the sweep finds them if this is lost). */
  requestEvaluations: (kind: string, ids: readonly string[], cause: string) => Promise<void>;
  /** Runs a month's period-end rules and locks it (RULES.md 8). */
  closePeriod: (period: string, closedBy: string | null) => Promise<CloseOutcome>;
  /** What closing a month would post, without posting it (a dry run of closePeriod). */
  previewClose: (period: string) => Promise<ClosePreview>;
  /** The engine's BullMQ queues, for /metrics and the queue view (absent: neither shows queues). */
  queues?: readonly EngineQueue[];
  /** Where the built console is (default: services/console/dist). */
  consoleDist?: string;
}
