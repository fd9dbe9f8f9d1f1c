import type { App, BlockAction, RespondFn } from '@slack/bolt';
import type { ChatInput, Mode } from '../../../src/conversation/reply';
import type { SlackDeps } from '../context';
import { converse } from '../converse';
import { guarded, type ClickedMessage, type Surface } from '../deliver';
import { actionInput, type SlackElementAction } from '../parse/action-input';
import type { SlackStateValues } from '../parse/view-state';
import { publishHome } from './app-home.handler';

/**
 * Where a click happened decides where the answer goes and how a form opens:
 *  - a message in the DM conversation → answer in the DM, forms step by step ('chat');
 *  - an ephemeral message (a slash command's answer) → answer ephemerally, forms as modals;
 *  - the Home tab or a modal → answer in the DM, forms as modals, and refresh the Home tab.
 */
function placeOf(body: BlockAction, respond: RespondFn | undefined): { surface: Surface; mode: Mode; home: boolean } {
  const userId = body.user.id;
  const channel = body.channel?.id;
  const ephemeral = body.container?.is_ephemeral === true;
  const inView = body.container?.type === 'view' || body.view !== undefined;
  if (inView || !channel) return { surface: { kind: 'dm', userId }, mode: 'form', home: body.view?.type === 'home' };
  if (ephemeral) return { surface: respond ? { kind: 'respond', respond, userId } : { kind: 'ephemeral', channel, userId }, mode: 'form', home: false };
  return { surface: { kind: 'channel', channel, userId }, mode: channel.startsWith('D') ? 'chat' : 'form', home: false };
}

/** The message clicked, when it can be replaced: a DM message by its ts, an ephemeral one through its response_url. */
function clickedOf(body: BlockAction, surface: Surface): ClickedMessage | undefined {
  if (surface.kind === 'respond') return { kind: 'respond', respond: surface.respond };
  const ts = body.container?.message_ts ?? body.message?.ts;
  if (surface.kind === 'channel' && typeof ts === 'string') return { kind: 'message', channel: surface.channel, ts };
  return undefined;
}

/** Every button and select: acknowledged at once, then routed to the core with its action and value. */
export function registerActionHandler(bolt: App, deps: SlackDeps): void {
  bolt.action(/.*/, async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const parsed = actionInput(action as unknown as SlackElementAction, body.state?.values as SlackStateValues | undefined);
    if (parsed.kind === 'ignore') return;
    const { surface, mode, home } = placeOf(body, respond);
    const userId = body.user.id;
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        const input: ChatInput = parsed.kind === 'open-form' ? { action: { id: 'draft.continue', value: parsed.draftId } } : parsed.input;
        const ctx = {
          mode: parsed.kind === 'open-form' ? ('form' as const) : mode,
          ...(body.channel?.id ? { channel: { platform: 'slack' as const, id: body.channel.id } } : {}),
        };
        const clicked = clickedOf(body, surface);
        const reply = await converse(deps, surface, userId, input, ctx, { triggerId: body.trigger_id, ...(clicked ? { clicked } : {}) });
        if (home && !reply.unregistered) await publishHome(deps, userId);
      }),
    );
  });
}
