import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { typedText } from '../parse/message-text';
import { converse } from '../converse';
import { guarded, type Surface } from '../deliver';
import { deliveryIdOf } from './first-delivery';

/**
 * "@WBBSi status" in a channel: handled like a slash command, answered so only the person sees it
 * (records and statuses are not for everyone in the channel).
 */
export function registerAppMentionHandler(bolt: App, deps: SlackDeps): void {
  bolt.event('app_mention', async ({ event, body }) => {
    const userId = event.user;
    if (!userId || event.bot_id) return;
    const surface: Surface = { kind: 'ephemeral', channel: event.channel, userId };
    const text = typedText(event.text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')).trim() || 'help';
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        const ctx = { mode: 'form' as const, channel: { platform: 'slack' as const, id: event.channel }, asCommand: true, ...deliveryIdOf(body.event_id) };
        await converse(deps, surface, userId, { text }, ctx);
      }),
    );
  });
}
