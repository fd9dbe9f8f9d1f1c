import { CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import { say, type Reply } from '../../src/conversation/reply';
import { genericErrorMessage } from '../../src/errors';
import type { FileLinks } from '../../src/files/file-links';
import type { BotFile } from '../../src/messages/bot-message';
import { finalizeMessage } from '../../src/messages/finalize';
import { DeliveryError } from '../../src/notify/notifier';
import { errorReference } from '../../src/support/ids';
import type { Logger } from '../../src/support/logger';
import { referenceOf } from './conversation-refs';
import type { Outbound } from './outbound/outbound';
import { summaryOf, type AdaptiveCard } from './render/card';
import { fileCard } from './render/file-card';
import { formCard } from './render/form-card';
import { messageCard } from './render/message-card';

export interface ReplySenderDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode), for continuing a conversation after the turn. */
  appId: string;
  outbound: Outbound;
  files: FileLinks;
  timezone: string;
  logger: Logger;
}

interface RenderedCard {
  card: AdaptiveCard;
  summary: string;
}

/** A message activity carrying one Adaptive Card (`summary` is what notifications show). */
export function cardActivity({ card, summary }: RenderedCard) {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)], ...(summary ? { summary } : {}) };
}

/** The cards of a reply, in order: its messages (finalised: Kosovo* and footnote), then its form. */
export function replyCards(reply: Reply): RenderedCard[] {
  const cards = reply.messages.map((m) => {
    const f = finalizeMessage(m);
    return { card: messageCard(f), summary: summaryOf(f.text) };
  });
  if (reply.form) cards.push({ card: formCard(reply.form), summary: reply.form.title });
  return cards;
}

/**
 * Shows a core Reply in Teams, inside the turn: every message and the form as cards, files as
 * download cards, and `later` (slow reports) after the turn, in the same conversation. With
 * `replace`, the card the person clicked is updated in place: to the reply's `answered` (a question
 * answered), else to the form with its errors or the confirmation, instead of a new card under it.
 */
export class ReplySender {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: ReplySenderDeps) {}

  async deliver(ctx: TurnContext, reply: Reply, opts: { replace?: string; personId?: string } = {}): Promise<void> {
    const cards = replyCards(reply);
    if (opts.replace && reply.answered) {
      // An answered question: the clicked card now shows the answer, without buttons; the rest follows.
      const answered = finalizeMessage(reply.answered);
      await this.replaceOrSend(ctx, opts.replace, { card: messageCard(answered), summary: summaryOf(answered.text) });
    } else if (opts.replace && cards.length) {
      // The form (re-shown with errors) replaces the submitted card; otherwise the first message does.
      const index = reply.form ? cards.length - 1 : 0;
      const [primary] = cards.splice(index, 1);
      await this.replaceOrSend(ctx, opts.replace, primary!);
    }
    for (const c of cards) await this.send(ctx, c);
    for (const file of reply.files ?? []) await this.sendFile(ctx, file, opts.personId);
    if (reply.later) this.runLater(ctx, reply.later, opts.personId);
  }

  /** The card an Action.Execute answers with (it replaces the clicked card), and the rest of the reply. */
  split(reply: Reply): { card: AdaptiveCard | null; rest: Reply } {
    if (reply.answered) return { card: messageCard(finalizeMessage(reply.answered)), rest: { ...reply, answered: undefined } };
    if (reply.form) return { card: formCard(reply.form), rest: { ...reply, form: undefined } };
    const [first, ...others] = reply.messages;
    return { card: first ? messageCard(finalizeMessage(first)) : null, rest: { ...reply, messages: others } };
  }

  async say(ctx: TurnContext, text: string): Promise<void> {
    await this.deliver(ctx, say(text));
  }

  async send(ctx: TurnContext, card: RenderedCard): Promise<string | undefined> {
    const res = await this.deps.outbound.call(ctx.activity.conversation.id, () => ctx.sendActivity(cardActivity(card)));
    return res?.id;
  }

  async sendFile(ctx: TurnContext, file: BotFile, personId?: string): Promise<void> {
    const link = await this.deps.files.create(file, { personId });
    await this.send(ctx, { card: fileCard(file, link, this.deps.timezone), summary: file.title ?? file.name });
  }

  /** Waits for replies still being prepared after their turn (app shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async replaceOrSend(ctx: TurnContext, activityId: string, card: RenderedCard): Promise<void> {
    try {
      await this.deps.outbound.call(ctx.activity.conversation.id, () => ctx.updateActivity({ ...cardActivity(card), id: activityId }));
    } catch (err) {
      // The original card is gone or cannot be edited: post the new one instead.
      if (err instanceof DeliveryError && err.retryable) throw err;
      await this.send(ctx, card);
    }
  }

  private runLater(ctx: TurnContext, later: () => Promise<Reply>, personId?: string): void {
    const ref = referenceOf(ctx.activity, { thread: true });
    const task = (async () => {
      let reply: Reply;
      try {
        reply = await later();
      } catch (err) {
        const ref = errorReference();
        this.deps.logger.error({ err, ref }, 'a slow reply failed');
        reply = say(genericErrorMessage(ref));
      }
      if (!ref) return;
      await this.deps.adapter.continueConversationAsync(this.deps.appId, ref, (c) => this.deliver(c, reply, { personId }));
    })().catch((err) => this.deps.logger.warn({ err }, 'could not deliver a late Teams reply'));
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }
}
