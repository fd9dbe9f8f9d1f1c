import type { TurnContext } from 'botbuilder';
import type { CommandContext } from '../../../src/conversation/command-registry';
import type { Mode, Reply } from '../../../src/conversation/reply';
import type { Core } from '../../../src/core';
import type { Actor } from '../../../src/domain/actor';
import type { Logger } from '../../../src/support/logger';
import { channelKey, isPersonal, type TeamsAddresses } from '../conversation-refs';
import type { AdaptiveCard } from '../render/card';
import type { ReplySender } from '../reply-sender';
import { executeData, parseCardSubmit, type CardSubmit } from './card-submit';
import { receiveTeamsFile } from './file-upload';
import { submitWholeForm } from './whole-form';

export interface TurnDeps {
  core: Core;
  sender: ReplySender;
  addresses: TeamsAddresses;
  logger: Logger;
}

const STALE_BUTTON = 'That button is no longer active. Type *help* to start again.';
const CHANNEL_WELCOME =
  'Hello! I am the WBBSi Support Group bot of the IISG Secretariat. Mention me with *help* to see what I can do; reports of your organisation are easiest in a personal chat with me.';

/**
 * What the bot does with each kind of activity. Every path: recognise the person by their AAD object
 * id (unknown people get a short explanation and nothing is stored), drop a repeated activity,
 * remember where they wrote from, ask the core, show its Reply.
 */
export function createTurnHandlers(deps: TurnDeps) {
  const { core, sender, addresses } = deps;

  async function identify(ctx: TurnContext): Promise<Actor | null> {
    const actor = await core.conversation.identify('teams', ctx.activity.from?.aadObjectId);
    if (!actor) await sender.say(ctx, core.conversation.unknownPersonMessage());
    return actor;
  }

  /** False for an activity already handled (Teams redelivers when we are slow; a double click). */
  async function firstDelivery(ctx: TurnContext): Promise<boolean> {
    const { id, conversation } = ctx.activity;
    if (!id) return true;
    // Teams message ids are timestamps, unique only within a conversation: the key includes it.
    const fresh = await core.store.seenKeys.claim(`teams-activity|${conversation.id}|${id}`);
    if (!fresh) deps.logger.info({ activityId: id }, 'repeated Teams activity ignored');
    return fresh;
  }

  /** The person behind a new activity, after remembering their address; null when nothing is to be done. */
  async function begin(ctx: TurnContext): Promise<Actor | null> {
    const actor = await identify(ctx);
    if (!actor || !(await firstDelivery(ctx))) return null;
    await addresses.rememberTurn(ctx.activity, ctx.activity.from.aadObjectId);
    return actor;
  }

  function commandContext(ctx: TurnContext, mode: Mode): CommandContext {
    const personal = isPersonal(ctx.activity);
    return { mode, platform: 'teams', ...(personal ? {} : { channel: { platform: 'teams', id: channelKey(ctx.activity.conversation.id) } }) };
  }

  /** Forms open as whole cards, unless the person is answering one step by step in the chat. */
  async function modeFor(actor: Actor): Promise<Mode> {
    return (await core.conversation.engine.activeChatDraft(actor)) ? 'chat' : 'form';
  }

  async function replyToSubmit(ctx: TurnContext, actor: Actor, submit: CardSubmit): Promise<Reply> {
    if (submit.verb === 'form.submit') return submitWholeForm(core, actor, submit.draftId, submit.raw);
    const action =
      submit.verb === 'answer'
        ? { id: 'form.answer', value: `${submit.draftId}|${submit.field}|${submit.choice}` }
        : { id: submit.id, ...(submit.value !== undefined ? { value: submit.value } : {}) };
    return core.conversation.handle(actor, { action }, commandContext(ctx, await modeFor(actor)));
  }

  return {
    /** Typed text, in a personal chat or by @mention (already stripped by the Application). */
    async onMessage(ctx: TurnContext): Promise<void> {
      const actor = await begin(ctx);
      if (!actor) return;
      if (await receiveTeamsFile(ctx, actor, deps)) return;
      if (ctx.activity.value !== undefined && !ctx.activity.text) return sender.say(ctx, STALE_BUTTON);
      const text = (ctx.activity.text ?? '').trim() || 'help';
      const reply = await core.conversation.handle(actor, { text }, commandContext(ctx, await modeFor(actor)));
      await sender.deliver(ctx, reply, { personId: actor.personId });
    },

    /** Action.Submit: a button, a picked choice, or a whole form. */
    async onSubmit(ctx: TurnContext, data: unknown): Promise<void> {
      const actor = await begin(ctx);
      if (!actor) return;
      const submit = parseCardSubmit(data);
      if (!submit) return sender.say(ctx, STALE_BUTTON);
      const reply = await replyToSubmit(ctx, actor, submit);
      const replace = submit.verb === 'form.submit' ? ctx.activity.replyToId : undefined;
      await sender.deliver(ctx, reply, { personId: actor.personId, ...(replace ? { replace } : {}) });
    },

    /** Action.Execute (Universal Actions): answered with the card that replaces the clicked one. */
    async onExecute(ctx: TurnContext): Promise<AdaptiveCard | string> {
      const actor = await begin(ctx);
      if (!actor) return 'Nothing to do.';
      const submit = parseCardSubmit(executeData(ctx.activity.value));
      if (!submit) return STALE_BUTTON.replace(/\*/g, '');
      const { card, rest } = sender.split(await replyToSubmit(ctx, actor, submit));
      await sender.deliver(ctx, rest, { personId: actor.personId });
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
        if (added && (await firstDelivery(ctx))) await sender.say(ctx, CHANNEL_WELCOME);
        return;
      }
      const actor = await core.conversation.identify('teams', a.from?.aadObjectId);
      if (!actor) return added ? sender.say(ctx, core.conversation.unknownPersonMessage()) : undefined;
      await addresses.rememberTurn(a, a.from.aadObjectId);
      if (!added || !(await firstDelivery(ctx))) return;
      const reply = await core.conversation.handle(actor, { text: 'help' }, commandContext(ctx, 'form'));
      await sender.deliver(ctx, reply, { personId: actor.personId });
    },
  };
}
export type TurnHandlers = ReturnType<typeof createTurnHandlers>;
