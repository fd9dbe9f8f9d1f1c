import { Readable } from 'node:stream';
import { readRows, yieldToEventLoop, type Cell, type ReportTable, type Row } from './report-model';
import { KosovoScan } from './render-text';

/** Excel needs the byte-order mark to read UTF-8 (Kosovo*, č, ë); without it they come out garbled. */
export const UTF8_BOM = '\uFEFF';

/**
 * A text starting with one of these is run as a formula by Excel and LibreOffice when the CSV is
 * opened ("CSV injection"); a leading apostrophe makes it plain text. Numbers we write ourselves
 * (e.g. -5) are left alone: only text can carry a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * One table as CSV: BOM, header row of labels, the rows (raw values, so spreadsheets can compute
 * with them: EUR as plain numbers, percent as fractions), the totals row, and, when Kosovo* was
 * written, the footnote as a last one-field row: CSV has no comments, and only after the last
 * streamed row is it known whether the footnote is needed.
 */
export async function* csvChunks(table: ReportTable): AsyncGenerator<string> {
  const scan = new KosovoScan();
  const values = (row: Row) => table.columns.map((c) => scan.cell(row[c.key] ?? null));
  let out = UTF8_BOM + csvLine(table.columns.map((c) => scan.text(c.label)));
  let n = 0;
  for await (const row of readRows(table)) {
    out += csvLine(values(row));
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
    if (++n % 1000 === 0) await yieldToEventLoop();
  }
  if (table.totals) out += csvLine(values(table.totals));
  for (const footnote of scan.footnotes()) out += csvLine([footnote]);
  yield out;
}

export function csvStream(table: ReportTable): Readable {
  return Readable.from(csvChunks(table), { objectMode: false });
}

export async function toCsv(table: ReportTable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of csvChunks(table)) parts.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(parts);
}
