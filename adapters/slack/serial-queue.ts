import type { Logger } from '../../src/support/logger';

/**
 * Work after the ack, one task at a time per key (a Slack user): two messages typed quickly, or a
 * click right after a message, reach the conversation in the order they were sent, so answers never
 * race on the same draft. Different people run in parallel. Also tracks detached work (`later`
 * replies) so `idle()` can wait for everything on shutdown. In-process only; Slack sends one person's
 * events to one request URL, and the core's draft writes stay safe across instances anyway.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly detached = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch((err: unknown) => {
      this.logger.error({ err }, 'Slack task failed');
    });
    this.tails.set(key, next);
    void next.finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Runs outside any key's order (a slow report must not hold up the person's next command). */
  detach(task: () => Promise<void>): void {
    const p = task().catch((err: unknown) => this.logger.error({ err }, 'Slack background task failed'));
    this.detached.add(p);
    void p.finally(() => this.detached.delete(p));
  }

  /** Resolves when nothing is queued or running, or after `timeoutMs`. */
  async idle(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    const all = async () => {
      while (this.tails.size || this.detached.size) await Promise.all([...this.tails.values(), ...this.detached]);
    };
    await Promise.race([all(), deadline]);
    clearTimeout(timer);
  }
}
