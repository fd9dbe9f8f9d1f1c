import type { Vocab } from '../config/vocabulary';
import type { Store } from '../db/store';
import { KOSOVO_FOOTNOTE } from '../domain/kosovo';
import type { BotFile } from '../messages/bot-message';
import { csvField, UTF8_BOM } from '../render/to-csv';
import { importSheetName, KIND_NOUN, type ImportKind } from './import-kinds';
import { columnLetter, hintOf, layoutOf, ORGANISATION, type LayoutColumn } from './sheet-layout';

export type TemplateFormat = 'xlsx' | 'csv';
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['xlsx', 'csv'];

/** Rows of the data sheet that get drop-downs and date checks (more rows can still be added). */
const VALIDATED_ROWS = 5_000;
const FIRST_DATA_ROW = 3;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ListColumn {
  title: string;
  pairs: readonly (readonly [string, string])[];
  /** The Lists sheet's range holding the labels, for drop-downs. */
  range?: string;
}

/** One list per choice column and one of organisations, side by side on the Lists sheet. */
function listsOf(columns: LayoutColumn[], organisations: [string, string][]): Map<string, ListColumn> {
  const lists = new Map<string, ListColumn>();
  for (const c of columns) if (c.meta?.vocab) lists.set(c.key, { title: c.header, pairs: (c.meta.vocab as Vocab).pairs });
  lists.set(ORGANISATION, { title: 'Organisation', pairs: organisations });
  return lists;
}

function instructions(kind: ImportKind, columns: LayoutColumn[]): string[][] {
  const sheet = importSheetName(kind);
  return [
    [`WBBSi bot — template for ${KIND_NOUN[kind]}`],
    [],
    [`1. Fill in one row per record in the "${sheet}" sheet, from row ${FIRST_DATA_ROW}. Row 2 shows each column's code and whether it is required.`],
    ['2. New record: leave Id empty and name the organisation (code or name). To change a record, keep its Id: the row becomes a new version.'],
    ['3. Choices: pick from the drop-down, or write the code or the label (see the Lists sheet). Several values in one cell: separate them with ";".'],
    ['4. Dates: real dates, or 15.1.2027, 2027-01-15, 15 January 2027. Amounts in EUR: 1,250,000 or 1.25m.'],
    [`5. Import: send the file to the bot in a direct message (IISG Secretariat), or on the server: wbbsi import ${kind} FILE --dry-run, then without --dry-run.`],
    ['6. All or nothing: if any row has a problem, nothing is imported and every problem is listed with its row and column. Importing the same file again changes nothing.'],
    ['7. Classified information (RESTREINT UE, CONFIDENTIAL, SECRET…) is refused: write only unclassified descriptions.'],
    [],
    ['Column', 'Code', 'Required', 'What to write'],
    ...columns.map((c) => [c.header, c.key, hintOf(c).replace(/^\S+ \((.*)\)$/, '$1'), c.help]),
    [],
    [KOSOVO_FOOTNOTE],
  ];
}

async function xlsxTemplate(kind: ImportKind, columns: LayoutColumn[], lists: Map<string, ListColumn>): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'wbbsi-bot';

  const about = wb.addWorksheet('Instructions');
  about.columns = [{ width: 28 }, { width: 22 }, { width: 26 }, { width: 90 }];
  instructions(kind, columns).forEach((cells, i) => {
    const row = about.addRow(cells);
    if (i === 0 || cells[0] === 'Column') row.font = { bold: true, size: i === 0 ? 14 : 11 };
  });

  const data = wb.addWorksheet(importSheetName(kind), { views: [{ state: 'frozen', ySplit: 2 }] });
  const listSheet = wb.addWorksheet('Lists');
  let col = 1;
  for (const list of lists.values()) {
    listSheet.getColumn(col).width = 16;
    listSheet.getColumn(col + 1).width = 40;
    listSheet.getCell(1, col).value = `${list.title} (code)`;
    listSheet.getCell(1, col + 1).value = list.title;
    listSheet.getRow(1).font = { bold: true };
    list.pairs.forEach(([code, label], i) => {
      listSheet.getCell(i + 2, col).value = code;
      listSheet.getCell(i + 2, col + 1).value = label;
    });
    // Organisations are picked by code (short names may change); the other lists by label.
    const pick = list.title === 'Organisation' ? col : col + 1;
    list.range = `'Lists'!$${columnLetter(pick - 1)}$2:$${columnLetter(pick - 1)}$${list.pairs.length + 1}`;
    col += 3;
  }
  listSheet.getCell(Math.max(...[...lists.values()].map((l) => l.pairs.length)) + 3, 1).value = KOSOVO_FOOTNOTE;

  data.columns = columns.map((c) => ({ key: c.key, width: Math.max(14, Math.min(40, c.header.length + 4)) }));
  // exceljs 4.4 has sheet-level validations over a range, but its typings only declare the per-cell ones.
  const validations = (data as unknown as { dataValidations: { add(range: string, v: Record<string, unknown>): void } }).dataValidations;
  const header = data.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  const hints = data.addRow(columns.map(hintOf));
  hints.font = { italic: true, color: { argb: 'FF666666' } };
  columns.forEach((c, i) => {
    header.getCell(i + 1).note = c.help;
    const range = `${columnLetter(i)}${FIRST_DATA_ROW}:${columnLetter(i)}${FIRST_DATA_ROW + VALIDATED_ROWS - 1}`;
    const list = lists.get(c.key);
    if (list?.range && (c.meta?.kind === 'choice' || c.key === ORGANISATION)) {
      // A warning, not a stop: codes typed by hand (AL, MOI-RS) are valid too.
      validations.add(range, { type: 'list', allowBlank: true, formulae: [list.range], showErrorMessage: true, errorStyle: 'warning', errorTitle: c.header, error: 'Please pick from the list (or write a code from the Lists sheet).' });
    } else if (c.meta?.kind === 'date') {
      data.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
      validations.add(range, { type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2100, 11, 31))], showErrorMessage: true, errorTitle: c.header, error: 'Please enter a date, e.g. 15.1.2027.' });
    } else if (c.meta?.kind === 'multichoice' || c.meta?.kind === 'orgs') {
      validations.add(range, { type: 'any', allowBlank: true, showInputMessage: true, promptTitle: c.header, prompt: 'Several values: separate them with ";". See the Lists sheet.' });
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvTemplate(columns: LayoutColumn[]): Buffer {
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  return Buffer.from(UTF8_BOM + line(columns.map((c) => c.header)) + line(columns.map(hintOf)), 'utf8');
}

/** The template of a kind: XLSX (instructions, the data sheet with drop-downs, the Lists sheet) or CSV (the two header rows). */
export async function buildTemplate(store: Store, kind: ImportKind, format: TemplateFormat): Promise<BotFile> {
  const columns = layoutOf(kind);
  const name = `wbbsi-${kind}-template.${format}`;
  if (format === 'csv') return { name, mimeType: 'text/csv; charset=utf-8', content: csvTemplate(columns), title: `Template for ${KIND_NOUN[kind]}` };
  const orgs = (await store.organisations.list()).map((o) => [o._id, o.shortName] as [string, string]);
  return { name, mimeType: XLSX_MIME, content: await xlsxTemplate(kind, columns, listsOf(columns, orgs)), title: `Template for ${KIND_NOUN[kind]}` };
}
