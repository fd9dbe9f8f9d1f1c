import type { WebClient } from '@slack/web-api';
import type { Store } from '../../src/db/store';

/**
 * The bot's direct-message channel with a Slack user: remembered in `addresses` after the first
 * conversations.open, so a reminder to 19 organisations does not open 19 conversations each time.
 */
export async function dmChannel(web: WebClient, store: Store, slackUserId: string): Promise<string> {
  const known = await store.addresses.get('slack', 'person', slackUserId);
  const channel = known?.ref.channel;
  if (typeof channel === 'string' && channel) return channel;
  const opened = await web.conversations.open({ users: slackUserId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  await store.addresses.save('slack', 'person', slackUserId, { channel: id });
  return id;
}
