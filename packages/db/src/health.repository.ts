import { sql } from 'kysely';
import type { Db } from './database.ts';

/** The server's version: a query that answers only when Postgres and the database are there. */
export async function serverVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(db);
  return rows[0]!.server_version;
}

/**
 * What `engine.sh doctor` reports of the pipeline, through partial indexes where the table is large:
 * events not yet queued, events queued over `staleSeconds` and not applied, events waiting for
 * their subject's opening event, and webhook deliveries dead in the last `deadDays`.
 */
export async function pipelineBacklog(db: Db, options: { staleSeconds: number; deadDays: number }) {
  const { rows } = await sql<{ unqueued: number; stale: number; waiting: number; dead: number }>`
    SELECT (SELECT count(*)::int FROM events WHERE enqueued_at IS NULL) AS unqueued,
           (SELECT count(*)::int FROM events WHERE attempted_at IS NULL
              AND enqueued_at < now() - make_interval(secs => ${options.staleSeconds})) AS stale,
           (SELECT count(*)::int FROM events WHERE status = 'waiting') AS waiting,
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'dead'
              AND created_at > now() - make_interval(days => ${options.deadDays})) AS dead`.execute(db);
  return rows[0]!;
}
