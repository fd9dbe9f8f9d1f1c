import { $, clear, el } from './dom.js';

// The "Records" tab: the records the chosen person may see, with an Edit button where allowed.

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
        el('th', { scope: 'row' }, el('code', {}, r.id)),
        el('td', {}, r.typeLabel),
        el('td', {}, r.title || '—'),
        el('td', { class: 'num' }, `v${r.version}`),
        el('td', {}, r.quarter),
        el('td', {}, r.status),
        el('td', { class: 'num' }, r.updatedAt.slice(0, 10)),
        el('td', {}, r.canEdit ? el('button', { type: 'button', class: 'btn small', 'aria-label': `Edit ${r.id}`, onclick: () => onEdit(r) }, 'Edit') : '—'),
      ),
    );
  }
}
