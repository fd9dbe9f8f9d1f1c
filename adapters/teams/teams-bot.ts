import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { genericErrorMessage } from '../../src/errors';
import { errorReference } from '../../src/support/ids';
import type { Logger } from '../../src/support/logger';
import { SUBMIT_VERBS } from './inbound/card-submit';
import type { TurnHandlers } from './inbound/turn-handlers';
import type { ReplySender } from './reply-sender';

/**
 * teams-ai 1.7.4 starts its typing timer in `run()` whatever the `startTypingTimer` option says (and
 * keeps one timer for all concurrent turns), so a turn slower than a second sent stray "typing"
 * activities. This honours the option.
 */
class BotApplication extends Application {
  override startTypingTimer(context: TurnContext): void {
    if (this.options.startTypingTimer) super.startTypingTimer(context);
  }
}

/**
 * The teams-ai Application: routes each activity to its handler. Typing indicators are off (our
 * replies are quick, and a timer outliving the turn is noise in tests); the bot's @mention is
 * removed from channel messages before the text reaches the core.
 */
export function createTeamsApplication(deps: { adapter: TeamsAdapter; appId: string; turns: TurnHandlers; sender: ReplySender; logger: Logger }) {
  const { turns } = deps;
  const app = new BotApplication({
    adapter: deps.adapter,
    ...(deps.appId ? { botAppId: deps.appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });
  app.activity(ActivityTypes.ConversationUpdate, (ctx) => turns.onConversationUpdate(ctx));
  app.activity(ActivityTypes.InstallationUpdate, (ctx) => turns.onConversationUpdate(ctx));
  app.adaptiveCards.actionSubmit([...SUBMIT_VERBS], (ctx, _state, data) => turns.onSubmit(ctx, data));
  app.adaptiveCards.actionExecute([...SUBMIT_VERBS], (ctx) => turns.onExecute(ctx));
  // Last: typed text, and submits from cards we no longer understand.
  app.activity(ActivityTypes.Message, (ctx) => turns.onMessage(ctx));

  // Anything unexpected: logged with a reference the person also sees; the request still gets 200,
  // so Teams does not redeliver an activity that would fail again.
  app.error(async (ctx, err) => {
    const ref = errorReference();
    deps.logger.error({ err, ref, activityType: ctx.activity?.type }, 'error handling a Teams activity');
    if (ctx.activity?.type !== ActivityTypes.Message) return;
    await deps.sender.say(ctx, genericErrorMessage(ref)).catch(() => undefined);
  });
  return app;
}
