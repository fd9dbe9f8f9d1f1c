import type { FormFieldView, FormView } from '../../../src/messages/form-view';
import { optionObject } from './blocks';
import { clip, LIMITS } from './limits';
import { toMrkdwn, toPlainText } from './mrkdwn';
import type { InputBlock, InputBlockElement, KnownBlock, ModalView } from './slack-types';

/**
 * Every form modal's callback id starts with this, followed by the form's id ("wbbsi.form:need"), so a
 * submission can be checked before the draft is read; the draft it edits travels in `private_metadata`.
 */
export const FORM_CALLBACK_ID = 'wbbsi.form';
export const isFormModal = (callbackId: unknown) => typeof callbackId === 'string' && (callbackId === FORM_CALLBACK_ID || callbackId.startsWith(`${FORM_CALLBACK_ID}:`));
export const formIdOf = (callbackId: unknown) => (isFormModal(callbackId) && (callbackId as string).length > FORM_CALLBACK_ID.length ? (callbackId as string).slice(FORM_CALLBACK_ID.length + 1) : undefined);

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(toPlainText(text), max), emoji: true });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The input for one field; block_id and action_id are both the field name. */
export function inputElement(f: FormFieldView): InputBlockElement {
  const action_id = f.name;
  if (f.options?.length && f.options.length <= LIMITS.options) {
    const options = f.options.map(optionObject);
    const chosen = new Set([f.value ?? []].flat());
    const initial = options.filter((o) => chosen.has(o.value ?? ''));
    if (f.multi) return { type: 'multi_static_select', action_id, options, placeholder: plain('Pick one or more', LIMITS.placeholder), ...(initial.length ? { initial_options: initial } : {}) };
    return { type: 'static_select', action_id, options, placeholder: plain('Pick one', LIMITS.placeholder), ...(initial[0] ? { initial_option: initial[0] } : {}) };
  }
  if (f.kind === 'date') {
    return { type: 'datepicker', action_id, ...(typeof f.value === 'string' && ISO_DATE.test(f.value) ? { initial_date: f.value } : {}) };
  }
  if (f.kind === 'confirm') {
    const yes = { text: plain('Yes', LIMITS.optionText), value: 'yes' };
    return { type: 'checkboxes', action_id, options: [yes], ...(f.value === 'yes' ? { initial_options: [yes] } : {}) };
  }
  // Text, numbers (people write "1.25m"), links, lists and the free-text kinds: the core parses them.
  const max = Math.min(f.maxLength ?? LIMITS.plainTextInput, LIMITS.plainTextInput);
  const value = Array.isArray(f.value) ? f.value.join(f.multiline ? '\n' : ', ') : f.value;
  return {
    type: 'plain_text_input',
    action_id,
    multiline: f.multiline,
    max_length: max,
    ...(f.example ? { placeholder: plain(`e.g. ${f.example}`, LIMITS.placeholder) } : {}),
    ...(value ? { initial_value: value.slice(0, max) } : {}),
  };
}

function inputBlock(f: FormFieldView): InputBlock {
  const hint = [f.error ? `⚠️ ${f.error}` : undefined, f.help].filter(Boolean).join(' — ');
  return {
    type: 'input',
    block_id: clip(f.name, LIMITS.blockId),
    label: plain(f.label, LIMITS.inputLabel),
    element: inputElement(f),
    optional: f.optional,
    ...(hint ? { hint: plain(hint, LIMITS.hint) } : {}),
  };
}

/** A whole form as a modal. Closing it keeps the draft (`notify_on_close` → view_closed → saved). */
export function modalView(form: FormView): ModalView {
  const blocks: KnownBlock[] = [];
  if (form.intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(toMrkdwn(form.intro), LIMITS.sectionText) } });
  if (form.formError) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`⚠️ ${toMrkdwn(form.formError)}`, LIMITS.sectionText) } });
  blocks.push(...form.fields.map(inputBlock));
  if (form.footnote) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(toMrkdwn(form.footnote), LIMITS.contextText) }] });
  return {
    type: 'modal',
    callback_id: clip(`${FORM_CALLBACK_ID}:${form.formId}`, LIMITS.callbackId),
    private_metadata: clip(form.draftId, LIMITS.privateMetadata),
    notify_on_close: true,
    title: plain(form.title, LIMITS.viewTitle),
    submit: plain(form.submitLabel, LIMITS.viewButton),
    close: plain('Close', LIMITS.viewButton),
    blocks: blocks.slice(0, LIMITS.blocksPerView),
  };
}

/** Field errors as Slack's `response_action: "errors"` map, when every error sits on an input of the view. */
export function inlineErrors(form: FormView, errors: Record<string, string>): Record<string, string> | undefined {
  const names = new Set(form.fields.map((f) => f.name));
  const entries = Object.entries(errors);
  if (!entries.length || entries.some(([name]) => !names.has(name))) return undefined;
  return Object.fromEntries(entries.map(([name, message]) => [clip(name, LIMITS.blockId), clip(message, LIMITS.hint)]));
}
