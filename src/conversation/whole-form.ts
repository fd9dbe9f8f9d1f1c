import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { classificationRefusalKept, withoutClassificationMarkings } from '../domain/classification';
import { validateField, validateForm, withDefaults, type FieldErrors } from '../forms/form';
import { parseAnswer } from '../forms/parse-answer';
import type { EngineHelpers, FormEngineDeps } from './engine-helpers';
import type { FormValues, Reply } from './reply';
import { formView } from './views';

/** An invalid answer as the draft keeps it for the form shown again: NUL and other control characters replaced, clipped to the field. */
function keptAsTyped(value: unknown, maxLength = 20_000): unknown {
  // eslint-disable-next-line no-control-regex
  const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD').slice(0, maxLength);
  if (typeof value === 'string') return clean(value);
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? clean(v) : v)) : value;
}

/** A typed value without its classification markings, as text (what the form shows back for editing). */
function unmarked(input: string | string[] | undefined): { text: string; markings: string[] } {
  const joined = Array.isArray(input) ? input.join('\n') : (input ?? '');
  return withoutClassificationMarkings(joined);
}

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
      const ctx = await h.parseCtx(actor, form);
      const answers: Record<string, unknown> = { ...draft.answers };
      const onlyShown: Record<string, unknown> = {};
      const errors: FieldErrors = {};
      for (const [name, f] of Object.entries(form.fields)) {
        if (!(name in raw)) continue;
        const input = raw[name];
        const cleaned = unmarked(input);
        if (cleaned.markings.length) {
          errors[name] = classificationRefusalKept(cleaned.markings);
          delete answers[name];
          onlyShown[name] = keptAsTyped(cleaned.text, f.meta.maxLength);
          continue;
        }
        const parsed = parseAnswer(f.meta, input, ctx);
        const checked = parsed.ok && parsed.value !== undefined ? validateField(form, name, parsed.value) : undefined;
        if (parsed.ok && !checked) delete answers[name];
        else if (checked?.ok) answers[name] = checked.value;
        else {
          errors[name] = parsed.ok ? (checked as { error: string }).error : parsed.error;
          // Keep what they typed to show it again, but never control characters or more than fits the field.
          answers[name] = keptAsTyped(parsed.ok ? parsed.value : Array.isArray(input) ? input.join(', ') : input, f.meta.maxLength);
        }
      }
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
