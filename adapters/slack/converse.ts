import type { CommandContext } from '../../src/conversation/command-registry';
import type { ChatInput, Reply } from '../../src/conversation/reply';
import type { SlackDeps } from './context';
import { deliverReply, type ClickedMessage, type Surface } from './deliver';

/**
 * One input from a Slack user to the core, and its reply shown on `surface`. The core identifies
 * the person (after keeping the input safe if the database is down), drops redeliveries and routes.
 */
export async function converse(
  deps: SlackDeps,
  surface: Surface,
  userId: string,
  input: ChatInput,
  ctx: Omit<CommandContext, 'platform'>,
  opts: { triggerId?: string; clicked?: ClickedMessage } = {},
): Promise<Reply> {
  const reply = await deps.core.conversation.receive({ platform: 'slack', userId }, input, { ...ctx, platform: 'slack' });
  if (reply.duplicate) return reply;
  // Nothing is stored for people not on the roster: no DM is opened for them (that would remember its channel).
  if (reply.unregistered && surface.kind === 'dm') return reply;
  await deliverReply(deps, surface, reply, opts);
  return reply;
}
