import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { KOSOVO_FOOTNOTE } from '../domain/kosovo';
import type { FieldMeta } from '../forms/field';
import { isOffered, metaFor } from '../forms/field-choices';
import { applicableFields, type FieldErrors, type FormDef } from '../forms/form';
import { answerAsText, formatAnswer } from '../forms/format-answer';
import { orgChoices } from '../forms/org-choices';
import type { BotMessage, Button, ChoiceOption } from '../messages/bot-message';
import type { FormFieldView, FormView } from '../messages/form-view';

/** Kinds asked with a list of options in the step-by-step chat (need links get theirs from a search). */
export const CHOICE_KINDS = new Set(['choice', 'multichoice', 'orgs']);

/** What the views need from the database: the roster's organisations, the needs this person may link. */
export interface Lookups {
  organisations: ChoiceOption[];
  needs?: { links?: ChoiceOption[]; ids?: ChoiceOption[] };
}

/**
 * The options a field offers. Callers pass the field as this person may answer it (`metaFor`,
 * src/forms/field-choices.ts), so only the choices they may make are offered; a value refused anyway
 * comes back on its field (form-engine.ts `submit`).
 */
export function choiceOptions(meta: FieldMeta, lookups: Lookups): ChoiceOption[] | undefined {
  if (meta.vocab) return meta.vocab.pairs.map(([value, label]) => ({ value, label }));
  if (meta.kind === 'orgs') return orgChoices(meta, lookups.organisations);
  if (meta.kind === 'need-links') return lookups.needs?.links;
  if (meta.kind === 'need-ids') return lookups.needs?.ids;
  return undefined;
}

/** The name of a field in a review or a short confirmation ("Kind", not "What kind of development is it?"). */
export const shortLabel = (meta: FieldMeta) => meta.short ?? meta.label;

/** Options as the chat shows them: numbered, since the question invites typing the number. */
const numbered = (options: ChoiceOption[]) => options.map((o, i) => ({ ...o, label: `${i + 1}. ${o.label}` }));

/** One question of the step-by-step conversation. `found` replaces the options (need search results). */
export function questionMessage(
  form: FormDef,
  draft: DraftDoc,
  name: string,
  actor: Actor,
  lookups: Lookups,
  error?: string,
  extra: { found?: ChoiceOption[]; suggestion?: ChoiceOption } = {},
): BotMessage {
  // Only the options this person may choose (src/forms/field-choices.ts).
  const meta = metaFor(form.fields[name]!.meta, { actor, answers: draft.answers, stored: draft.stored });
  const steps = applicableFields(form, draft.answers, actor).filter((f) => form.fields[f]!.meta.ask !== false);
  const n = steps.indexOf(name) + 1;
  const options = extra.found ?? (CHOICE_KINDS.has(meta.kind) ? choiceOptions(meta, lookups) : undefined);
  const lines = [
    error ? `⚠️ ${error}` : undefined,
    `*${form.title}${n > 0 ? ` — question ${n} of ${steps.length}` : ''}*`,
    `*${meta.label}*${meta.optional ? ' (optional)' : ''}`,
    meta.help,
    meta.example ? `_Example: ${meta.example}_` : undefined,
    extra.found ? undefined : hintFor(meta, Boolean(options?.length)),
  ].filter(Boolean);
  const current = draft.answers[name];
  const buttons: Button[] = [];
  // A near miss: one click takes what was probably meant.
  if (extra.suggestion) buttons.push({ label: `Yes, ${extra.suggestion.label}`, action: 'form.answer', value: `${draft._id}|${name}|${extra.suggestion.value}`, style: 'primary' });
  // Skip and Back name their question, so a click on an earlier question's button is recognised as stale.
  if (meta.optional) buttons.push({ label: 'Skip', action: 'form.skip', value: `${draft._id}|${name}` });
  if (draft.trail.length) buttons.push({ label: 'Back', action: 'form.back', value: `${draft._id}|${name}` });
  buttons.push({ label: 'Cancel', action: 'form.cancel', value: draft._id, style: 'danger' });
  const multi = meta.kind === 'multichoice' || meta.kind === 'orgs' || Boolean(extra.found && meta.kind !== 'choice');
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
      options: options && numbered(options),
      multi,
      current: current === undefined ? undefined : answerAsText(meta, current),
    },
    buttons,
  };
}

