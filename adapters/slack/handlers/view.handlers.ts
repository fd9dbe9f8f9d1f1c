import { createHash } from 'node:crypto';
import type { App, ViewResponseAction } from '@slack/bolt';
import type { Reply } from '../../../src/conversation/reply';
import { genericErrorMessage } from '../../../src/errors';
import { finalizeMessage } from '../../../src/messages/finalize';
import { errorReference } from '../../../src/support/ids';
import type { SlackDeps } from '../context';
import { guarded, postMessages } from '../deliver';
import { messageBlocks, SLACK_ACTIONS } from '../render/blocks';
import { clip, LIMITS } from '../render/limits';
import { formIdOf, inlineErrors, isFormModal, modalView } from '../render/modal';
import type { KnownBlock } from '../render/slack-types';
import { rawFromViewState } from '../parse/view-state';

/** Submitting must be answered within Slack's 3 s of sending; past this budget (from arrival) the modal closes and the answer comes by DM. */
const SUBMIT_BUDGET_MS = 2_000;

function firstInputBlock(view: { blocks?: unknown }): string | undefined {
  return ((view.blocks as { type?: string; block_id?: string }[] | undefined) ?? []).find((b) => b.type === 'input' && b.block_id)?.block_id;
}

/** A modal that only says something (saving, saved, kept, an error with its reference). Not a form: closing it saves nothing. */
function noticeModal(title: string, blocks: KnownBlock[]) {
  return { type: 'modal' as const, title: { type: 'plain_text' as const, text: clip(title, LIMITS.viewTitle) }, close: { type: 'plain_text' as const, text: 'Close' }, blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
const textBlocks = (text: string): KnownBlock[] => [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }];
const noticeView = (title: string, text: string): ViewResponseAction => ({ response_action: 'update', view: noticeModal(title, textBlocks(text)) });
const repliedModal = (title: string, reply: Reply) => noticeModal(title, reply.messages.map(finalizeMessage).flatMap(messageBlocks));

/**
 * view_submission of a form modal. When the core can check the form without the database (it knows
 * the person), the answer is immediate: the field errors inline (`response_action: "errors"`, block
 * id = field name), or a "Saving…" view that is then updated to the confirmation, or to the errors
 * only storage can find (values kept). Otherwise the whole submission runs within a 2 s budget, after
 * which the modal closes and the answer comes by DM. A redelivered or double-clicked submission with
 * the same state is stored once (the core's delivery id: view id + hash of the state).
 *
 * view_closed: what was typed is kept in the draft (notify_on_close is set on every form modal).
 */
export function registerViewHandlers(bolt: App, deps: SlackDeps): void {
  const { core } = deps;

  bolt.view({ type: 'view_submission' }, async ({ ack, body, view }) => {
    if (!isFormModal(view.callback_id)) return ack();
    const userId = body.user.id;
    const values = rawFromViewState(view.state.values);
    const stateHash = createHash('sha256').update(JSON.stringify(view.state.values)).digest('hex').slice(0, 32);
    const submit = () =>
      core.conversation.receive(
        { platform: 'slack', userId },
        { form: { op: 'submit', draftId: view.private_metadata, values } },
        { mode: 'form', platform: 'slack', deliveryId: `slack-view|${view.id}|${stateHash}` },
      );
    const formId = formIdOf(view.callback_id);
    const found = formId ? core.conversation.precheckForm({ platform: 'slack', userId }, formId, values) : null;
    if (found && Object.keys(found).length) {
      const inline = Object.fromEntries(Object.entries(found).map(([k, v]) => [clip(k, LIMITS.blockId), clip(v, LIMITS.hint)]));
      return ack({ response_action: 'errors', errors: inline });
    }
    if (found) {
      await ack({ response_action: 'update', view: noticeModal(view.title?.text ?? 'Saving', textBlocks('Saving…')) });
      void deps.queue.run(userId, () => guarded(deps, { kind: 'dm', userId }, () => saveAfterAck(deps, userId, view.id, submit)));
      return;
    }
    await submitWithinBudget(deps, userId, view, ack as Ack, submit);
  });

  bolt.view({ type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    if (!isFormModal(view.callback_id)) return;
    const userId = body.user.id;
    // What was typed is kept in the draft; Slack shows nothing after a close, so neither do we.
    void deps.queue.run(userId, () =>
      guarded(deps, undefined, async () => {
        await core.conversation.receive(
          { platform: 'slack', userId },
          { form: { op: 'close', draftId: view.private_metadata, values: rawFromViewState(view.state.values) } },
          { mode: 'form', platform: 'slack' },
        );
      }),
    );
  });
}

/** After the "Saving…" ack: stores the submission and turns the modal into its outcome (or tells by DM if it was closed). */
async function saveAfterAck(deps: SlackDeps, userId: string, viewId: string, submit: () => Promise<Reply>): Promise<void> {
  const reply = await submit();
  // A second copy of a submission: the first one updates the modal, unless it is long done.
  if (reply.duplicate && !reply.messages.length) return;
  const view = reply.form ? modalView(reply.form) : repliedModal(reply.kept ? 'Kept' : reply.error || reply.unregistered ? 'Sorry' : 'Saved', reply);
  try {
    await deps.web.views.update({ view_id: viewId, view });
  } catch (err) {
    // Closed meanwhile (or gone): the answer comes by DM, with a way back to the form if it needs corrections.
    deps.logger.info({ err }, 'the saving view could not be updated; answering by DM');
    const messages = reply.form ? [correctionsMessage(reply.form)] : reply.messages;
    await postMessages(deps, { kind: 'dm', userId }, messages);
  }
}

const correctionsMessage = (form: NonNullable<Reply['form']>) => ({
  text: `*${form.title}*: some answers need a correction.`,
  buttons: [{ label: 'Open the form', action: SLACK_ACTIONS.openForm, value: form.draftId, style: 'primary' as const }],
});

type Ack = (response?: ViewResponseAction) => Promise<void>;

/** The slow path: everything before answering Slack, within the budget; past it, the answer comes by DM. */
async function submitWithinBudget(deps: SlackDeps, userId: string, view: { blocks?: unknown }, ack: Ack, submit: () => Promise<Reply>): Promise<void> {
  const dm = { kind: 'dm' as const, userId };
  const tell = (messages: Reply['messages']) => void deps.queue.run(userId, () => guarded(deps, dm, () => postMessages(deps, dm, messages)));
  // Answers Slack once: false when the budget already closed the modal (then the answer goes by DM).
  let acked = false;
  const answer = async (response?: ViewResponseAction): Promise<boolean> => {
    if (acked) return false;
    acked = true;
    await ack(response);
    return true;
  };
  // The budget runs from the request's arrival: under load even the first lookups can be slow.
  const timer = setTimeout(() => void answer().catch(() => undefined), SUBMIT_BUDGET_MS);
  try {
    const reply = await submit();
    if (reply.duplicate) return void (await answer());
    // Refused before anything was checked (too many submissions at once): the modal stays open, as typed.
    const first = reply.error && !reply.form ? firstInputBlock(view) : undefined;
    if (first && (await answer({ response_action: 'errors', errors: { [first]: clip(reply.messages.map((m) => m.text).join(' '), LIMITS.hint) } }))) return;
    if (reply.unregistered) return void (await answer(noticeView('Not registered', reply.messages[0]?.text ?? '')));
    if (reply.kept) {
      if (await answer(noticeView('Kept', reply.messages.map((m) => m.text).join('\n')))) return;
      return tell(reply.messages);
    }
    if (reply.form) {
      // Inline errors keep what the person typed; a value the core changed (a marking taken out) needs the form again.
      const errors = reply.formErrors && !reply.formChanged ? inlineErrors(reply.form, reply.formErrors) : undefined;
      if (await answer(errors ? { response_action: 'errors', errors } : { response_action: 'update', view: modalView(reply.form) })) return;
      return tell([correctionsMessage(reply.form)]);
    }
    await answer();
    tell(reply.messages);
  } catch (err) {
    const ref = errorReference();
    deps.logger.error({ err, ref }, 'form submission failed');
    if (!(await answer(noticeView('Sorry', genericErrorMessage(ref))).catch(() => true))) tell([{ text: genericErrorMessage(ref) }]);
  } finally {
    clearTimeout(timer);
  }
}
