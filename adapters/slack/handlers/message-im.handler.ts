import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { converse } from '../converse';
import { guarded, type Surface } from '../deliver';
import { typedText } from '../parse/message-text';
import { deliveryIdOf } from './first-delivery';

interface ImMessage {
  channel_type?: unknown;
  channel?: unknown;
  subtype?: unknown;
  bot_id?: unknown;
  user?: unknown;
  text?: unknown;
}

/**
 * Direct messages (`message.im`): the step-by-step conversation, answered in the DM. Bot messages,
 * edits, deletions and other subtypes are ignored; a redelivered event is handled once.
 */
export function registerMessageImHandler(bolt: App, deps: SlackDeps): void {
  bolt.message(async ({ message, body }) => {
    const m = message as ImMessage;
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id !== undefined) return;
    if (typeof m.user !== 'string' || typeof m.channel !== 'string' || typeof m.text !== 'string') return;
    const { user: userId, channel } = m;
    const text = typedText(m.text);
    const surface: Surface = { kind: 'channel', channel, userId };
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        const ctx = { mode: 'chat' as const, channel: { platform: 'slack' as const, id: channel }, ...deliveryIdOf(body.event_id) };
        await converse(deps, surface, userId, { text }, ctx);
      }),
    );
  });
}
