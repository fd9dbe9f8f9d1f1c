import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/support/logger';
import { slackLogger } from './bolt-logger';

/**
 * One policy for every Web API call. The client honours HTTP 429 Retry-After by itself (it pauses
 * its queue for that long, then retries); 5xx answers and network errors are retried too, a few times
 * and quickly, because a person is waiting. Proactive sends that still fail go back to the delivery
 * ledger, which tries again later. Each request gives up after `timeout`.
 */
export const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: true };
export const REQUEST_TIMEOUT_MS = 10_000;

export function webClientOptions(slack: NonNullable<Config['slack']>, logger: Logger): WebClientOptions {
  return {
    logger: slackLogger(logger),
    retryConfig: RETRY_CONFIG,
    timeout: REQUEST_TIMEOUT_MS,
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
  };
}

export function createWebClient(slack: NonNullable<Config['slack']>, logger: Logger): WebClient {
  return new WebClient(slack.botToken, webClientOptions(slack, logger));
}
