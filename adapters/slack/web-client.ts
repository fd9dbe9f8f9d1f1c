import { WebAPIRateLimitedError, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/support/logger';
import { slackLogger } from './bolt-logger';

/**
 * One policy for every Web API call. The client honours HTTP 429 Retry-After by itself (it pauses
 * its queue for that long, then retries); 5xx answers and network errors are retried too, a few times
 * and quickly, because a person is waiting. Proactive sends that still fail go back to the delivery
 * ledger, which tries again later. Each request gives up after `timeout`.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
/**
 * The longest Retry-After the client waits out. A longer one fails the call at once with a
 * WebAPIRateLimitedError (retryable, carrying Retry-After), which the delivery ledger schedules:
 * nobody waits minutes for a reply, and a proactive send never outlives its 5-minute claim
 * (worst case here: 3 attempts × 10 s + 2 waits × 30 s + backoff ≈ 95 s).
 */
export const MAX_RATE_LIMIT_WAIT_S = 30;

export const RETRY_CONFIG = {
  retries: 2,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 2_000,
  randomize: true,
  // p-retry stops retrying when this throws: a long rate limit is not tried again right away.
  onFailedAttempt: (err: Error) => {
    if (err instanceof WebAPIRateLimitedError) throw err;
  },
};

/**
 * `fetch` that gives up after REQUEST_TIMEOUT_MS. The WebClient sets its own timeout, but Bolt's
 * `respond()` (the response_url of slash commands and clicks) uses this fetch with no signal of its
 * own: without a limit a response_url that never answers would hold the person's queue for minutes.
 * It also turns a Retry-After above MAX_RATE_LIMIT_WAIT_S into an immediate rate-limit error.
 */
export const timedFetch: typeof fetch = async (input, init = {}) => {
  const deadline = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const res = await fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  const retryAfter = res.status === 429 ? Number.parseInt(res.headers.get('retry-after') ?? '', 10) : NaN;
  if (retryAfter > MAX_RATE_LIMIT_WAIT_S) {
    await res.body?.cancel();
    throw new WebAPIRateLimitedError(retryAfter);
  }
  return res;
};

export function webClientOptions(slack: NonNullable<Config['slack']>, logger: Logger): WebClientOptions {
  return {
    logger: slackLogger(logger),
    retryConfig: RETRY_CONFIG,
    timeout: REQUEST_TIMEOUT_MS,
    fetch: timedFetch, // Bolt's respond() uses the client options' fetch too
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
  };
}

export function createWebClient(slack: NonNullable<Config['slack']>, logger: Logger): WebClient {
  return new WebClient(slack.botToken, webClientOptions(slack, logger));
}
