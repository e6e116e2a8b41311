import { type Kysely, sql } from 'kysely';

/**
 * Partial indexes for the counts /metrics reads at every scrape: failed events, breaches per
 * subject kind, dead webhook deliveries. Each count reads only its own rows, never the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX events_failed ON events (seq) WHERE status = 'failed';
    CREATE INDEX signals_breaches ON signals (subject_kind) WHERE kind = 'breach';
    CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (id) WHERE status = 'dead';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX events_failed, signals_breaches, webhook_deliveries_dead`.execute(db);
}
