/**
 * Per-conversation pacing under Teams' bot limits (about 7 messages per second and 60 per 30 seconds
 * per conversation; Microsoft's documented figures leave some headroom at these values). Sends to one
 * conversation are queued in order; each waits until both sliding windows have room. Real time, not
 * the injected clock: this paces HTTP calls, it does not decide anything.
 */
export interface PacerWindow {
  max: number;
  perMs: number;
}

export const TEAMS_WINDOWS: PacerWindow[] = [
  { max: 7, perMs: 1000 },
  { max: 60, perMs: 30_000 },
];

export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PacerTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private readonly sent = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly longest: number;
  private stamps = 0;

  constructor(
    private readonly windows: PacerWindow[] = TEAMS_WINDOWS,
    private readonly time: PacerTime = realTime,
  ) {
    this.longest = Math.max(...windows.map((w) => w.perMs));
  }

  /** Runs `fn` for this conversation once the windows allow, after earlier sends to it. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await this.waitForRoom(key);
      this.stamp(key);
      return fn();
    });
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  /** How long a send to this conversation would wait now (0 = at once). */
  delayFor(key: string): number {
    const now = this.time.now();
    const stamps = this.prune(key, now);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = stamps.filter((t) => t > now - w.perMs);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max]! + w.perMs - now);
    }
    return Math.max(0, Math.ceil(wait));
  }

  private async waitForRoom(key: string): Promise<void> {
    for (let wait = this.delayFor(key); wait > 0; wait = this.delayFor(key)) await this.time.sleep(wait);
  }

  private stamp(key: string): void {
    const now = this.time.now();
    const list = this.sent.get(key) ?? [];
    list.push(now);
    this.sent.set(key, list);
    // Now and then forget conversations that have been quiet for longer than the longest window.
    if (++this.stamps % 500 === 0) for (const k of [...this.sent.keys()]) this.prune(k, now);
  }

  private prune(key: string, now: number): number[] {
    const kept = (this.sent.get(key) ?? []).filter((t) => t > now - this.longest);
    if (kept.length) this.sent.set(key, kept);
    else this.sent.delete(key);
    return kept;
  }
}
