import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { KOSOVO_FOOTNOTE } from '../domain/kosovo';
import type { FieldMeta } from '../forms/field';
import { isOffered, metaFor } from '../forms/field-choices';
import { applicableFields, type FieldErrors, type FormDef } from '../forms/form';
import { answerAsText, formatAnswer } from '../forms/format-answer';
import type { BotMessage, Button, ChoiceOption } from '../messages/bot-message';
import type { FormFieldView, FormView } from '../messages/form-view';

export const CHOICE_KINDS = new Set(['choice', 'multichoice']);

export function choiceOptions(meta: FieldMeta, organisations: ChoiceOption[]): ChoiceOption[] | undefined {
  if (meta.vocab) return meta.vocab.pairs.map(([value, label]) => ({ value, label }));
  if (meta.kind === 'orgs') return organisations;
  return undefined;
}

/** One question of the step-by-step conversation. */
export function questionMessage(form: FormDef, draft: DraftDoc, name: string, actor: Actor, orgs: ChoiceOption[], error?: string): BotMessage {
  // Only the options this person may choose (src/forms/field-choices.ts).
  const meta = metaFor(form.fields[name]!.meta, { actor, answers: draft.answers, stored: draft.stored });
  const steps = applicableFields(form, draft.answers, actor).filter((f) => form.fields[f]!.meta.ask !== false);
  const n = steps.indexOf(name) + 1;
  const options = CHOICE_KINDS.has(meta.kind) ? choiceOptions(meta, orgs) : undefined;
  const hint = hintFor(meta);
  const lines = [
    error ? `⚠️ ${error}` : undefined,
    `*${form.title}${n > 0 ? ` — question ${n} of ${steps.length}` : ''}*`,
    `*${meta.label}*${meta.optional ? ' (optional)' : ''}`,
    meta.help,
    meta.example ? `_Example: ${meta.example}_` : undefined,
    hint,
  ].filter(Boolean);
  const current = draft.answers[name];
  const buttons: Button[] = [];
  if (meta.optional) buttons.push({ label: 'Skip', action: 'form.skip', value: draft._id });
  if (draft.trail.length) buttons.push({ label: 'Back', action: 'form.back', value: draft._id });
  buttons.push({ label: 'Cancel', action: 'form.cancel', value: draft._id, style: 'danger' });
  return {
    text: lines.join('\n'),
    question: {
      formId: form.id,
      draftId: draft._id,
      field: name,
      kind: meta.kind,
      label: meta.label,
      help: meta.help,
      optional: meta.optional,
      options,
      multi: meta.kind === 'multichoice',
      current: current === undefined ? undefined : answerAsText(meta, current),
    },
    buttons,
  };
}

function hintFor(meta: FieldMeta): string | undefined {
  switch (meta.kind) {
    case 'choice':
      return 'Pick one below, or type its number.';
    case 'multichoice':
      return 'Pick one or more below, or type their numbers separated by commas (e.g. 1, 4).';
    case 'date':
      return 'Type a date, e.g. 15.1.2027 or 15 January 2027.';
    case 'confirm':
      return 'Type "yes" to confirm.';
    case 'lines':
    case 'action-items':
      return 'One item per line.';
    default:
      return meta.optional ? 'Type your answer, or "skip".' : undefined;
  }
}

/** The whole record before it is stored: submit, edit a field, or cancel. */
export function reviewMessage(form: FormDef, draft: DraftDoc, _actor: Actor, timeZone: string, errors?: FieldErrors): BotMessage {
  // Fixed fields (a partner's own country) are shown too, so the review is the whole record.
  const names = applicableFields(form, draft.answers);
  const fields = names.map((n) => {
    const meta = form.fields[n]!.meta;
    const err = errors?.[n];
    return { label: meta.label, value: `${formatAnswer(meta, draft.answers[n], timeZone)}${err ? `\n⚠️ ${err}` : ''}` };
  });
  const editing = draft.recordId ? ` (editing ${draft.recordId})` : '';
  return {
    text: errors && Object.keys(errors).length
      ? `*Please check ${form.title.toLowerCase()}${editing}.* Some answers need a correction: use "Edit a field".`
      : `*Please check ${form.title.toLowerCase()}${editing} before I save it.*`,
    fields,
    buttons: [
      { label: draft.recordId ? 'Save changes' : 'Submit', action: 'form.submit', value: draft._id, style: 'primary' },
      { label: 'Edit a field', action: 'form.edit', value: draft._id },
      { label: 'Cancel', action: 'form.cancel', value: draft._id, style: 'danger' },
    ],
  };
}

/** "Which field?" after "Edit a field". */
export function editPickerMessage(form: FormDef, draft: DraftDoc, actor: Actor): BotMessage {
  const names = applicableFields(form, draft.answers, actor);
  return {
    text: 'Which answer would you like to change? Pick it below, or type its number.',
    question: {
      formId: form.id,
      draftId: draft._id,
      field: '__edit',
      kind: 'choice',
      label: 'Field to change',
      optional: false,
      options: names.map((n) => ({ value: n, label: form.fields[n]!.meta.label })),
      multi: false,
    },
    buttons: [{ label: 'Back to review', action: 'form.review', value: draft._id }],
  };
}

/** The whole form at once (modal / card / console page). */
export function formView(form: FormDef, draft: DraftDoc, actor: Actor, orgs: ChoiceOption[], errors: FieldErrors = {}): FormView {
  // A modal cannot hide fields as answers change, so conditional fields are shown and optional.
  const fixed = new Set(form.fixed?.(actor) ?? []);
  const names = Object.keys(form.fields).filter((n) => !fixed.has(n));
  const fields: FormFieldView[] = names.map((name) => {
    // Only the options this person may choose (src/forms/field-choices.ts); a value outside them is not preselected.
    const meta = metaFor(form.fields[name]!.meta, { actor, answers: draft.answers, stored: draft.stored });
    const options = CHOICE_KINDS.has(meta.kind) ? choiceOptions(meta, orgs) : undefined;
    const v = meta.choicesFor && !isOffered(meta, draft.answers[name], { actor, answers: draft.answers, stored: draft.stored }) ? undefined : draft.answers[name];
    const value = v === undefined ? undefined : options ? (Array.isArray(v) ? (v as string[]) : String(v)) : answerAsText(meta, v);
    return {
      name,
      kind: meta.kind,
      label: meta.label,
      help: meta.help,
      example: meta.example,
      optional: meta.optional || Boolean(meta.when),
      multiline: ['longtext', 'lines', 'action-items'].includes(meta.kind),
      maxLength: meta.maxLength,
      options,
      multi: meta.kind === 'multichoice',
      value,
      error: errors[name],
    };
  });
  const mentionsKosovo = fields.some((f) => f.options?.some((o) => o.label.includes('Kosovo*')));
  return {
    formId: form.id,
    draftId: draft._id,
    title: form.title,
    intro: form.intro,
    submitLabel: draft.recordId ? 'Save changes' : 'Submit',
    fields,
    formError: errors._form,
    footnote: mentionsKosovo ? KOSOVO_FOOTNOTE : undefined,
  };
}

export function resumeMessage(form: FormDef, draft: DraftDoc): BotMessage {
  return {
    text: `You have an unfinished ${form.describe(draft.answers).replace(/^an? /, '')}. Would you like to continue it or discard it?`,
    buttons: [
      { label: 'Continue', action: 'draft.continue', value: draft._id, style: 'primary' },
      { label: 'Discard', action: 'draft.discard', value: draft._id, style: 'danger' },
    ],
  };
}
