import { $, clear, el } from './dom.js';

// The "Records" tab: the records the chosen person may see, with an Edit button where allowed.
// A table on a wide screen; on a narrow one the same rows show as cards (console.css), each value
// with its label (the label spans are hidden in the table, where the column headers say it).

const cell = (tag, attrs, label, ...value) => el(tag, attrs, el('span', { class: 'cell-label' }, label), el('span', { class: 'cell-value' }, ...value));

export function renderRecords(result, onEdit) {
  const body = $('records-body');
  const empty = $('records-empty');
  const note = $('records-footnote');
  clear(body);
  note.textContent = result.footnote || '';
  const records = result.records || [];
  empty.hidden = records.length > 0;
  $('records-table').hidden = records.length === 0;
  for (const r of records) {
    body.append(
      el(
        'tr',
        { 'data-record-id': r.id },
        cell('th', { scope: 'row', class: 'id' }, 'ID', el('code', {}, r.id)),
        cell('td', { class: 'type' }, 'Type', r.typeLabel),
        cell('td', { class: 'title' }, 'Title', r.title || '—'),
        cell('td', { class: 'num' }, 'Version', `v${r.version}`),
        cell('td', {}, 'Quarter', r.quarter),
        cell('td', {}, 'Status', r.status),
        cell('td', { class: 'num' }, 'Updated', r.updatedAt.slice(0, 10)),
        el('td', { class: 'edit' }, r.canEdit ? el('button', { type: 'button', class: 'btn small', 'aria-label': `Edit ${r.id}`, onclick: () => onEdit(r) }, 'Edit') : '—'),
      ),
    );
  }
}
