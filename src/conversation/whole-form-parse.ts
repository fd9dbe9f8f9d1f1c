import type { Actor } from '../domain/actor';
import { classificationRefusalKept, withoutClassificationMarkings } from '../domain/classification';
import type { FieldMeta } from '../forms/field';
import { validateField, validateForm, withDefaults, type FieldErrors, type FormDef } from '../forms/form';
import { parseAnswer, type ParseContext } from '../forms/parse-answer';
import type { FormValues } from './reply';

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

export interface ParsedWholeForm {
  /** What may be kept in the draft: valid answers, and invalid ones as typed (never a marking). */
  answers: Record<string, unknown>;
  errors: FieldErrors;
  /** Text shown back in the form but never saved: a value with its classification marking taken out. */
  onlyShown: Record<string, unknown>;
}

/**
 * A whole form's values as typed (modal, card, console page) → answers and the problems of each
 * field, without touching the database. A value carrying a classification marking is never kept:
 * the rest of its text is shown again for editing, the marking named in the field's error.
 */
export function parseWholeForm(
  form: FormDef,
  base: Record<string, unknown>,
  raw: FormValues,
  ctx: ParseContext,
  /** The field as this person may answer it (the choices they may make), given the answers so far. */
  narrow: (meta: FieldMeta, answers: Record<string, unknown>) => FieldMeta = (meta) => meta,
): ParsedWholeForm {
  const answers: Record<string, unknown> = { ...base };
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
    const parsed = parseAnswer(narrow(f.meta, answers), input, ctx);
    const checked = parsed.ok && parsed.value !== undefined ? validateField(form, name, parsed.value) : undefined;
    if (parsed.ok && !checked) delete answers[name];
    else if (checked?.ok) answers[name] = checked.value;
    else {
      errors[name] = parsed.ok ? (checked as { error: string }).error : parsed.error;
      // Keep what they typed to show it again, but never control characters or more than fits the field.
      answers[name] = keptAsTyped(parsed.ok ? parsed.value : Array.isArray(input) ? input.join(', ') : input, f.meta.maxLength);
    }
  }
  return { answers, errors, onlyShown };
}

/**
 * Every problem a whole form has that can be found without the database: each field as typed, then
 * missing required fields and cross-field rules. A modal carries all of the form's fields, so this is
 * what the stored submission will find too, except what only the database knows: linked needs, and
 * which choices the person may make given the record as stored (the decision chain) — those come
 * back from the submission itself, on their fields. Null when the form must be shown again changed
 * (a classification marking taken out), which the submission itself does.
 */
export function precheckWholeForm(form: FormDef, actor: Actor, raw: FormValues, ctx: ParseContext): FieldErrors | null {
  const { answers, errors, onlyShown } = parseWholeForm(form, {}, raw, ctx);
  // A classification marking is taken out of the form shown again: that needs the whole submission.
  if (Object.keys(onlyShown).length) return null;
  const valid = Object.fromEntries(Object.entries(answers).filter(([k]) => !(k in errors)));
  const v = validateForm(form, withDefaults(form, actor, valid));
  return { ...(v.ok ? {} : Object.fromEntries(Object.entries(v.errors).filter(([k]) => !(k in errors)))), ...errors };
}
