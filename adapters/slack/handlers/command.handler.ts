import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { converse } from '../converse';
import { guarded, type Surface } from '../deliver';
import { typedText } from '../parse/message-text';

/**
 * `/wbbsi <subcommand>`: acknowledged at once (Slack's 3-second deadline), then handled by the
 * conversation like typed text, with forms opening as modals (the trigger_id is used right away).
 * The answer is ephemeral, through the command's response_url. Help, refusals, routing of
 * Secretariat commands and unknown subcommands are the core's business.
 */
export function registerCommandHandler(bolt: App, deps: SlackDeps): void {
  // Every slash command of this app is ours (the manifest declares /wbbsi).
  bolt.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const userId = command.user_id;
    const surface: Surface = { kind: 'respond', respond, userId };
    void deps.queue.run(userId, () =>
      guarded(deps, surface, async () => {
        const text = typedText(command.text ?? '').trim() || 'help';
        const ctx = { mode: 'form' as const, channel: { platform: 'slack' as const, id: command.channel_id }, asCommand: true };
        await converse(deps, surface, userId, { text }, ctx, { triggerId: command.trigger_id });
      }),
    );
  });
}
