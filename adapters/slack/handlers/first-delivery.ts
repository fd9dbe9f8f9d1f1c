import type { SlackDeps } from '../context';

/**
 * Slack redelivers an event it thinks we missed (X-Slack-Retry-Num, or retry_num in Socket Mode)
 * with the same event_id. The first delivery claims the id in the database, across instances;
 * later ones are dropped.
 */
export async function firstDelivery(deps: SlackDeps, eventId: unknown, retryNum?: number): Promise<boolean> {
  if (typeof eventId !== 'string' || !eventId) return true;
  if (await deps.core.store.seenKeys.claim(`slack-event|${eventId}`)) return true;
  deps.logger.info({ eventId, retryNum }, 'Slack event already handled; redelivery ignored');
  return false;
}

/** The core's delivery id of a Slack event (the core drops a redelivery of the same event). */
export function deliveryIdOf(eventId: unknown): { deliveryId?: string } {
  return typeof eventId === 'string' && eventId ? { deliveryId: `slack-event|${eventId}` } : {};
}
