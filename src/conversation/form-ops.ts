import type { DraftDoc } from '../db/models/draft.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { AppError } from '../errors';
import { getForm } from '../forms/registry';
import type { FormEngine } from './form-engine';
import { say, type FormValues, type Reply } from './reply';

/**
 * A whole form (Slack modal, Teams card, console page) submitted or closed: the one place that
 * decides whether the draft may still be used and what the person is told, for every surface.
 */
export function createFormOps(deps: { store: Store; engine: FormEngine }) {
  /** The person's own open draft, or the reply saying why it cannot be used. */
  async function openDraft(actor: Actor, draftId: string): Promise<DraftDoc | Reply> {
    const draft = await deps.store.drafts.get(actor, draftId);
    if (!draft) throw new AppError('NOT_FOUND', 'I could not find that form. Type *help* to start again.');
    if (draft.personId !== actor.personId) return say('That form belongs to a colleague; ask them to submit it.');
    if (draft.status === 'submitted') return say(`Already saved as *${draft.resultId ?? 'a record'}*.`);
    if (draft.status !== 'open') return say('That form was closed without saving. Type *help* to start again.');
    return draft;
  }

  return {
    /** Validates every field at once; errors come back on the form, kept as typed. */
    async submit(actor: Actor, draftId: string, values: FormValues): Promise<Reply> {
      const draft = await openDraft(actor, draftId);
      if ('messages' in draft) return draft;
      return deps.engine.submitWholeForm(actor, draft, values);
    },

    /** Closing a form keeps what was typed in the draft, to continue later. */
    async close(actor: Actor, draftId: string, values: FormValues): Promise<Reply> {
      const draft = await openDraft(actor, draftId);
      if ('messages' in draft) return { messages: [] };
      const saved = await deps.engine.saveWholeForm(actor, draft, values);
      const what = getForm(draft.formId)?.describe(saved.draft.answers) ?? 'your draft';
      return { ...say(`I kept ${what} as a draft. Type *mine* to continue it later.`), formErrors: saved.errors };
    },
  };
}
