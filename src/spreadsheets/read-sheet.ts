import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parseStream } from '@fast-csv/parse';
import type ExcelJS from 'exceljs';

/** A cell as the importer sees it: text, a number, a real date (XLSX), or nothing. */
export type CellValue = string | number | boolean | Date | null;

/** One row of a sheet, numbered as the spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export interface UploadedFile {
  name: string;
  content: Buffer;
}

export interface Sheet {
  name: string;
  /** The file's only sheet (a CSV file). */
  single?: boolean;
  /** Read once: the sheet's rows in order, empty ones included. */
  rows: AsyncIterable<SheetRow>;
}

/** A file the importer cannot read at all (not a spreadsheet, not UTF-8): said in one sentence. */
export class UnreadableFile extends Error {}

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** By content, not by name: an XLSX is a zip ("PK"); an old binary .xls is refused with advice. */
export function formatOf(file: UploadedFile): SpreadsheetFormat {
  const head = file.content.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  if (head.readUInt32BE(0) === 0xd0cf11e0) throw new UnreadableFile('This is an old Excel 97–2003 file (.xls). Please save it as an Excel workbook (.xlsx) or as CSV UTF-8, and send it again.');
  if (/\.(xlsx|xlsm|ods|numbers|pdf|docx?)$/i.test(file.name)) throw new UnreadableFile('I cannot read this file. Please send the template as an Excel workbook (.xlsx) or as CSV.');
  if (!isUtf8(file.content)) throw new UnreadableFile('This CSV file is not in UTF-8, so names such as Kosovo* or č would be garbled. In Excel choose "Save as → CSV UTF-8", then send it again.');
  return 'csv';
}

/** The sheets of the file in order (a CSV is one sheet), streamed: rows are read as they are used. */
export function readSheets(file: UploadedFile): AsyncGenerator<Sheet> {
  return formatOf(file) === 'xlsx' ? xlsxSheets(file.content) : csvSheet(file);
}

function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellOf(o.result);
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

const DAMAGED = 'I could not open this workbook: it seems damaged. Please save it again as .xlsx (or as CSV UTF-8) and send it again.';

/** Any failure of the zip or XML parser becomes one polite sentence; nothing of the file is echoed. */
async function* readable<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (err) {
    throw err instanceof UnreadableFile ? err : new UnreadableFile(DAMAGED);
  }
}

/** The parts of exceljs's streaming WorkbookReader used here (exceljs is pinned to 4.4.0). */
interface ReaderParts {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown> | NodeJS.ReadableStream, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

/**
 * XLSX, streamed: the rows of each sheet are parsed as they are read, so memory does not grow with
 * the number of rows. exceljs 4.4.0's WorkbookReader reads the zip in one streaming pass and
 * sometimes loses its last entry (exceljs issue 3064: "Cannot read properties of undefined (reading
 * 'sheets')"; workbook.xml is stored last), more often on a busy machine. So the zip is opened by
 * its central directory (JSZip), the workbook's parts are handed to the reader in the order it
 * needs (relations, workbook, shared strings, styles), then each sheet as a decompressing stream,
 * to exceljs's own row parser.
 */
async function* xlsxSheets(content: Buffer): AsyncGenerator<Sheet> {
  // Loaded on the first spreadsheet, as for reports: exceljs is large and most runs never need it.
  const [{ default: Excel }, { default: JSZip }] = await Promise.all([import('exceljs'), import('jszip')]);
  const zip = await JSZip.loadAsync(content).catch(() => {
    throw new UnreadableFile(DAMAGED);
  });
  const part = async (path: string) => {
    const f = zip.file(path);
    return f ? Readable.from([await f.async('nodebuffer')]) : null;
  };
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as ReaderParts;
  const rels = await part('xl/_rels/workbook.xml.rels');
  const book = await part('xl/workbook.xml');
  if (!rels || !book) throw new UnreadableFile(DAMAGED);
  try {
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const strings = await part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _; // 'cache': fills the reader's table
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
  } catch {
    throw new UnreadableFile(DAMAGED);
  }
  for (const s of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((r) => r.Id === s.rId)?.Target ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1];
    const file = sheetNo ? zip.file(path) : null;
    if (!file) continue;
    for (const ev of reader._parseWorksheet(file.nodeStream('nodebuffer'), sheetNo!)) {
      if (ev.eventType !== 'worksheet') continue;
      const sheet = ev.value as AsyncIterable<ExcelJS.Row>;
      yield {
        name: s.name,
        rows: (async function* () {
          for await (const row of readable(sheet)) {
            const values = Array.isArray(row.values) ? row.values.slice(1) : [];
            yield { row: row.number, cells: Array.from(values, cellOf) };
          }
        })(),
      };
    }
  }
}

/** `;` (Excel in most of Europe) or `,` or a tab: whichever the header line uses most, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0];
}

async function* csvSheet(file: UploadedFile): AsyncGenerator<Sheet> {
  const delimiter = detectDelimiter(file.content.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, ''));
  yield {
    name: file.name,
    single: true,
    rows: (async function* () {
      // fast-csv removes the byte-order mark and handles quoted fields with line breaks.
      const parser = parseStream(Readable.from([file.content]), { delimiter, headers: false, ignoreEmpty: false });
      let n = 0;
      try {
        for await (const fields of parser as AsyncIterable<string[]>) {
          n += 1;
          yield { row: n, cells: fields.map((f) => (f === '' ? null : f)) };
        }
      } catch {
        throw new UnreadableFile(`I could not read the CSV file after row ${n}: a quotation mark may be missing. Please check that row, or save the file again from Excel as CSV UTF-8.`);
      }
    })(),
  };
}
