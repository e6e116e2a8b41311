import { createHmac } from 'node:crypto';
import { type Db, deliveryToSend, recordDeliveryAttempt } from '@engine/db';
import { formatInstant } from '@engine/domain';

const TIMEOUT_MS = 5_000;

/** The signature a receiver checks: HMAC-SHA256 of the raw body with the subscription's secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers one webhook: POSTs the signal as JSON with `X-Engine-Signature`. A failure throws so
 * the queue retries with backoff; on the last attempt the delivery is recorded dead (the
 * dead-letter record) with its last error.
 */
export async function deliverWebhook(
  db: Db,
  deliveryId: number,
  attempt: { isLast: boolean },
  /** API.md: instants in the policy's zone (+08:00 by default), as every answer gives them. */
  timeZone: string,
): Promise<'delivered' | 'dead' | 'skipped'> {
  const delivery = await deliveryToSend(db, deliveryId);
  if (delivery?.status !== 'pending') return 'skipped';
  const { signal } = delivery;
  const provisionalYears = (signal.detail as { provisionalYears?: number[] } | null)?.provisionalYears;
  const body = JSON.stringify({
    id: `${signal.id}`,
    kind: signal.kind,
    key: signal.key,
    subjectKind: signal.subjectKind,
    subjectId: signal.subjectId,
    departmentId: signal.departmentId,
    at: formatInstant(signal.at.getTime(), timeZone),
    detail: signal.detail,
    // A warning or breach of a deadline counted on a year without official holiday data.
    ...(provisionalYears ? { provisional: true, provisionalYears } : {}),
  });
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-engine-signature': signatureOf(delivery.secret, body),
        'x-engine-delivery': String(delivery.id),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
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
