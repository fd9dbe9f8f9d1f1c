import type { RespondFn } from '@slack/bolt';
import type { Reply } from '../../src/conversation/reply';
import { genericErrorMessage } from '../../src/errors';
import type { BotFile, BotMessage } from '../../src/messages/bot-message';
import { finalizeMessage } from '../../src/messages/finalize';
import type { FormView } from '../../src/messages/form-view';
import { errorReference } from '../../src/support/ids';
import type { SlackDeps } from './context';
import { dmChannel } from './dm-channel';
import { combinedBlocks, fallbackText, messageBlocks, SLACK_ACTIONS } from './render/blocks';
import { LIMITS } from './render/limits';
import { modalView } from './render/modal';

/** Where the person is talking to us, i.e. where the answer goes. */
export type Surface =
  /** A conversation the bot posts in (the person's DM with the bot). */
  | { kind: 'channel'; channel: string; userId: string }
  /** Only the person sees it, through the request's response_url (slash commands, ephemeral buttons). */
  | { kind: 'respond'; respond: RespondFn; userId: string }
  /** Only the person sees it, in a channel without a response_url (an @mention). */
  | { kind: 'ephemeral'; channel: string; userId: string }
  /** The person's DM, opened if needed (clicks on the Home tab, modal confirmations). */
  | { kind: 'dm'; userId: string };

/** Shows messages on the surface. Messages are finalized here (Kosovo*, footnote), once. */
export async function postMessages(deps: SlackDeps, surface: Surface, raw: BotMessage[]): Promise<void> {
  const messages = raw.map(finalizeMessage);
  if (!messages.length) return;
  switch (surface.kind) {
    case 'respond':
      await surface.respond({ response_type: 'ephemeral', replace_original: false, text: fallbackText(messages), blocks: combinedBlocks(messages) });
      return;
    case 'ephemeral':
      await deps.web.chat.postEphemeral({ channel: surface.channel, user: surface.userId, text: fallbackText(messages), blocks: combinedBlocks(messages) });
      return;
    default: {
      const channel = surface.kind === 'channel' ? surface.channel : await dmChannel(deps.web, deps.core.store, surface.userId);
      for (const m of messages) {
        await deps.web.chat.postMessage({ channel, text: fallbackText([m]), blocks: messageBlocks(m).slice(0, LIMITS.blocksPerMessage) });
      }
    }
  }
}

/** The message a click came from, which the reply's `answered` replaces (its buttons gone). */
export type ClickedMessage = { kind: 'message'; channel: string; ts: string } | { kind: 'respond'; respond: RespondFn };

/** An answered question is replaced in place (chat.update, or the response_url's replace_original). */
async function replaceClicked(deps: SlackDeps, clicked: ClickedMessage, answered: BotMessage): Promise<void> {
  const m = finalizeMessage(answered);
  const content = { text: fallbackText([m]), blocks: messageBlocks(m).slice(0, LIMITS.blocksPerMessage) };
  try {
    if (clicked.kind === 'message') await deps.web.chat.update({ channel: clicked.channel, ts: clicked.ts, ...content });
    else await clicked.respond({ replace_original: true, ...content });
  } catch (err) {
    // A message too old or deleted cannot be edited: the rest of the reply still goes out.
    deps.logger.warn({ err }, 'could not replace the clicked message');
  }
}

async function openModal(deps: SlackDeps, triggerId: string, form: FormView): Promise<boolean> {
  try {
    await deps.web.views.open({ trigger_id: triggerId, view: modalView(form) });
    return true;
  } catch (err) {
    // trigger_ids expire after 3 s and work once: fall back to a button that opens it again.
    deps.logger.warn({ err }, 'views.open failed; offering a button instead');
    return false;
  }
}

/** Files go where the person talks to us: the DM, or their DM when the answer was ephemeral. */
async function uploadFile(deps: SlackDeps, surface: Surface, file: BotFile): Promise<void> {
  const channel = surface.kind === 'channel' ? surface.channel : await dmChannel(deps.web, deps.core.store, surface.userId);
  await deps.web.filesUploadV2({ channel_id: channel, file: file.content, filename: file.name, title: file.title ?? file.name });
}

/**
 * Renders a Reply: opens its form as a modal when a trigger_id is at hand (else offers a button),
 * shows its messages, uploads its files, then runs `later` (a slow report) outside the person's
 * queue and delivers that too.
 */
export async function deliverReply(deps: SlackDeps, surface: Surface, reply: Reply, opts: { triggerId?: string; clicked?: ClickedMessage } = {}): Promise<void> {
  if (reply.answered && opts.clicked) await replaceClicked(deps, opts.clicked, reply.answered);
  const messages = [...reply.messages];
  if (reply.form && !(opts.triggerId && (await openModal(deps, opts.triggerId, reply.form)))) {
    messages.push({
      text: `*${reply.form.title}*: your form is ready.`,
      buttons: [{ label: 'Open the form', action: SLACK_ACTIONS.openForm, value: reply.form.draftId, style: 'primary' }],
    });
  }
  const files = reply.files ?? [];
  if (files.length && surface.kind !== 'channel') messages.push({ text: `_I have sent ${files.length === 1 ? 'the file' : `the ${files.length} files`} to our direct messages._` });
  await postMessages(deps, surface, messages);
  for (const file of files) await uploadFile(deps, surface, file);
  const later = reply.later;
  if (later) {
    deps.queue.detach(async () => {
      let next: Reply;
      try {
        next = await later();
      } catch (err) {
        const ref = errorReference();
        deps.logger.error({ err, ref }, 'slow reply failed');
        next = { messages: [{ text: genericErrorMessage(ref) }] };
      }
      await deliverReply(deps, surface, next);
    });
  }
}

/**
 * Runs a listener's work; an unexpected failure is logged with a reference and the person gets a
 * polite answer quoting it (never silence).
 */
export async function guarded(deps: SlackDeps, surface: Surface | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const ref = errorReference();
    deps.logger.error({ err, ref }, 'Slack request failed');
    if (!surface) return;
    await postMessages(deps, surface, [{ text: genericErrorMessage(ref) }]).catch((e: unknown) =>
      deps.logger.error({ err: e, ref }, 'could not tell the person about the failure'),
    );
  }
}
