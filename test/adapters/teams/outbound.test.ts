import { parseRetryAfter, toDeliveryError, withConnectorRetry } from '../../../adapters/teams/outbound/connector-retry';
import { Pacer, type PacerTime } from '../../../adapters/teams/outbound/pacer';
import { DeliveryError } from '../../../src/notify/notifier';

/** Time that only moves when something sleeps: the pacer's waits are observable without waiting. */
function fakeTime(): PacerTime & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** A RestError as botframework-connector throws it. */
const restError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { statusCode: status, response: { status, headers: { get: (n: string) => headers[n.toLowerCase()] } } });

describe('Teams outbound: pacing per conversation', () => {
  it('lets 7 messages through per second and 60 per 30 seconds, per conversation', async () => {
    const time = fakeTime();
    const pacer = new Pacer(undefined, time);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 61 }, () => pacer.run('a', async () => at.push(time.now()))));
    expect(at.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(at[7]).toBe(1000); // the 8th waits for the 1-second window
    expect(at[59]! - at[0]!).toBeLessThan(30_000);
    expect(at[60]).toBeGreaterThanOrEqual(30_000); // the 61st waits for the 30-second window
    for (let i = 7; i < at.length; i++) expect(at[i]! - at[i - 7]!).toBeGreaterThanOrEqual(1000);

    await pacer.run('b', async () => at.push(time.now()));
    expect(at.at(-1)).toBe(time.now()); // another conversation is not held back
  });

  it('keeps the order of sends to one conversation, even when one fails', async () => {
    const pacer = new Pacer(undefined, fakeTime());
    const order: number[] = [];
    const results = await Promise.allSettled([1, 2, 3].map((n) => pacer.run('a', async () => {
      order.push(n);
      if (n === 2) throw new Error('boom');
    })));
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('Teams outbound: retry on throttling', () => {
  const opts = (sleep: (ms: number) => Promise<void>) => ({ maxAttempts: 3, maxWaitMs: 5000, defaultWaitMs: 500, sleep });

  it('retries a 429 after Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withConnectorRetry(async () => {
      if (++calls < 3) throw restError(429, { 'retry-after': '2' });
      return 'ok';
    }, opts(async (ms) => void waits.push(ms)));
    expect(result).toBe('ok');
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up after the last attempt with a retryable DeliveryError carrying Retry-After', async () => {
    const waits: number[] = [];
    const err = await withConnectorRetry(async () => {
      throw restError(429);
    }, opts(async (ms) => void waits.push(ms))).catch((e: unknown) => e);
    expect(waits).toEqual([500, 1000]); // no Retry-After: doubling waits
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 2000 });
  });

  it('does not retry other failures: 5xx and network are retryable later, 4xx are final', async () => {
    const once = async (e: unknown) => withConnectorRetry(async () => Promise.reject(e), opts(async () => undefined)).catch((x: unknown) => x as DeliveryError);
    expect(await once(restError(502))).toMatchObject({ retryable: true });
    expect(await once(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({ retryable: true, message: expect.stringMatching(/ECONNREFUSED/) });
    expect(await once(restError(403))).toMatchObject({ retryable: false });
    expect(toDeliveryError(new DeliveryError('kept', false))).toMatchObject({ message: 'kept' });
  });

  it('reads Retry-After in seconds, as a date, or in milliseconds', () => {
    const now = Date.parse('2026-12-02T09:00:00Z');
    expect(parseRetryAfter(undefined, '3', now)).toBe(3000);
    expect(parseRetryAfter(undefined, 'Wed, 02 Dec 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('250', '3', now)).toBe(250);
    expect(parseRetryAfter(undefined, 'soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, undefined, now)).toBeUndefined();
  });
});
