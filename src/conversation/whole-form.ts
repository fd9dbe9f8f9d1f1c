import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import type { FieldMeta } from '../forms/field';
import { metaFor } from '../forms/field-choices';
import { validateForm, withDefaults, type FieldErrors } from '../forms/form';
import type { EngineHelpers, FormEngineDeps } from './engine-helpers';
import type { FormValues, Reply } from './reply';
import { formView } from './views';
import { parseWholeForm } from './whole-form-parse';

/**
 * The whole form at once (Slack modal, Teams card, console page): every field parsed, and one
 * Submit reports every problem at once — values as typed, missing required fields and cross-field
 * rules, then what only the database knows — each on its field.
 */
export function wholeForm(h: EngineHelpers, deps: FormEngineDeps) {
  const parts = {
    /**
     * Everything else wrong with a whole form: missing required fields and cross-field rules (zod),
     * then what only the database knows (linked needs, organisations). Fields already wrong as typed
     * keep their own message.
     */
    async otherProblems(actor: Actor, draft: DraftDoc, typed: FieldErrors): Promise<FieldErrors> {
      const form = h.formOf(draft);
      const answers = Object.fromEntries(Object.entries(draft.answers).filter(([k]) => !(k in typed)));
      const v = validateForm(form, withDefaults(form, actor, answers));
      const found: FieldErrors = v.ok ? await deps.submitter.crossCheck(actor, form, v.data) : v.errors;
      return Object.fromEntries(Object.entries(found).filter(([k]) => !(k in typed)));
    },

    /**
     * Parses every field and keeps what was typed. A value carrying a classification marking is
     * never saved: the form is shown again (`shown`) with the rest of that text, the marking taken out
     * and named in the field's error.
     */
    async saveWholeForm(actor: Actor, draft: DraftDoc, raw: FormValues): Promise<{ draft: DraftDoc; errors: FieldErrors; shown: DraftDoc; changed: boolean }> {
      const form = h.formOf(draft);
      const narrow = (meta: FieldMeta, answers: Record<string, unknown>) => metaFor(meta, { actor, answers, stored: draft.stored });
      const { answers, errors, onlyShown } = parseWholeForm(form, draft.answers, raw, await h.parseCtx(actor, form), narrow);
      const saved = await h.save(actor, draft, { answers, mode: 'form' });
      return { draft: saved, errors, shown: { ...saved, answers: { ...answers, ...onlyShown } }, changed: Object.keys(onlyShown).length > 0 };
    },

    async formReply(actor: Actor, draft: DraftDoc, errors: FieldErrors, changed = false): Promise<Reply> {
      const form = h.formOf(draft);
      return { messages: [], form: formView(form, draft, actor, await h.lookups(actor, form), errors), formErrors: errors, ...(changed ? { formChanged: true as const } : {}) };
    },
  };
  return parts;
}
