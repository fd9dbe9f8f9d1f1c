import type { TurnContext } from 'botbuilder';
import type { CommandContext } from '../../../src/conversation/command-registry';
import type { ChatInput, Reply } from '../../../src/conversation/reply';
import type { Core } from '../../../src/core';
import type { Logger } from '../../../src/support/logger';
import { channelKey, isPersonal, referenceOf, routeOf, type TeamsAddresses } from '../conversation-refs';
import type { AdaptiveCard } from '../render/card';
import type { ReplySender } from '../reply-sender';
import type { TeamsNotifier } from '../teams-notifier';
import { executeData, parseCardSubmit, type CardSubmit } from './card-submit';
import { downloadTeamsFile, fileOf, type TeamsFile } from './file-upload';

export interface TurnDeps {
  core: Core;
  sender: ReplySender;
  addresses: TeamsAddresses;
  /** Opens the person's 1:1 chat for answers that are not for the whole channel. */
  notifier: Pick<TeamsNotifier, 'inPersonalChat'>;
  logger: Logger;
}

const STALE_BUTTON = 'That button is no longer active. Type *help* to start again.';
const SENT_PRIVATELY = 'I have answered you in our personal chat.';
const NO_PRIVATE_CHAT =
  'This answer is for you only, and I could not open a personal chat with you. Please open the WBBSi app in Teams (Apps, then WBBSi), write to me there, and ask again.';
const CHANNEL_WELCOME =
  'Hello! I am the WBBSi Support Group bot of the IISG Secretariat. Mention me with *help* to see what I can do; reports of your organisation are easiest in a personal chat with me.';

/**
 * What the bot does with each kind of activity: the core identifies the person (unknown people get
 * a short explanation and nothing is stored), drops a repeated activity and answers; here the
 * activity is translated into that one call, where they wrote from is remembered, and the Reply is
 * shown where it belongs.
 */
