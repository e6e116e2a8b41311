import { type Db, deliveryToSend, namesOf, recordDeliveryAttempt } from '@engine/db';
import type { AddressPolicy } from './address-policy.ts';
import { wireRequest } from './formats.ts';
import { guardedPost } from './guarded-post.ts';
import { namesWanted, webhookPayload } from './payload.ts';

const TIMEOUT_MS = 5_000;

export interface DeliveryContext {
  /** API.md: instants in the policy's zone (+08:00 by default), as every answer gives them. */
  timeZone: string;
  /** The console's base (PUBLIC_URL), for the subject's link. */
  baseUrl: string;
  policy: AddressPolicy;
  /** The engine's clock: how far past its deadline a clock is. */
  now: () => Date;
}

/**
 * Delivers one webhook in its subscription's format (the engine's JSON signed per Standard
 * Webhooks, or a DingTalk or WeCom robot's markdown message). A failure throws so the queue
 * retries with backoff; on the last attempt the delivery is recorded dead (the dead-letter record)
 * with its last error. The signing time is the wall clock, which receivers compare with theirs.
 */
export async function deliverWebhook(
  db: Db,
  deliveryId: number,
  attempt: { isLast: boolean },
  context: DeliveryContext,
): Promise<'delivered' | 'dead' | 'skipped'> {
  const delivery = await deliveryToSend(db, deliveryId);
  if (delivery?.status !== 'pending') return 'skipped';
  const names = await namesOf(db, namesWanted(delivery));
  const payload = webhookPayload(delivery, names, {
    now: context.now(),
    timeZone: context.timeZone,
    baseUrl: context.baseUrl,
  });
  const request = wireRequest(delivery.format, delivery, payload, new Date());
  try {
    const answer = await guardedPost(request.url, request.headers, request.body, {
      policy: context.policy,
      timeoutMs: TIMEOUT_MS,
    });
    const refusal = request.refusalOf(answer);
    if (refusal) throw new Error(refusal);
    await recordDeliveryAttempt(db, deliveryId, { status: 'delivered', error: null });
    return 'delivered';
  } catch (error) {
    const message = (error as Error).message;
    await recordDeliveryAttempt(db, deliveryId, {
      status: attempt.isLast ? 'dead' : 'pending',
      error: message,
    });
    if (attempt.isLast) return 'dead';
    throw error;
  }
}
