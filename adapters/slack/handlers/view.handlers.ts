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

type Outcome = Reply & { errors?: Record<string, string> };

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
    let key: string | undefined;
    try {
      const actor = await core.conversation.identify('slack', userId);
      if (!actor) return void (await answer(noticeView('Not registered', core.conversation.unknownPersonMessage())));
      const stateHash = createHash('sha256').update(JSON.stringify(view.state.values)).digest('hex').slice(0, 32);
      key = `slack-view|${view.id}|${stateHash}`;
      if (!(await core.store.seenKeys.claim(key))) return void (await answer());
      const draft = await core.store.drafts.get(actor, view.private_metadata);
      if (!draft || draft.status !== 'open' || draft.personId !== actor.personId) {
        await answer();
        return tell([{ text: draft?.status === 'submitted' ? `Already saved as *${draft.resultId ?? 'a record'}*.` : 'That form is no longer open. Type */wbbsi help* to start again.' }]);
      }
      const outcome: Outcome = await core.conversation.engine.submitWholeForm(actor, draft, rawFromViewState(view.state.values));
      if (outcome.form) {
        await core.store.seenKeys.release(key); // the same state may be submitted again
        const errors = outcome.errors && inlineErrors(outcome.form, outcome.errors);
        if (await answer(errors ? { response_action: 'errors', errors } : { response_action: 'update', view: modalView(outcome.form) })) return;
        return tell([{ text: `*${outcome.form.title}*: some answers need a correction.`, buttons: [{ label: 'Open the form', action: SLACK_ACTIONS.openForm, value: outcome.form.draftId, style: 'primary' as const }] }]);
      }
      await answer();
      tell(outcome.messages);
    } catch (err) {
      const ref = errorReference();
      deps.logger.error({ err, ref }, 'form submission failed');
      if (key) await core.store.seenKeys.release(key).catch(() => undefined);
      if (!(await answer(noticeView('Sorry', genericErrorMessage(ref))).catch(() => true))) tell([{ text: genericErrorMessage(ref) }]);
    } finally {
      clearTimeout(timer);
    }
  });

  bolt.view({ type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    if (view.callback_id !== FORM_CALLBACK_ID) return;
    const userId = body.user.id;
    void deps.queue.run(userId, () =>
      guarded(deps, undefined, async () => {
        const actor = await core.conversation.identify('slack', userId);
        const draft = actor && (await core.store.drafts.get(actor, view.private_metadata));
        if (!actor || !draft || draft.status !== 'open' || draft.personId !== actor.personId) return;
        await core.conversation.engine.saveWholeForm(actor, draft, rawFromViewState(view.state.values));
      }),
    );
  });
}
