import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { formatGeneratedAt, readRows, yieldToEventLoop, type Cell, type ColumnType, type Report, type ReportColumn, type ReportTable, type Row } from './report-model';
import { KosovoScan } from './render-text';

type Sheet = ExcelJS.Worksheet;
type CellValue = string | number | Date | null;

export const ABOUT_SHEET = 'About';

/** Excel number formats per column type; the stored values stay raw so people can compute with them. */
export function numberFormat(column: ReportColumn): string | undefined {
  const d = column.decimals ?? 0;
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  switch (column.type) {
    case 'eur':
      return `"EUR "#,##0${frac}`;
    case 'number':
      return `#,##0${frac}`;
    case 'percent':
      return `0${column.decimals === undefined ? '.0' : frac}%`;
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

const DEFAULT_WIDTH: Record<ColumnType, number> = { text: 28, number: 12, eur: 18, date: 12, percent: 10 };

/**
 * Excel refuses \ / ? * [ ] : in sheet names, more than 31 characters, and two sheets whose names
 * differ only in case. "Kosovo*" cannot be written there, so the tab shows a full-width asterisk
 * (＊), which reads the same; the caller then adds the footnote to that sheet.
 */
export function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/\bKosovo\b\*?/g, 'Kosovo\uFF0A')
      .replace(/[\\/?*[\]:]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, 31)
      .trim() || 'Sheet';
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** ISO date strings become real dates so Excel can sort and filter them; anything else stays as given. */
function xlsxValue(value: Cell, type: ColumnType | undefined): CellValue {
  if (type === 'date' && value !== null) {
    const ms = typeof value === 'number' ? value : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isFinite(ms)) return new Date(ms);
  }
  return value;
}

async function writeTableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, table: ReportTable, name: string, scan: KosovoScan): Promise<void> {
  const cols = table.columns;
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  if (name.includes('Kosovo\uFF0A')) scan.note();
  // Column widths and formats must be set before the first row is written to the stream.
  sheet.columns = cols.map((c) => {
    const numFmt = numberFormat(c);
    return { key: c.key, width: c.width ?? Math.max(DEFAULT_WIDTH[c.type ?? 'text'], c.label.length + 3), style: numFmt ? { numFmt } : {} };
  });
  const header = sheet.addRow(cols.map((c) => scan.text(c.label)));
  header.font = { bold: true };
  header.commit();

  const values = (row: Row) => cols.map((c) => xlsxValue(scan.cell(row[c.key] ?? null), c.type));
  let n = 0;
  for await (const row of readRows(table)) {
    // Committing each row hands it to the zip stream, so rows never pile up in the sheet.
    sheet.addRow(values(row)).commit();
    if (++n % 1000 === 0) await yieldToEventLoop();
  }
  // The filter range is written when the sheet is committed, so it can cover rows counted only now.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: n + 1, column: cols.length } };
  if (table.totals) {
    const totals = sheet.addRow(values(table.totals));
    totals.font = { bold: true };
    totals.commit();
  }
  if (scan.mentioned) {
    sheet.addRow([]).commit();
    const note = sheet.addRow(scan.footnotes());
    note.font = { italic: true };
    note.commit();
  }
  sheet.commit();
}

function writeAboutSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, sheets: { name: string; title: string }[], doc: KosovoScan): Sheet {
  const sheet = wb.addWorksheet(ABOUT_SHEET);
  sheet.columns = [{ key: 'text', width: 110, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  const t = (s: string) => doc.text(s);
  const add = (text: string, font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow([text]);
    if (font) row.font = font;
    row.commit();
  };
  add(t(report.title), { bold: true, size: 14 });
  if (report.subtitle) add(t(report.subtitle));
  add(`Generated ${formatGeneratedAt(report.generatedAt)}`);
  const section = (heading: string, lines: readonly string[]) => {
    if (!lines.length) return;
    add('');
    add(heading, { bold: true });
    for (const line of lines) add(line);
  };
  section('Summary', report.summary.map(t));
  section('Sheets', sheets.map((s) => `${s.name}: ${t(s.title)}`));
  section('Notes', (report.notes ?? []).map(t));
  // Written last on purpose: only now, after every streamed row, is it known whether Kosovo* appeared.
  if (doc.mentioned) {
    add('');
    add(doc.footnotes()[0], { italic: true });
  }
  sheet.commit();
  return sheet;
}

/**
 * The About sheet must be written last but shown first. exceljs's streaming writer lists sheets
 * in workbook.xml in the order of its private `_worksheets` array (indexed by sheet id, slot 0
 * left empty), and offers no public way to reorder; so we reorder that array. exceljs is pinned
 * (4.4.0) and a test checks that About is the first sheet; should the internals change, About
 * simply stays last.
 */
function showFirst(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet): void {
  const list: unknown = Reflect.get(wb, '_worksheets');
  if (!Array.isArray(list) || !list.includes(sheet)) return;
  const others: unknown[] = list.filter((s: unknown) => s !== undefined && s !== sheet);
  list.length = 0; // keeps slot 0 a hole, as exceljs expects
  [sheet, ...others].forEach((s, i) => (list[i + 1] = s));
}

/**
 * The report as an XLSX workbook: an About sheet (title, generated, summary, sheet list, notes,
 * footnote), then one sheet per table with a bold frozen header, widths, number formats and an
 * autofilter. Always written with exceljs's streaming WorkbookWriter (one code path for arrays
 * and streams); only the finished, compressed file is held in memory.
 */
export async function toXlsx(report: Report): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Loaded on the first spreadsheet, not at start: exceljs holds ~30 MB the bot mostly does not need.
  const { default: Excel } = await import('exceljs');
  // Inline strings instead of a shared-string table, which would keep every distinct text in memory.
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'wbbsi-bot';
  wb.created = report.generatedAt;

  const doc = new KosovoScan();
  const used = new Set<string>([ABOUT_SHEET.toLowerCase()]);
  const sheets: { name: string; title: string }[] = [];
  for (const table of [...report.tables, ...(report.xlsxSheets?.(report) ?? [])]) {
    const name = sheetName(table.name, used);
    const scan = new KosovoScan();
    await writeTableSheet(wb, table, name, scan);
    if (scan.mentioned) doc.note();
    sheets.push({ name, title: table.title });
  }
  showFirst(wb, writeAboutSheet(wb, report, sheets, doc));
  await wb.commit();
  return Buffer.concat(chunks);
}
