import { DeliveryError } from '../../../src/notify/notifier';

/**
 * Our one retry policy for calls to the Bot Connector (replies, proactive sends, updates): a 429 (or
 * a 503) is retried after its Retry-After, a bounded number of times and never for longer than
 * `maxWaitMs` per wait; then the caller gets a retryable DeliveryError carrying Retry-After, so the
 * delivery ledger tries again later instead of a send blocking for minutes. Everything else becomes
 * a DeliveryError at once: retryable for 5xx and network errors, final for 4xx (bot removed, blocked).
 */
export interface RetryOptions {
  maxAttempts: number;
  maxWaitMs: number;
  /** Wait when a 429 carries no Retry-After (doubles per attempt). */
  defaultWaitMs: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  maxWaitMs: 10_000,
  defaultWaitMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface HttpFailure {
  status?: number;
  retryAfterMs?: number;
}

export async function withConnectorRetry<T>(fn: () => Promise<T>, opts: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const f = httpFailure(err);
      if (f.status !== 429 && f.status !== 503) throw toDeliveryError(err, f);
      const wait = f.retryAfterMs ?? opts.defaultWaitMs * 2 ** (attempt - 1);
      if (attempt >= opts.maxAttempts || wait > opts.maxWaitMs) {
        throw new DeliveryError(`Teams throttled the bot (HTTP ${f.status}) after ${attempt} attempt(s)`, true, wait);
      }
      await opts.sleep(wait);
    }
  }
}

export function toDeliveryError(err: unknown, f: HttpFailure = httpFailure(err)): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const { status } = f;
  if (status === undefined) return new DeliveryError(`Bot Connector unreachable: ${errorCode(err)}`, true);
  if (status >= 500 || status === 408 || status === 429) return new DeliveryError(`Bot Connector answered HTTP ${status}`, true, f.retryAfterMs);
  return new DeliveryError(`Bot Connector refused the message (HTTP ${status})`, false);
}

/** Status and Retry-After of a failed connector call (botframework-connector throws a RestError). */
export function httpFailure(err: unknown): HttpFailure {
  const e = err as { statusCode?: unknown; response?: { status?: unknown; headers?: { get?(name: string): string | undefined } } } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.response?.status === 'number' ? e.response.status : undefined;
  const header = (name: string) => {
    try {
      return e?.response?.headers?.get?.(name);
    } catch {
      return undefined;
    }
  };
  return { status, retryAfterMs: parseRetryAfter(header('retry-after-ms'), header('retry-after')) };
}

/** Retry-After in milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfter(ms: string | undefined, value: string | undefined, now = Date.now()): number | undefined {
  if (ms !== undefined && /^\d+$/.test(ms.trim())) return Number(ms.trim());
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  return String(e?.code ?? e?.name ?? 'error');
}
