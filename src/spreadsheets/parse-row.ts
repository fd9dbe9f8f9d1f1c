import { findClassificationMarking } from '../domain/classification';
import { KOSOVO_FOOTNOTE } from '../domain/kosovo';
import type { FieldMeta } from '../forms/field';
import { parseAnswer, type ParseContext, type Parsed } from '../forms/parse-answer';
import type { ImportKind } from './import-kinds';
import type { Problem } from './import-problems';
import type { CellValue, SheetRow } from './read-sheet';
import { columnFor, columnLetter, ID, isHintRow, ORGANISATION, QUARTER, requiredColumns, type LayoutColumn } from './sheet-layout';

/** Which layout column each of the file's columns is (by label or code), and what is wrong with the header. */
export interface HeaderMap {
  kind: ImportKind;
  /** The header's row number. */
  row: number;
  columns: (LayoutColumn | undefined)[];
  headers: string[];
  problems: Problem[];
  /** Required columns the header lacks. */
  missing: number;
  has(key: string): boolean;
}

export interface ImportParseContext extends ParseContext {
  /** Organisation code, short name or full name (lower case) → code. */
  orgCodes: Map<string, string>;
}

export interface ParsedRow {
  row: number;
  id?: string;
  organisation?: string;
  quarter?: string;
  /** The form fields that have a column: parsed value, or undefined for an empty cell. */
  answers: Record<string, unknown>;
  problems: Problem[];
}

const text = (c: CellValue) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

export function mapHeader(kind: ImportKind, header: SheetRow): HeaderMap {
  const headers = header.cells.map(text);
  const columns = headers.map((h) => (h ? columnFor(kind, h) : undefined));
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const at = { row: header.row, column: columnLetter(i), header: h };
    const col = columns[i];
    if (h && !col) problems.push({ ...at, message: `I do not know the column "${h}". Use the template's headers (a label or a code, see the Instructions sheet), or delete the column.` });
    if (!col) return;
    if (seen.has(col.key)) problems.push({ ...at, message: `"${h}" repeats column ${columnLetter(seen.get(col.key)!)}. Please keep one of them.` });
    else seen.set(col.key, i);
  });
  // With an Id column a file may change a few columns of existing records (Id + Priority): a missing
  // column keeps the stored values, and a new row without a required column is refused on its row.
  const missing = requiredColumns(kind).filter((c) => !seen.has(c.key));
  if (missing.length && !seen.has(ID))
    problems.push({ row: header.row, message: `Columns missing: ${missing.map((c) => `"${c.header}"`).join(', ')}. Please start from the template (wbbsi template ${kind}).` });
  return { kind, row: header.row, columns, headers, problems, missing: missing.length, has: (key) => seen.has(key) };
}

/** How well a header fits a kind: the number of its columns that name one of the kind's columns. */
export function headerScore(kind: ImportKind, header: SheetRow): { known: number; complete: boolean } {
  const h = mapHeader(kind, header);
  return { known: h.columns.filter(Boolean).length, complete: h.missing === 0 };
}

const isEmpty = (cells: CellValue[]) => cells.every((c) => c === null || text(c) === '');

/** Rows that carry no record: empty, the template's second header row, the Kosovo* footnote of an export. */
export function isRecordRow(r: SheetRow): boolean {
  if (isEmpty(r.cells) || isHintRow(r.cells)) return false;
  const filled = r.cells.filter((c) => c !== null && text(c) !== '');
  return !(filled.length === 1 && text(filled[0]!) === KOSOVO_FOOTNOTE);
}

