import type { BotAdapter } from 'botbuilder';

/** How long one call to the Bot Connector may take before it is abandoned (a retryable failure). */
export const CONNECTOR_TIMEOUT_MS = 15_000;
const POLICY = 'wbbsiRequestTimeout';

interface Pipeline {
  addPolicy?(policy: { name: string; sendRequest(request: { timeout: number }, next: (r: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
  getOrderedPolicies?(): { name: string }[];
}

/**
 * botframework-connector's requests have no timeout of their own (the Azure pipeline's default is
 * none), so a Bot Connector that accepts the connection and never answers would hold a reply, or a
 * reminder send past the delivery ledger's lease. This middleware gives every request of the turn's
 * connector client (replies and proactive sends) a timeout; the request then fails with an
 * AbortError, which Outbound turns into a retryable DeliveryError. Like sdk-retry.ts it reaches into
 * the client's pipeline, which is not part of botbuilder's typed surface: if that moves, nothing
 * breaks and calls simply have no timeout (the test of the policy notices).
 */
export function useRequestTimeout(adapter: BotAdapter, timeoutMs = CONNECTOR_TIMEOUT_MS): void {
  adapter.use(async (context, next) => {
    const client = context.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined;
    const pipeline = client?.client?.pipeline;
    try {
      if (pipeline?.addPolicy && !pipeline.getOrderedPolicies?.().some((p) => p.name === POLICY)) {
        pipeline.addPolicy({
          name: POLICY,
          sendRequest: (request, nextPolicy) => {
            if (!request.timeout) request.timeout = timeoutMs;
            return nextPolicy(request);
          },
        });
      }
    } catch {
      // A different client shape: calls keep the SDK's behaviour.
    }
    await next();
  });
}
