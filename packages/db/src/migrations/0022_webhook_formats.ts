import { type Kysely, sql } from 'kysely';

/**
 * Webhook delivery formats: `standard` (the engine's JSON, signed per Standard Webhooks), or the
 * group robots Chinese teams use, `dingtalk` and `wecom` (a markdown message each). Subscriptions
 * that named a kind twice keep it once, and deliveries still pending for a deleted subscription go:
 * nobody is listening for them any more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_subscriptions
      ADD COLUMN format text NOT NULL DEFAULT 'standard' CHECK (format IN ('standard', 'dingtalk', 'wecom'));
    UPDATE webhook_subscriptions SET kinds = ARRAY(SELECT DISTINCT k FROM unnest(kinds) AS k ORDER BY k)
      WHERE cardinality(kinds) <> (SELECT count(DISTINCT k) FROM unnest(kinds) AS k);
    DELETE FROM webhook_deliveries d USING webhook_subscriptions w
      WHERE w.id = d.subscription_id AND w.deleted_at IS NOT NULL AND d.status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhook_subscriptions DROP COLUMN format`.execute(db);
}
