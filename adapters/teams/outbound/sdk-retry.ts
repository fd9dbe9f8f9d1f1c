import type { BotAdapter } from 'botbuilder';

/**
 * botframework-connector builds each ConnectorClient on an Azure core pipeline whose default retry
 * policy retries a 429 up to 3 times, sleeping for whatever Retry-After says (no upper bound). That
 * would hide throttling from our pacing and could hold a reminder send for hours past the delivery
 * ledger's lease. This middleware removes that policy from the turn's client, so
 * `withConnectorRetry` is the only retry policy. (Opening a new 1:1 chat calls the connector before
 * any middleware runs, so that one call keeps the SDK's retries.) The client's pipeline is not part of botbuilder's
 * typed surface: if a botbuilder update moves it, nothing breaks, the SDK simply retries too (a test
 * asserts a single attempt per 429, so such a change is noticed).
 */
export function useOwnRetryPolicy(adapter: BotAdapter): void {
  adapter.use(async (context, next) => {
    const client = context.turnState.get(adapter.ConnectorClientKey) as
      | { client?: { pipeline?: { removePolicy?(options: { name: string }): unknown } } }
      | undefined;
    try {
      client?.client?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
    } catch {
      // A different client shape: keep the SDK's own retries.
    }
    await next();
  });
}
