import type { BotFile, BotMessage } from '../messages/bot-message';
import { finalizeMessage } from '../messages/finalize';
import { DeliveryError, type Notifier, type Recipient, type SentRef } from './notifier';

/**
 * Sends to a person on the first platform that can reach them (in the order given: Slack, Teams,
 * console); channel messages go to the notifier of the channel's platform. Every message is passed
 * through finalizeMessage, so Kosovo* and its footnote are never forgotten.
 */
export class CompositeNotifier implements Notifier {
  readonly platform = 'slack' as const;
  constructor(private readonly notifiers: Notifier[]) {}

  add(n: Notifier): void {
    this.notifiers.push(n);
  }

  private async pick(to: Recipient): Promise<Notifier> {
    for (const n of this.notifiers) {
      if (to.kind === 'channel' && n.platform !== to.platform) continue;
      if (await n.canReach(to)) return n;
    }
    throw new DeliveryError(
      to.kind === 'person' ? `no platform can reach person ${to.personId}` : `no ${to.platform} notifier for channel ${to.channel}`,
      false,
    );
  }

  async canReach(to: Recipient): Promise<boolean> {
    for (const n of this.notifiers) if (await n.canReach(to)) return true;
    return false;
  }

  async send(to: Recipient, message: BotMessage): Promise<SentRef> {
    return (await this.pick(to)).send(to, finalizeMessage(message));
  }

  async update(ref: SentRef, message: BotMessage): Promise<void> {
    const n = this.notifiers.find((x) => x.platform === ref.platform);
    if (!n) throw new DeliveryError(`no ${ref.platform} notifier`, false);
    await n.update(ref, finalizeMessage(message));
  }

  async sendFile(to: Recipient, file: BotFile, message: BotMessage): Promise<SentRef> {
    return (await this.pick(to)).sendFile(to, file, finalizeMessage(message));
  }
}
