import type { Core } from '../../../src/core';
import { say, type Reply } from '../../../src/conversation/reply';
import type { Actor } from '../../../src/domain/actor';
import { genericErrorMessage, isAppError, isDatabaseUnavailable } from '../../../src/errors';
import { errorReference } from '../../../src/support/ids';

/**
 * A whole form submitted from its Adaptive Card. The core makes the submission itself exactly-once
 * per draft; here the draft is looked up first so a second click on an already-saved card gets
 * "Already saved as …" without touching the record, and expected failures become polite replies
 * (the card path does not go through `conversation.handle`, which does that for typed input).
 */
export async function submitWholeForm(core: Core, actor: Actor, draftId: string, raw: Record<string, string | string[]>): Promise<Reply> {
  try {
    const draft = await core.store.drafts.get(actor, draftId);
    if (!draft) return say('That form is no longer open. Type *help* to start again.');
    if (draft.status === 'submitted') return say(`Already saved as *${draft.resultId ?? 'a record'}*.`);
    if (draft.status !== 'open') return say('That form was closed without saving. Type *help* to start again.');
    if (draft.personId !== actor.personId) return say('That form belongs to a colleague; ask them to submit it.');
    return await core.conversation.engine.submitWholeForm(actor, draft, raw);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return say('I cannot reach the database right now. Your card is unchanged: please press the button again in a minute.');
    if (isAppError(err)) return say(err.userMessage);
    const ref = errorReference();
    core.logger.error({ err, ref, personId: actor.personId }, 'error submitting a Teams form card');
    return say(genericErrorMessage(ref));
  }
}
