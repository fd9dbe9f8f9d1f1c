import type { BotFile } from '../messages/bot-message';
import { csvField, UTF8_BOM } from '../render/to-csv';
import { KIND_NOUN } from './import-kinds';
import { describeProblem, sortProblems } from './import-problems';
import type { ImportResult } from './spreadsheet.service';

/** Problems listed in a chat message; all of them come as a CSV file beside it. */
const PROBLEMS_IN_CHAT = 15;

const n = (x: number) => x.toLocaleString('en-GB');
const rowsOf = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;

function what(r: ImportResult): string {
  return `*${r.fileName}*${r.sheet && r.sheet !== r.fileName ? ` (sheet "${r.sheet}")` : ''}`;
}

function plan(r: ImportResult): string {
  const parts = [`create ${n(r.counts.create)}`, `update ${n(r.counts.update)} (new versions)`, `leave ${n(r.counts.unchanged)} unchanged`];
  return parts.join(', ');
}

/** The answer to a dry run or an import, for chat (with `*bold*`) and the command line (without). */
export function resultText(r: ImportResult, mode: 'dry-run' | 'applied' | 'chat-check'): string {
  const all = r.problems.length + r.moreProblems;
  if (!r.ok) {
    const done = r.written && r.written.created + r.written.updated ? ` ${n(r.written.created)} created and ${n(r.written.updated)} updated before it stopped.` : '';
    const head = r.written ? `The import of ${what(r)} stopped.${done}` : `${what(r)}: ${n(all)} ${all === 1 ? 'problem' : 'problems'}, so nothing was imported. Please correct ${all === 1 ? 'it' : 'them'} and try again:`;
    const shown = sortProblems(r.problems).slice(0, mode === 'chat-check' ? PROBLEMS_IN_CHAT : r.problems.length);
    const rest = all - shown.length;
    return [head, ...shown.map((p) => `• ${describeProblem(p)}`), ...(rest > 0 ? [`…and ${n(rest)} more${mode === 'chat-check' ? ' (all of them are in the attached file)' : ''}.`] : [])].join('\n');
  }
  const noun = KIND_NOUN[r.kind];
  if (mode === 'applied' && r.written)
    return `Imported ${what(r)}: ${rowsOf(r.rows)} of ${noun}; ${n(r.written.created)} created, ${n(r.written.updated)} updated (new versions), ${n(r.counts.unchanged)} unchanged.`;
  if (!(r.counts.create + r.counts.update)) return `${what(r)}: all ${rowsOf(r.rows)} of ${noun} are stored exactly like this already. Nothing to import.`;
  const head = `${what(r)}: ${rowsOf(r.rows)} of ${noun} checked, no problems. Importing it will ${plan(r)}.`;
  return mode === 'chat-check' ? `${head}\nPress *Import* to write it, or *Cancel*.` : mode === 'dry-run' ? `${head}\nNothing was written (dry run).` : head;
}

/** Every problem as a small CSV (row, column, header, what to do) to fix a large file from. */
export function problemsFile(r: ImportResult): BotFile | null {
  if (r.ok || r.problems.length <= PROBLEMS_IN_CHAT) return null;
  const line = (cells: (string | number)[]) => `${cells.map((c) => csvField(c)).join(',')}\r\n`;
  const body = sortProblems(r.problems).map((p) => line([p.row, p.column ?? '', p.header ?? '', p.message]));
  const stem = r.fileName.replace(/\.[A-Za-z0-9]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'import';
  return {
    name: `${stem}-problems.csv`,
    mimeType: 'text/csv; charset=utf-8',
    content: Buffer.from(UTF8_BOM + line(['Row', 'Column', 'Header', 'Problem']) + body.join(''), 'utf8'),
    title: `Problems in ${r.fileName}`,
  };
}

export const plain = (text: string) => text.replace(/\*/g, '');
