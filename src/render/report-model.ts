/**
 * The platform-neutral report: what every report (status, updates, needs, responses, gaps) hands
 * to the renderers in this folder. The report code computes it from the database; the renderers
 * turn it into Markdown, CSV, XLSX, JSON or a PNG heat map, and apply the Kosovo* rule on the way
 * out, so report code can pass names as stored.
 */

export type ReportId = 'status' | 'updates' | 'needs' | 'responses' | 'gaps' | 'consultation';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/**
 * Rows as an array, or streamed (e.g. straight from a database cursor) so a report over 100,000
 * records never holds them all. Streamed rows can be read once: render each format from a fresh
 * report (see `readRows`).
 */
export type Rows = readonly Row[] | AsyncIterable<Row>;

/**
 * How a column's values are shown. `number` and `eur` take numbers; `percent` takes a fraction
 * (0.25 is 25 %), as spreadsheets do; `date` takes an ISO date string ("2026-03-31") or epoch ms.
 */
export type ColumnType = 'text' | 'number' | 'eur' | 'date' | 'percent';

export interface ReportColumn {
  key: string;
  label: string;
  type?: ColumnType;
  /** Spreadsheet width in characters; a default per type otherwise. */
  width?: number;
  /** Decimals shown for number, eur and percent (stored values keep full precision). */
  decimals?: number;
}

export interface ReportTable {
  /** Sheet name (Excel allows 31 characters, no \ / ? * [ ] :) and CSV file name; adjusted when needed. */
  name: string;
  title: string;
  columns: readonly ReportColumn[];
  rows: Rows;
  totals?: Row;
}

/** Coverage class of a gap-matrix cell (DOMAIN.md, "Need coverage"); `none` = no needs there. */
export type CoverageLevel = 'none' | 'uncovered' | 'partial' | 'covered' | 'duplication';

export interface HeatmapCell {
  /** What is counted, e.g. the number of needs in that country and theme. */
  value: number;
  /** Text drawn in the cell instead of the value; '' draws nothing. */
  label?: string;
  level: CoverageLevel;
}

export interface Heatmap {
  title: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** cells[r][c]: one row per row label, one cell per column label. */
  cells: readonly (readonly HeatmapCell[])[];
  /** Legend entries in display order; every level with a default label otherwise. */
  legend?: readonly { level: CoverageLevel; label: string }[];
}

export interface Report {
  id: ReportId;
  title: string;
  subtitle?: string;
  generatedAt: Date;
  /** Short lines for chat: top lines, totals, what needs attention. */
  summary: readonly string[];
  tables: readonly ReportTable[];
  heatmap?: Heatmap;
  notes?: readonly string[];
  /** Sheets the XLSX workbook adds after the tables (another feature's: see XlsxAppendices), computed per rendering. */
  xlsxSheets?: (report: Report) => readonly ReportTable[];
}

export const DEFAULT_LEGEND: readonly { level: CoverageLevel; label: string }[] = [
  { level: 'uncovered', label: 'Uncovered' },
  { level: 'partial', label: 'Partially covered' },
  { level: 'covered', label: 'Covered' },
  { level: 'duplication', label: 'Possible duplication' },
  { level: 'none', label: 'No needs' },
];

const alreadyRead = new WeakSet<object>();

/**
 * Every renderer reads rows through here. A second read of a streamed source would silently yield
 * nothing (a cursor or generator is exhausted) and produce an empty report that looks valid, so
 * it fails loudly instead.
 */
export async function* readRows(table: ReportTable): AsyncGenerator<Row> {
  const rows = table.rows;
  if (isRowArray(rows)) {
    yield* rows;
    return;
  }
  if (alreadyRead.has(rows)) {
    throw new Error(`The streamed rows of table "${table.name}" were already read; build the report again to render another format.`);
  }
  alreadyRead.add(rows);
  yield* rows;
}

function isRowArray(rows: Rows): rows is readonly Row[] {
  return Array.isArray(rows);
}

/** Lets the event loop run now and then while rendering long streams (I/O, timers, zip output). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** "2026-05-04 09:30 UTC": unambiguous for readers in several time zones. */
export function formatGeneratedAt(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Safe file-name stem: lower-case ASCII; "Kosovo*" becomes its code, since "*" is not allowed in file names. */
export function fileStem(text: string): string {
  const folded = text
    .replace(/\bKosovo\b\*?/gi, 'XK')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded || 'report';
}