/** Days since 30 December 1899: a date Excel shows as a plain number when the column has no date format. */
function excelSerialDate(n: number): string | null {
  if (!Number.isInteger(n) || n < 20_000 || n > 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Several values in one cell: "Border checks; Training" (labels may hold commas) or "AL, RS". */
function listItems(s: string): string[] | string {
  return /[;\n]/.test(s) ? s.split(/[;\n]+/).map((x) => x.trim()).filter(Boolean) : s;
}

function isOneLabel(meta: FieldMeta, s: string): boolean {
  const t = s.replace(/\*/g, '').toLowerCase();
  return (meta.vocab?.pairs ?? []).some(([code, label]) => code.toLowerCase() === t || label.replace(/\*/g, '').toLowerCase() === t);
}

/** One cell → the value the field's zod schema checks, through the conversation's own answer parser. */
export function parseCell(meta: FieldMeta, cell: CellValue, ctx: ImportParseContext): Parsed {
  if (cell === null || text(cell) === '') return { ok: true, value: undefined };
  if (cell instanceof Date) {
    if (meta.kind === 'datetime') return { ok: true, value: cell.toISOString() };
    return parseAnswer(meta, cell.toISOString().slice(0, 10), ctx);
  }
  if (typeof cell === 'number') {
    if (meta.kind === 'number') return Number.isFinite(cell) ? { ok: true, value: Math.round(cell * 100) / 100 } : { ok: false, error: 'Please give a number.' };
    if (meta.kind === 'date' && excelSerialDate(cell)) return { ok: true, value: excelSerialDate(cell) };
  }
  const s = text(cell);
  switch (meta.kind) {
    case 'orgs': {
      // A full name may hold commas ("GIZ – …, Sarajevo Regional Office"): try the whole cell first.
      const items = ctx.orgCodes.has(s.toLowerCase()) ? [s] : [listItems(s)].flat().flatMap((x) => (/[;\n]/.test(s) ? [x] : x.split(',')));
      return parseAnswer(meta, items.map((x) => ctx.orgCodes.get(x.trim().toLowerCase()) ?? x.trim()).filter(Boolean), ctx);
    }
    case 'multichoice':
      // One label holding commas ("Asylum, reception and registration") is one choice, not three.
      return parseAnswer(meta, isOneLabel(meta, s) ? [s] : listItems(s), ctx);
    case 'need-ids':
    case 'need-links':
      return parseAnswer(meta, s.replace(/[;\n]+/g, ','), ctx);
    default:
      return parseAnswer(meta, s, ctx);
  }
}

/** Classification markings refuse the row wherever they are, in columns the importer does not know too. */
export function markingProblems(h: HeaderMap, r: SheetRow): Problem[] {
  const out: Problem[] = [];
  r.cells.forEach((cell, i) => {
    const marking = typeof cell === 'string' ? findClassificationMarking(cell) : null;
    if (marking)
      out.push({ row: r.row, column: columnLetter(i), header: h.headers[i] || undefined, message: `This cell carries the marking "${marking}". Classified information is not accepted here: remove it, or write an unclassified description.` });
  });
  return out;
}

/** A record row: the record columns as written, the fields parsed, and every problem of its cells. */
export function parseRow(h: HeaderMap, r: SheetRow, ctx: ImportParseContext): ParsedRow {
  const out: ParsedRow = { row: r.row, answers: {}, problems: [] };
  const at = (i: number) => ({ row: r.row, column: columnLetter(i), header: h.headers[i] || undefined });
  out.problems.push(...markingProblems(h, r));
  r.cells.forEach((cell, i) => {
    if (typeof cell === 'string' && findClassificationMarking(cell)) return;
    const col = h.columns[i];
    if (!col) return;
    if (col.key === ID || col.key === ORGANISATION || col.key === QUARTER) {
      const value = text(cell);
      if (value) out[col.key === ID ? 'id' : col.key === ORGANISATION ? 'organisation' : 'quarter'] = col.key === ID ? value.toUpperCase() : value;
      return;
    }
    const parsed = parseCell(col.meta!, cell, ctx);
    if (parsed.ok) out.answers[col.key] = parsed.value;
    else out.problems.push({ ...at(i), message: parsed.error });
  });
  return out;
}

/** The file's column of a field, for pointing at a cell. */
export function cellOf(h: HeaderMap, row: number, key: string): Problem {
  const i = h.columns.findIndex((c) => c?.key === key);
  return i >= 0 ? { row, column: columnLetter(i), header: h.headers[i], message: '' } : { row, message: '' };
}
