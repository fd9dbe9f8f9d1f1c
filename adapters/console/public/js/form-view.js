import { el, uid } from './dom.js';
import { blocks } from './markdown.js';

// Renders the core's FormView as an HTML form: one input per field kind, the error under its
// input, and the actions submit / answer step by step / close (the draft is kept).

const DATE_KINDS = { date: 'date' };

export function renderForm(view, on) {
  const inputs = [];
  const fields = view.fields.map((f) => {
    const field = fieldBlock(f);
    inputs.push(field);
    return field.node;
  });
  const values = () => Object.fromEntries(inputs.map((i) => [i.name, i.read()]));
  const buttons = [];
  const button = (label, cls, fn, type = 'button') => {
    const b = el('button', { type, class: `btn ${cls}`, onclick: fn && (() => fn(values())) }, label);
    buttons.push(b);
    return b;
  };
  const form = el(
    'form',
    { class: 'whole-form', novalidate: true, 'aria-labelledby': 'form-title', onsubmit: (e) => { e.preventDefault(); on.submit(values()); } },
    el('h2', { id: 'form-title', tabindex: '-1' }, view.title),
    el('div', { class: 'intro' }, ...blocks(view.intro)),
    view.formError ? el('p', { class: 'error form-error', role: 'alert' }, view.formError) : null,
    fields,
    view.footnote ? el('p', { class: 'footnote' }, view.footnote) : null,
    el(
      'div',
      { class: 'form-actions' },
      button(view.submitLabel || 'Submit', 'primary', null, 'submit'),
      button('Answer step by step', 'secondary', on.toChat),
      button('Save for later', 'secondary', on.close),
    ),
  );
  return {
    node: form,
    values,
    busy(on) {
      for (const b of buttons) b.disabled = on;
      form.setAttribute('aria-busy', on ? 'true' : 'false');
    },
    /** Focus the first field with an error, or the title. */
    focus() {
      const target = form.querySelector('[aria-invalid="true"]') || form.querySelector('#form-title');
      target.focus({ preventScroll: true });
      // Scroll only the form panel (not the page), the field centred so the sticky action bar never covers it.
      const panel = form.parentElement;
      const box = target.closest('.field') || target;
      const top = box.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
      panel.scrollTop = target.id === 'form-title' ? 0 : Math.max(0, top - panel.clientHeight / 3);
    },
  };
}

function fieldBlock(f) {
  const id = uid(`f-${f.name}`);
  const helpId = f.help || f.example ? `${id}-help` : null;
  const errId = f.error ? `${id}-error` : null;
  const describedBy = [helpId, errId].filter(Boolean).join(' ') || undefined;
  const label = [f.label, f.optional ? ' (optional)' : ''];
  const help = helpId
    ? el('p', { class: 'help', id: helpId }, f.help || '', f.help && f.example ? ' ' : '', f.example ? el('em', {}, `Example: ${f.example}`) : null)
    : null;
  const error = errId ? el('p', { class: 'error', id: errId }, `⚠ ${f.error}`) : null;
  const common = { id, name: f.name, 'aria-describedby': describedBy, 'aria-invalid': f.error ? 'true' : undefined };

  if (f.options && f.multi) {
    const chosen = new Set(Array.isArray(f.value) ? f.value : String(f.value || '').split(',').map((s) => s.trim()));
    const boxes = f.options.map((o, i) => {
      const boxId = `${id}-${i}`;
      const box = el('input', { type: 'checkbox', id: boxId, name: f.name, value: o.value, checked: chosen.has(o.value), 'aria-invalid': i === 0 && f.error ? 'true' : undefined });
      return { box, row: el('div', { class: 'check' }, box, el('label', { for: boxId }, o.label)) };
    });
    const node = el('fieldset', { class: `field multi${f.error ? ' has-error' : ''}`, 'aria-describedby': describedBy }, el('legend', {}, ...label), help, el('div', { class: 'check-grid' }, boxes.map((b) => b.row)), error);
    return { name: f.name, node, read: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value) };
  }

  let input;
  if (f.options) {
    input = el('select', common, el('option', { value: '' }, '— choose —'), f.options.map((o) => el('option', { value: o.value, selected: f.value === o.value }, o.label)));
  } else if (f.kind === 'confirm') {
    input = el('input', { ...common, type: 'checkbox', value: 'yes', checked: f.value === 'yes' });
  } else if (f.multiline) {
    input = el('textarea', { ...common, rows: f.kind === 'longtext' ? 4 : 3, maxlength: f.maxLength });
    input.value = typeof f.value === 'string' ? f.value : '';
  } else {
    const type = DATE_KINDS[f.kind] || (f.kind === 'url' ? 'url' : 'text');
    const valid = type !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(String(f.value || ''));
    input = el('input', { ...common, type, maxlength: f.maxLength, inputmode: f.kind === 'number' ? 'decimal' : undefined, autocomplete: 'off' });
    input.value = valid && typeof f.value === 'string' ? f.value : '';
  }
  const read = f.kind === 'confirm' ? () => (input.checked ? 'yes' : '') : () => input.value;
  const node = el('div', { class: `field${f.error ? ' has-error' : ''}` }, el('label', { for: id }, ...label), help, input, error);
  return { name: f.name, node, read };
}
