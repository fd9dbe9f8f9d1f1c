import type { Vocab } from '../config/vocabulary';
import type { Actor } from '../domain/actor';
import type { FieldMeta } from './field';
import type { FieldErrors, FormDef } from './form';

/**
 * "Only the options a person may choose are offered": a choice field with `choicesFor` is narrowed
 * to this person's options before anything renders or parses it, so the step-by-step question, the
 * Slack modal, the Teams card and the console form show the same list, a typed number counts in that
 * list, and a value outside it is refused where it was given (and again when the record is stored).
 */
export interface ChoiceContext {
  actor: Actor;
  /** The answers so far. */
  answers: Record<string, unknown>;
  /** When editing a submitted record: its stored values (e.g. the need's status in the chain). */
  stored?: Record<string, unknown>;
}

/** The field as this person may answer it now (unchanged when its choices do not depend on the person). */
export function metaFor(meta: FieldMeta, c: ChoiceContext): FieldMeta {
  if (!meta.choicesFor || !meta.vocab) return meta;
  const allowed = new Set(meta.choicesFor(c.actor, c.answers, c.stored));
  const pairs = meta.vocab.pairs.filter(([code]) => allowed.has(code));
  const vocab = { pairs, codes: pairs.map(([code]) => code), labels: meta.vocab.labels } as unknown as Vocab;
  return { ...meta, vocab };
}

/** The value is one this person may choose (values of other fields always pass). */
export function isOffered(meta: FieldMeta, value: unknown, c: ChoiceContext): boolean {
  if (!meta.choicesFor || value === undefined) return true;
  const allowed = meta.choicesFor(c.actor, c.answers, c.stored);
  return [value].flat().every((v) => allowed.includes(String(v)));
}

/** For a whole record about to be stored: each field holding a value this person may not choose. */
export function choiceErrors(form: FormDef, c: ChoiceContext): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, f] of Object.entries(form.fields)) {
    if (isOffered(f.meta, c.answers[name], c)) continue;
    const offered = metaFor(f.meta, c).vocab!.pairs.map(([, label]) => label);
    errors[name] = offered.length ? `Please pick one of the options offered: ${offered.join(', ')}.` : 'You cannot set this field.';
  }
  return errors;
}
