import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { DeliveryError } from '../../src/notify/notifier';

/** Slack errors that will not go away by trying again (the person or channel is not reachable as addressed). */
const PERMANENT = new Set([
  'user_not_found', 'users_not_found', 'user_not_visible', 'user_disabled', 'account_inactive', 'cannot_dm_bot',
  'channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action', 'ekm_access_denied',
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'missing_scope', 'no_permission', 'team_access_not_granted',
  'msg_too_long', 'no_text', 'invalid_blocks', 'invalid_arguments', 'message_not_found', 'cant_update_message', 'edit_window_closed',
]);
/** Slack-side trouble that usually passes. */
const TRANSIENT = new Set(['ratelimited', 'rate_limited', 'fatal_error', 'internal_error', 'service_unavailable', 'request_timeout']);

/**
 * A failed Web API call as a DeliveryError the delivery ledger understands: retryable for rate
 * limits, 5xx and timeouts (with Retry-After when Slack gave one), not retryable for a person or
 * channel that cannot be reached. The WebClient has already retried a few times by then.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    const retryable = TRANSIENT.has(code) || (!PERMANENT.has(code) && /unavailable|timeout/.test(code));
    return new DeliveryError(`Slack refused: ${code}`, retryable);
  }
  if (err instanceof WebAPIRateLimitedError) return new DeliveryError('Slack rate limit', true, err.retryAfter * 1000);
  if (err instanceof WebAPIHTTPError) return new DeliveryError(`Slack HTTP ${err.statusCode}`, err.statusCode >= 500 || err.statusCode === 408);
  const message = err instanceof WebAPIRequestError ? (err.original?.message ?? err.message) : err instanceof Error ? err.message : String(err);
  // After its last retry on HTTP 429 the WebClient gives up with an error naming the Retry-After.
  const limited = /rate limit was exceeded.*retry-after: (\d+)/i.exec(message);
  if (limited) return new DeliveryError('Slack rate limit', true, Number(limited[1]) * 1000);
  if (err instanceof WebAPIRequestError) return new DeliveryError(`Slack unreachable: ${message}`, true);
  if (/timeout|aborted/i.test(message)) return new DeliveryError(`Slack timed out: ${message}`, true);
  return new DeliveryError(`Slack call failed: ${message}`, false);
}
