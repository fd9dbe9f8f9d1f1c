import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { typedText } from '../parse/message-text';
import { deliverReply, guarded, postMessages, type Surface } from '../deliver';
import { firstDelivery } from './first-delivery';

/**
 * "@WBBSi status" in a channel: handled like a slash command, answered so only the person sees it
 * (records and statuses are not for everyone in the channel).
 */
export function registerAppMentionHandler(bolt: App, deps: SlackDeps): void {
  bolt.event('app_mention', async ({ event, body, context }) => {
    const userId = event.user;
    if (!userId || event.bot_id) return;
    const surface: Surface = { kind: 'ephemeral', channel: event.channel, userId };
    const text = typedText(event.text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')).trim() || 'help';
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        if (!(await firstDelivery(deps, body.event_id, context.retryNum))) return;
        const actor = await deps.core.conversation.identify('slack', userId);
        if (!actor) return postMessages(deps, surface, [{ text: deps.core.conversation.unknownPersonMessage() }]);
        const reply = await deps.core.conversation.handle(actor, { text }, {
          mode: 'form',
          platform: 'slack',
          channel: { platform: 'slack', id: event.channel },
          asCommand: true,
        });
        await deliverReply(deps, surface, reply);
      }),
    );
  });
}
