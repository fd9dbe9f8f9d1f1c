import { createHash } from 'node:crypto';
import type { App, ViewResponseAction } from '@slack/bolt';
import type { Reply } from '../../../src/conversation/reply';
import { genericErrorMessage } from '../../../src/errors';
import { errorReference } from '../../../src/support/ids';
import type { SlackDeps } from '../context';
import { guarded, postMessages } from '../deliver';
import { SLACK_ACTIONS } from '../render/blocks';
import { FORM_CALLBACK_ID, inlineErrors, modalView } from '../render/modal';
import { clip, LIMITS } from '../render/limits';
import { rawFromViewState } from '../parse/view-state';

/** Submitting must be answered within Slack's 3 s of sending; past this budget (from arrival) the modal closes and the answer comes by DM. */
const SUBMIT_BUDGET_MS = 2_000;

/** A modal that only says something (unknown person, an error with its reference). */
function noticeView(title: string, text: string): ViewResponseAction {
  return {
    response_action: 'update',
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: clip(title, LIMITS.viewTitle) },
      close: { type: 'plain_text', text: 'Close' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }],
    },
  };
}

/**
 * view_submission of a form modal: the whole form goes through the engine. Field errors are shown
 * inline (`response_action: "errors"`, block id = field name); success closes the modal and the
 * confirmation arrives by DM. A redelivered or double-clicked submission with the same state is
 * acknowledged once (view id + hash of the state); the core stores each draft once anyway.
 *
 * view_closed: what was typed is kept in the draft (notify_on_close is set on every form modal).
 */
export function registerViewHandlers(bolt: App, deps: SlackDeps): void {
  const { core } = deps;

  bolt.view({ type: 'view_submission' }, async ({ ack, body, view }) => {
    if (view.callback_id !== FORM_CALLBACK_ID) return ack();
    const userId = body.user.id;
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
      const stateHash = createHash('sha256').update(JSON.stringify(view.state.values)).digest('hex').slice(0, 32);
      const reply = await core.conversation.receive(
        { platform: 'slack', userId },
        { form: { op: 'submit', draftId: view.private_metadata, values: rawFromViewState(view.state.values) } },
        { mode: 'form', platform: 'slack', deliveryId: `slack-view|${view.id}|${stateHash}` },
      );
      if (reply.duplicate) return void (await answer());
      if (reply.unregistered) return void (await answer(noticeView('Not registered', reply.messages[0]?.text ?? '')));
      if (reply.kept) {
        if (await answer(noticeView('Kept', reply.messages.map((m) => m.text).join('\n')))) return;
        return tell(reply.messages);
      }
      if (reply.form) {
        // Inline errors keep what the person typed; a value the core changed (a marking taken out) needs the form again.
        const errors = reply.formErrors && !reply.formChanged ? inlineErrors(reply.form, reply.formErrors) : undefined;
        if (await answer(errors ? { response_action: 'errors', errors } : { response_action: 'update', view: modalView(reply.form) })) return;
        return tell([{ text: `*${reply.form.title}*: some answers need a correction.`, buttons: [{ label: 'Open the form', action: SLACK_ACTIONS.openForm, value: reply.form.draftId, style: 'primary' as const }] }]);
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
  });

  bolt.view({ type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    if (view.callback_id !== FORM_CALLBACK_ID) return;
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
