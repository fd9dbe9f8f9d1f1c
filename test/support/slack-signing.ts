import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${rawBody}`. */
export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  text: string;
  json?: unknown;
  /** Time until the response arrived (Slack gives up after 3 s). */
  ms: number;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a raw body to /slack/events, signed like Slack signs it. */
export async function postSigned(appUrl: string, rawBody: string, contentType: string, opts: PostOptions = {}): Promise<SlackResponse> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(opts.secret ?? SIGNING_SECRET, timestamp, rawBody),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...opts.headers,
    },
    body: rawBody,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms: Date.now() - started };
}

/** A slash command: application/x-www-form-urlencoded fields. */
export function sendCommand(appUrl: string, fields: Record<string, string>, opts?: PostOptions): Promise<SlackResponse> {
  return postSigned(appUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An interaction (block_actions, view_submission, view_closed): a form with one `payload` field of JSON. */
export function sendInteraction(appUrl: string, payload: object, opts?: PostOptions): Promise<SlackResponse> {
  return postSigned(appUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An Events API envelope (JSON); `retryNum` marks a redelivery as Slack does. */
export function sendEvent(appUrl: string, envelope: object, opts: PostOptions & { retryNum?: number } = {}): Promise<SlackResponse> {
  const retry: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
  return postSigned(appUrl, JSON.stringify(envelope), 'application/json', { ...opts, headers: { ...retry, ...opts.headers } });
}
