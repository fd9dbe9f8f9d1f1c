import type { WebClient } from '@slack/web-api';
import type { Store } from '../../src/db/store';
import type { BotFile, BotMessage } from '../../src/messages/bot-message';
import type { Notifier, Recipient, SentRef } from '../../src/notify/notifier';
import type { Logger } from '../../src/support/logger';
import { toDeliveryError } from './delivery-errors';
import { dmChannel } from './dm-channel';
import { fallbackText, messageBlocks } from './render/blocks';
import { LIMITS } from './render/limits';

/**
 * The Notifier port on Slack: direct messages (conversations.open, remembered, then
 * chat.postMessage), posts to a channel (the Support Group channel), updates with chat.update, and
 * files with files.uploadV2. Messages arrive finalized by the CompositeNotifier. Every failure is a
 * DeliveryError saying whether trying again later can help.
 */
export class SlackNotifier implements Notifier {
  readonly platform = 'slack' as const;

  constructor(private readonly deps: { web: WebClient; store: Store; logger: Logger }) {}

  async canReach(to: Recipient): Promise<boolean> {
    return to.kind === 'person' ? Boolean(to.slackId) : to.platform === 'slack' && Boolean(to.channel);
  }

  private async channelOf(to: Recipient): Promise<string> {
    if (to.kind === 'channel') return to.channel;
    if (!to.slackId) throw toDeliveryError(new Error(`person ${to.personId} has no Slack id`));
    return dmChannel(this.deps.web, this.deps.store, to.slackId);
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = toDeliveryError(err);
      this.deps.logger.warn({ what, error: e.message, retryable: e.retryable }, 'Slack delivery failed');
      throw e;
    }
  }

  async send(to: Recipient, message: BotMessage): Promise<SentRef> {
    return this.call('send', async () => {
      const channel = await this.channelOf(to);
      const res = await this.deps.web.chat.postMessage({ channel, text: fallbackText([message]), blocks: messageBlocks(message).slice(0, LIMITS.blocksPerMessage) });
      return { platform: 'slack', channel: res.channel ?? channel, ref: res.ts ?? '' };
    });
  }

  async update(ref: SentRef, message: BotMessage): Promise<void> {
    await this.call('update', () =>
      this.deps.web.chat.update({ channel: ref.channel, ts: ref.ref, text: fallbackText([message]), blocks: messageBlocks(message).slice(0, LIMITS.blocksPerMessage) }),
    );
  }

  async sendFile(to: Recipient, file: BotFile, message: BotMessage): Promise<SentRef> {
    return this.call('sendFile', async () => {
      const channel = await this.channelOf(to);
      const res = await this.deps.web.filesUploadV2({
        channel_id: channel,
        file: file.content,
        filename: file.name,
        title: file.title ?? file.name,
        initial_comment: fallbackText([message]),
      });
      const uploaded = (res as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id;
      return { platform: 'slack', channel, ref: uploaded ?? '' };
    });
  }
}