function hintFor(meta: FieldMeta, listed: boolean): string | undefined {
  switch (meta.kind) {
    case 'choice':
      return 'Pick one below, or type its number.';
    case 'multichoice':
    case 'orgs':
      return listed ? 'Pick one or more below, or type their numbers separated by commas (e.g. 1, 4).' : 'Type the names, separated by commas.';
    case 'date':
      return 'Type a date, e.g. 15.1.2027 or 15 January 2027.';
    case 'confirm':
      return 'Type "yes" to confirm.';
    case 'need-links':
    case 'need-ids':
      return 'To find a need, type a country, a theme or a few words (e.g. Serbia, or thermal cameras).';
    case 'lines':
    case 'action-items':
      return meta.help && /per line/i.test(meta.help) ? undefined : 'One item per line.';
    default:
      return undefined;
  }
}

/** The whole record before it is stored: submit, edit a field, or cancel. */
export function reviewMessage(form: FormDef, draft: DraftDoc, _actor: Actor, timeZone: string, lookups: Lookups, errors?: FieldErrors): BotMessage {
  // Fixed fields (a partner's own country) are shown too, so the review is the whole record.
  const names = applicableFields(form, draft.answers);
  const fields = names.map((n) => {
    const meta = form.fields[n]!.meta;
    const err = errors?.[n];
    return { label: shortLabel(meta), value: `${formatAnswer(meta, draft.answers[n], timeZone, lookups.organisations)}${err ? `\n⚠️ ${err}` : ''}` };
  });
  const what = draft.recordId ? `your changes to *${draft.recordId}*` : `your ${form.title.toLowerCase()}`;
  const submit = draft.recordId ? 'Save changes' : 'Submit';
  return {
    text: errors && Object.keys(errors).length
      ? `Some answers in ${what} need a correction. Press *Edit a field* to change them.`
      : `${draft.recordId ? 'Here are' : 'Here is'} ${what}. Please check ${draft.recordId ? 'them' : 'it'}, then press *${submit}*.`,
    fields,
    buttons: [
      { label: submit, action: 'form.submit', value: draft._id, style: 'primary' },
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
      label: 'Answer to change',
      optional: false,
      options: numbered(names.map((n) => ({ value: n, label: shortLabel(form.fields[n]!.meta) }))),
      multi: false,
    },
    buttons: [{ label: 'Back to review', action: 'form.review', value: draft._id }],
  };
}

/** A field's value as a whole form's input holds it: text, a code, or codes (need links as "id coverage"). */
function inputValue(meta: FieldMeta, v: unknown, options: ChoiceOption[] | undefined): string | string[] | undefined {
  if (v === undefined) return undefined;
  if (!options) return answerAsText(meta, v);
  if (meta.kind === 'need-links' && Array.isArray(v)) return (v as { needId: string; coverage: string }[]).map((l) => `${l.needId} ${l.coverage}`);
  return Array.isArray(v) ? (v as string[]) : String(v);
}

/** The whole form at once (modal / card / console page). */
export function formView(form: FormDef, draft: DraftDoc, actor: Actor, lookups: Lookups, errors: FieldErrors = {}): FormView {
  // A modal cannot hide fields as answers change, so conditional fields are shown and optional.
  const fixed = new Set(form.fixed?.(actor) ?? []);
  const names = Object.keys(form.fields).filter((n) => !fixed.has(n));
  const fields: FormFieldView[] = names.map((name) => {
    // Only the options this person may choose; a value outside them is not preselected.
    const seen = { actor, answers: draft.answers, stored: draft.stored };
    const meta = metaFor(form.fields[name]!.meta, seen);
    const options = choiceOptions(meta, lookups);
    const current = meta.choicesFor && !isOffered(meta, draft.answers[name], seen) ? undefined : draft.answers[name];
    const help = [meta.help, meta.requiredWhen].filter(Boolean).join(' ') || undefined;
    return {
      name,
      kind: meta.kind,
      label: meta.label,
      help,
      example: meta.example,
      optional: meta.optional || Boolean(meta.when),
      multiline: !options && ['longtext', 'lines', 'action-items', 'need-links'].includes(meta.kind),
      maxLength: meta.maxLength,
      options,
      multi: meta.kind === 'multichoice' || (Boolean(options) && ['orgs', 'need-links', 'need-ids'].includes(meta.kind)),
      value: inputValue(meta, current, options),
      error: errors[name],
    };
  });
  const mentionsKosovo = fields.some((f) => f.options?.some((o) => o.label.includes('Kosovo*')));
  return {
    formId: form.id,
    draftId: draft._id,
    title: form.title,
    intro: `${form.intro}\nEvery field is required unless it is marked optional.`,
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
