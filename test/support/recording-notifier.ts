import type { BotFile, BotMessage } from '../../src/messages/bot-message';
import { DeliveryError, type Notifier, type Recipient, type SentRef } from '../../src/notify/notifier';
import type { Clock } from '../../src/support/clock';

export interface Sent {
  at: Date;
  /** personId, or `slack:#channel` for a channel. */
  to: string;
  recipient: Recipient;
  message: BotMessage;
}

export const recipientKey = (r: Recipient): string => (r.kind === 'person' ? r.personId : `${r.platform}:${r.channel}`);

/**
 * A fake platform that records every message it accepts. It can be told to refuse some recipients
 * for good, to fail a recipient N times with a retryable DeliveryError (rate limited), or to "die"
 * after N more messages: from then on every send throws a plain Error (outcome unknown, like a
 * crashed process) or never returns (like a killed one).
 */
export class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  private readonly permanent = new Map<string, string>();
  private readonly transient = new Map<string, { times: number; retryAfterMs?: number }>();
  private death?: { after: number; mode: 'throw' | 'hang' };
  private hangWaiters: { count: number; resolve: () => void }[] = [];
  attempts = 0;
  /** Sends stuck forever in 'hang' mode. */
  hanging = 0;

  constructor(
    private readonly clock: Clock,
    readonly platform: 'slack' | 'teams' = 'slack',
  ) {}

  /** Every send to this recipient fails with a non-retryable DeliveryError (e.g. unknown user). */
  refuse(key: string, reason = 'user_not_found'): this {
    this.permanent.set(key, reason);
    return this;
  }

  /** The next `times` sends to this recipient fail with a retryable DeliveryError. */
  failTimes(key: string, times: number, retryAfterMs?: number): this {
    this.transient.set(key, { times, retryAfterMs });
    return this;
  }

  /** After `after` more accepted messages, every send throws (mode 'throw') or hangs ('hang'). */
  dieAfter(after: number, mode: 'throw' | 'hang'): this {
    this.death = { after: this.sent.length + after, mode };
    return this;
  }

  /** Resolves once `count` sends are stuck (the "process" is dead with claims in flight). */
  whenHanging(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.hangWaiters.push({ count, resolve });
      this.wakeHangWaiters();
    });
  }

  private wakeHangWaiters(): void {
    for (const w of this.hangWaiters.filter((x) => this.hanging >= x.count)) w.resolve();
    this.hangWaiters = this.hangWaiters.filter((x) => this.hanging < x.count);
  }

  revive(): this {
    this.death = undefined;
    return this;
  }

  /** Messages accepted for one recipient. */
  to(key: string): Sent[] {
    return this.sent.filter((s) => s.to === key);
  }

  async canReach(to: Recipient): Promise<boolean> {
    return to.kind === 'person' || to.platform === this.platform;
  }

  async send(to: Recipient, message: BotMessage): Promise<SentRef> {
    this.attempts++;
    const key = recipientKey(to);
    if (this.death && this.sent.length >= this.death.after) {
      if (this.death.mode === 'hang') {
        this.hanging++;
        this.wakeHangWaiters();
        return new Promise<SentRef>(() => undefined);
      }
      throw new Error('process died in the middle of the fan-out');
    }
    const reason = this.permanent.get(key);
    if (reason) throw new DeliveryError(reason, false);
    const t = this.transient.get(key);
    if (t && t.times > 0) {
      t.times--;
      throw new DeliveryError('rate_limited', true, t.retryAfterMs);
    }
    this.sent.push({ at: this.clock.now(), to: key, recipient: to, message });
    return { platform: this.platform, channel: key, ref: String(this.sent.length) };
  }

  async update(): Promise<void> {
    // Reminders are never edited after sending.
  }

  async sendFile(to: Recipient, _file: BotFile, message: BotMessage): Promise<SentRef> {
    return this.send(to, message);
  }
}
