import { el, uid } from './dom.js';
import { blocks } from './markdown.js';

// Renders the bot's neutral BotMessage. Each part of a message (text, fields, the question's input,
// buttons, …) has one function below, listed in PARTS in the order shown: a new part in the API's
// replies gets one more function there. `send(input, echo)` posts { text } or
// { action: { id, value }, mode? } and shows `echo` as what the person did.

const MAX_OPTION_BUTTONS = 8;

/** The parts, by name, in the order shown: (message, { send, opts }) → a node, a list of nodes, or nothing. */
const PARTS = {
  text: (m) => blocks(m.text),
  fields: (m) => (m.fields && m.fields.length ? fieldList(m.fields) : null),
  choices: (m, c) => (m.question && m.question.options && m.question.options.length ? questionInput(m.question, c.send) : null),
  keepCurrent: (m, c) => (m.question && keepable(m.question) ? keepButton(m.question, c.send) : null),
  buttons: (m, c) => (m.buttons && m.buttons.length ? buttonRow(m.buttons, c.send) : null),
  formSwitch: (m, c) => (m.question && m.question.field !== '__edit' ? formSwitch(m.question, c.send) : null),
  file: (_m, c) => (c.opts.file ? fileLink(c.opts.file, c.opts.fileUrl) : null),
  footnote: (m) => (m.footnote ? el('p', { class: 'footnote' }, m.footnote) : null),
};

export function renderBotMessage(m, send, opts = {}) {
  const body = el('div', { class: 'msg-body' }, ...Object.values(PARTS).map((part) => part(m, { send, opts })));
  const who = opts.notice ? 'Notification from the WBBSi bot' : 'WBBSi bot';
  return el('article', { class: `msg bot${opts.notice ? ' notice' : ''}`, 'data-replace-key': m.replaceKey }, el('p', { class: 'who' }, who), body);
}

export function renderMyMessage(text) {
  return el('article', { class: 'msg me' }, el('p', { class: 'who' }, 'You'), el('div', { class: 'msg-body' }, ...blocks(text)));
}

export function renderNote(text, kind = 'note') {
  return el('p', { class: `log-note ${kind}`, role: kind === 'error' ? 'alert' : undefined }, text);
}

function fieldList(fields) {
  const dl = el('dl', { class: 'fields' });
  for (const f of fields) dl.append(el('div', { class: 'field-row' }, el('dt', {}, f.label), el('dd', {}, ...blocks(f.value))));
  return dl;
}

function buttonRow(buttons, send) {
  return el(
    'div',
    { class: 'buttons' },
    buttons.map((b) =>
      el('button', {
        type: 'button',
        class: `btn${b.style ? ` ${b.style}` : ''}`,
        onclick: () => send({ action: { id: b.action, value: b.value } }, b.label),
      }, b.label),
    ),
  );
}

const answer = (q, codes) => ({ action: { id: 'form.answer', value: `${q.draftId}|${q.field}|${codes.join(',')}` } });
const labelsOf = (q, codes) => codes.map((c) => (q.options.find((o) => o.value === c) || { label: c }).label).join(', ');

function questionInput(q, send) {
  if (q.multi) return checkboxes(q, send);
  if (q.options.length <= MAX_OPTION_BUTTONS) {
    return el(
      'div',
      { class: 'options', role: 'group', 'aria-label': q.label },
      q.options.map((o) =>
        el('button', {
          type: 'button',
          class: `btn option${q.current === o.value ? ' current' : ''}`,
          onclick: () => send(answer(q, [o.value]), o.label),
        }, o.label, q.current === o.value ? el('span', { class: 'current-mark' }, ' (current)') : null),
      ),
    );
  }
  const id = uid('q');
  const select = el('select', { id }, el('option', { value: '' }, '— choose —'), q.options.map((o) => el('option', { value: o.value, selected: q.current === o.value }, o.label)));
  const go = () => select.value && send(answer(q, [select.value]), labelsOf(q, [select.value]));
  return el('div', { class: 'pick' }, el('label', { for: id }, q.label), select, el('button', { type: 'button', class: 'btn primary', onclick: go }, 'Send'));
}

function checkboxes(q, send) {
  const current = new Set(String(q.current || '').split(',').map((s) => s.trim()).filter(Boolean));
  const boxes = q.options.map((o) => {
    const id = uid('c');
    const box = el('input', { type: 'checkbox', id, value: o.value, checked: current.has(o.value) });
    return { box, row: el('div', { class: 'check' }, box, el('label', { for: id }, o.label)) };
  });
  const hint = el('p', { class: 'error', role: 'alert' });
  const go = () => {
    const codes = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    if (!codes.length) {
      hint.textContent = 'Pick at least one, then press Send.';
      return;
    }
    hint.textContent = '';
    send(answer(q, codes), labelsOf(q, codes));
  };
  return el(
    'fieldset',
    { class: 'multi' },
    el('legend', {}, `${q.label} (pick one or more)`),
    el('div', { class: 'check-grid' }, boxes.map((b) => b.row)),
    hint,
    el('button', { type: 'button', class: 'btn primary', onclick: go }, 'Send'),
  );
}

// A question asked again (after "back", or a switch from the whole form) offers its current answer.
const keepable = (q) => q.current && q.field !== '__edit' && !(q.options && !q.multi && q.options.length <= MAX_OPTION_BUTTONS);

function keepButton(q, send) {
  const shown = q.options ? labelsOf(q, q.current.split(',').map((s) => s.trim())) : q.current;
  return el(
    'p',
    { class: 'keep' },
    el('button', { type: 'button', class: 'btn secondary', onclick: () => send({ action: { id: 'form.answer', value: `${q.draftId}|${q.field}|${q.current}` } }, shown) }, 'Keep current answer'),
    ' ',
    el('span', { class: 'muted' }, shown.length > 120 ? `${shown.slice(0, 120)}…` : shown),
  );
}

function formSwitch(q, send) {
  return el(
    'p',
    { class: 'switch' },
    el('button', { type: 'button', class: 'link', onclick: () => send({ action: { id: 'draft.continue', value: q.draftId }, mode: 'form' }, 'Fill in as a form') }, 'Fill in as a form'),
    ' — see all questions at once.',
  );
}

function fileLink(file, url) {
  return el('p', { class: 'file' }, el('a', { href: url, download: file.name }, `Download ${file.name}`), ` (${Math.ceil(file.size / 1024)} KB)`);
}
