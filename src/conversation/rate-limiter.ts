/**
 * Per-person token bucket: a burst of `capacity` commands, refilled at `perMinute`. In memory: with
 * several instances each applies its own limit, which is enough to stop a runaway client.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly capacity = 20,
    private readonly perMinute = 30,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `allow` would let this key through now, without using a token. */
  wouldAllow(key: string): boolean {
    const b = this.buckets.get(key);
    return !b || Math.min(this.capacity, b.tokens + ((this.now() - b.at) / 60_000) * this.perMinute) >= 1;
  }

  allow(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
    b.at = t;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
    return ok;
  }
}