export function createTurnHandlers(deps: TurnDeps) {
  const { core, sender, addresses } = deps;

  function commandContext(ctx: TurnContext): CommandContext {
    const a = ctx.activity;
    const personal = isPersonal(a);
    return {
      // Forms open as whole cards, unless the person is answering one step by step in the chat.
      mode: 'auto',
      platform: 'teams',
      ...(personal ? {} : { channel: { platform: 'teams', id: channelKey(a.conversation.id) } }),
      // Teams message ids are timestamps, unique only within a conversation: the key includes it.
      ...(a.id ? { deliveryId: `teams-activity|${a.conversation.id}|${a.id}` } : {}),
    };
  }

  /** One input to the core; null when there is nothing to show (a repeated activity). */
  async function converse(ctx: TurnContext, input: ChatInput): Promise<Reply | null> {
    const from = ctx.activity.from?.aadObjectId;
    const remember = async () => addresses.rememberTurn(ctx.activity, from);
    const reply = await core.conversation.receive({ platform: 'teams', userId: typeof from === 'string' ? from : '' }, input, { ...commandContext(ctx), onIdentified: remember });
    if (!reply.duplicate) return reply;
    deps.logger.info({ activityId: ctx.activity.id }, 'repeated Teams activity ignored');
    return null;
  }

  function inputOf(submit: CardSubmit): ChatInput {
    if (submit.verb === 'form.submit') return { form: { op: 'submit', draftId: submit.draftId, values: submit.raw } };
    if (submit.verb === 'answer') return { action: { id: 'form.answer', value: `${submit.draftId}|${submit.field}|${submit.choice}` } };
    return { action: { id: submit.id, ...(submit.value !== undefined ? { value: submit.value } : {}) } };
  }

  /** In a channel or group chat, a reply not meant for the group (and not a refusal to a stranger) goes to the 1:1 chat. */
  const privately = (ctx: TurnContext, reply: Reply) => !isPersonal(ctx.activity) && reply.audience !== 'group' && !reply.unregistered;

  /**
   * Shows a reply where it belongs. In a 1:1 chat: right there. In a channel or group chat, only what
   * the core marks as meant for the group is posted there; anything else (records, drafts, forms,
   * reports, errors) goes to the person's 1:1 chat, opened if needed, and the channel gets one line.
   */
  async function show(ctx: TurnContext, reply: Reply, opts: { replace?: string } = {}): Promise<void> {
    if (!privately(ctx, reply)) return sender.deliver(ctx, reply, { personId: reply.personId, ...opts });
    await sender.say(ctx, (await sendPrivately(ctx, reply)) ? SENT_PRIVATELY : NO_PRIVATE_CHAT);
  }

  async function sendPrivately(ctx: TurnContext, reply: Reply): Promise<boolean> {
    const aad = ctx.activity.from?.aadObjectId;
    if (!aad) return false;
    const here = referenceOf(ctx.activity);
    try {
      await deps.notifier.inPersonalChat(aad, (c) => sender.deliver(c, reply, { personId: reply.personId }), here ? routeOf(here) : null);
      return true;
    } catch (err) {
      deps.logger.warn({ err, personId: reply.personId }, 'could not answer a channel message privately');
      return false;
    }
  }

  /**
   * A file sent in the personal chat: a spreadsheet to import. Refused (without downloading) for anyone
   * who may not send files; otherwise downloaded and handed to the core, which checks it.
   */
  async function receiveFile(ctx: TurnContext, file: TeamsFile): Promise<void> {
    const from = ctx.activity.from?.aadObjectId;
    const refused = await core.conversation.uploadRefusal({ platform: 'teams', userId: typeof from === 'string' ? from : '' });
    if (refused) return sender.deliver(ctx, refused, { personId: refused.personId });
    const got = await downloadTeamsFile(file, core.config.teams?.localMode === true);
    if (typeof got === 'string') return sender.say(ctx, got);
    const reply = await converse(ctx, { file: { ...got, ...(ctx.activity.text ? { hint: ctx.activity.text } : {}) } });
    if (reply) await show(ctx, reply);
  }

  return {
    /** Typed text, in a personal chat or by @mention (already stripped by the Application). */
    async onMessage(ctx: TurnContext): Promise<void> {
      const file = isPersonal(ctx.activity) ? fileOf(ctx.activity) : null;
      if (file) return receiveFile(ctx, file);
      if (ctx.activity.value !== undefined && !ctx.activity.text) return sender.say(ctx, STALE_BUTTON);
      const text = (ctx.activity.text ?? '').trim() || 'help';
      const reply = await converse(ctx, { text });
      if (reply) await show(ctx, reply);
    },

    /** Action.Submit: a button, a picked choice, or a whole form. */
    async onSubmit(ctx: TurnContext, data: unknown): Promise<void> {
      const submit = parseCardSubmit(data);
      if (!submit) return sender.say(ctx, STALE_BUTTON);
      const reply = await converse(ctx, inputOf(submit));
      if (!reply) return;
      // A submitted form, or a clicked question the core says is now answered, is updated in place.
      const replace = (submit.verb === 'form.submit' || reply.answered) && !reply.unregistered ? ctx.activity.replyToId : undefined;
      await show(ctx, reply, replace ? { replace } : {});
    },

    /** Action.Execute (Universal Actions): answered with the card that replaces the clicked one. */
    async onExecute(ctx: TurnContext): Promise<AdaptiveCard | string> {
      const submit = parseCardSubmit(executeData(ctx.activity.value));
      if (!submit) return STALE_BUTTON.replace(/\*/g, '');
      const reply = await converse(ctx, inputOf(submit));
      if (!reply) return 'Nothing to do.';
      if (privately(ctx, reply)) return (await sendPrivately(ctx, reply)) ? SENT_PRIVATELY : NO_PRIVATE_CHAT;
      const { card, rest } = sender.split(reply);
      await sender.deliver(ctx, rest, { personId: reply.personId });
      return card ?? 'Done.';
    },

    /** The bot installed for a person, or added to a team or a group chat: remember where, say hello. */
    async onConversationUpdate(ctx: TurnContext): Promise<void> {
      const a = ctx.activity;
      const added = (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
      const installed = a.type === 'installationUpdate' && a.action === 'add';
      if (!added && !installed) return;
      if (!isPersonal(a)) {
        await addresses.rememberTurn(a, undefined);
        if (added && (await core.store.seenKeys.claim(`teams-activity|${a.conversation.id}|${a.id ?? ''}`))) await sender.say(ctx, CHANNEL_WELCOME);
        return;
      }
      if (added) {
        const reply = await converse(ctx, { text: 'help' });
        if (reply) await sender.deliver(ctx, reply, { personId: reply.personId });
        return;
      }
      // Installed without being added (an update of the app): remember the chat, say nothing.
      if (await core.conversation.identify({ platform: 'teams', userId: a.from?.aadObjectId ?? '' })) await addresses.rememberTurn(a, a.from.aadObjectId);
    },
  };
}
export type TurnHandlers = ReturnType<typeof createTurnHandlers>;
