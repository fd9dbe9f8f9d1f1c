import type { FormFieldView, FormView } from '../../../src/messages/form-view';
import { adaptiveCard, errorText, smallPrint, submitAction, textBlock, type AdaptiveCard, type CardElement } from './card';
import { textBlocks } from './markdown';

/** Inputs are named `f_<field>` (`fm_<field>` for multi-selects), so they never clash with `verb` or `draftId`. */
export const inputId = (f: Pick<FormFieldView, 'name' | 'multi'>) => `${f.multi ? 'fm_' : 'f_'}${f.name}`;

export const STEP_BY_STEP_LABEL = 'Answer step by step instead';

/**
 * A whole form (FormView) as an Adaptive Card: one input per field with its label, help and example,
 * the current value, and the field's error in red right under it. Submitting sends every input with
 * `{ verb: 'form.submit', draftId }`; "Answer step by step instead" continues the same draft in chat.
 */
export function formCard(form: FormView): AdaptiveCard {
  const body: CardElement[] = [textBlock(`**${form.title}**`, { size: 'Medium' }), ...textBlocks(form.intro)];
  if (form.formError) body.push(errorText(form.formError));
  for (const f of form.fields) {
    body.push(fieldInput(f));
    if (f.help) body.push(textBlock(f.help, { size: 'Small', isSubtle: true, spacing: 'None' }));
    if (f.error) body.push(errorText(f.error));
  }
  if (form.footnote) body.push(smallPrint(form.footnote));
  return adaptiveCard(body, [
    submitAction(form.submitLabel, { verb: 'form.submit', draftId: form.draftId }, { style: 'primary', withInputs: true }),
    submitAction(STEP_BY_STEP_LABEL, { verb: 'action', id: 'form.to-chat', value: form.draftId }),
    submitAction('Cancel', { verb: 'action', id: 'form.cancel', value: form.draftId }, { style: 'danger' }),
  ]);
}

function fieldInput(f: FormFieldView): CardElement {
  const common = {
    id: inputId(f),
    label: f.optional ? `${f.label} (optional)` : f.label,
    isRequired: !f.optional,
    errorMessage: `Please fill in "${f.label}".`,
  };
  const text = Array.isArray(f.value) ? f.value.join(', ') : f.value;
  if (f.options?.length) {
    const value = Array.isArray(f.value) ? f.value.join(',') : f.value;
    return {
      type: 'Input.ChoiceSet',
      ...common,
      style: f.options.length > 5 ? 'compact' : 'expanded',
      isMultiSelect: f.multi,
      choices: f.options.map((o) => ({ title: o.label, value: o.value })),
      ...(value ? { value } : {}),
    };
  }
  if (f.kind === 'date') {
    return { type: 'Input.Date', ...common, ...(text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text } : {}) };
  }
  if (f.kind === 'confirm') {
    return { type: 'Input.Toggle', ...common, title: f.label, valueOn: 'yes', valueOff: '', value: text === 'yes' ? 'yes' : '' };
  }
  return {
    type: 'Input.Text',
    ...common,
    isMultiline: f.multiline,
    ...(f.kind === 'url' ? { style: 'Url' } : {}),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(f.example ? { placeholder: `e.g. ${f.example}` } : f.kind === 'datetime' ? { placeholder: 'e.g. 2027-01-20 10:00' } : {}),
    ...(text ? { value: text } : {}),
  };
}
