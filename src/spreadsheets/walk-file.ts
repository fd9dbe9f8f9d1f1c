import { importSheetName, KIND_NOUN } from './import-kinds';
import type { Problem } from './import-problems';
import { headerScore, isRecordRow, mapHeader, markingProblems, parseRow, type HeaderMap } from './parse-row';
import { readSheets, type SheetRow, type UploadedFile } from './read-sheet';
import { createRowChecker, type RowCheckEnv, type RowPlan } from './row-checker';

/** Rows a file may hold; more is refused whole (split the file). */
export const MAX_ROWS = 20_000;
/** Problems kept to show; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 300;

export interface Progress {
  phase: 'checking' | 'writing';
  /** Record rows done so far. */
  rows: number;
  /** The last report of the pass. */
  done?: boolean;
}

export interface FileCheck {
  sheet?: string;
  rows: number;
  counts: { create: number; update: number; unchanged: number };
  problems: Problem[];
  /** Problems beyond MAX_PROBLEMS_SHOWN. */
  moreProblems: number;
}

export interface WalkEnv extends RowCheckEnv {
  onProgress?: (p: Progress) => void;
}

const PROGRESS_EVERY = 250;

/** The sheet's first non-empty row: its header. */
async function headerOf(rows: AsyncIterator<SheetRow>): Promise<SheetRow | null> {
  for (let r = await rows.next(); !r.done; r = await rows.next()) if (r.value.cells.some((c) => c !== null && c !== '')) return r.value;
  return null;
}

/**
 * One pass over the file: finds the sheet to import, maps its header, and checks each record row as
 * it streams by, handing each valid row's plan to `onPlan` (the write pass) in file order. The sheet
 * is the one named "Import <kind>" (template, report export), else the first whose header has every
 * required column; a CSV file is one sheet.
 */
export async function walkFile(
  env: WalkEnv,
  file: UploadedFile,
  phase: Progress['phase'],
  onPlan?: (plan: RowPlan) => Promise<void>,
  only?: string,
): Promise<FileCheck> {
  const result: FileCheck = { rows: 0, counts: { create: 0, update: 0, unchanged: 0 }, problems: [], moreProblems: 0 };
  const add = (ps: Problem[]) => {
    for (const p of ps) {
      if (result.problems.length < MAX_PROBLEMS_SHOWN) result.problems.push(p);
      else result.moreProblems += 1;
    }
  };
  let best: { name: string; header: SheetRow; known: number } | null = null;
  let sheets = 0;
  for await (const sheet of readSheets(file)) {
    sheets += 1;
    const rows = sheet.rows[Symbol.asyncIterator]();
    const header = await headerOf(rows);
    if (!header) continue;
    const score = headerScore(env.kind, header);
    const named = sheet.name.trim().toLowerCase() === importSheetName(env.kind).toLowerCase();
    if (!(named || score.complete || sheet.single || sheet.name === only)) {
      if (!best || score.known > best.known) best = { name: sheet.name, header, known: score.known };
      await rows.return?.();
      continue;
    }
    result.sheet = sheet.name;
    await walkRows(env, mapHeader(env.kind, header), rows, result, add, phase, onPlan);
    return result;
  }
  // A workbook of one sheet is that sheet, whatever its header; with several, none had the columns.
  if (best && sheets === 1 && only === undefined) return walkFile(env, file, phase, onPlan, best.name);
  if (!best) add([{ row: 1, message: sheets ? 'The file has no rows.' : 'The file has no sheets.' }]);
  else add([{ row: best.header.row, message: `No sheet has the columns of the ${KIND_NOUN[env.kind]} template (the closest, "${best.name}", has ${best.known} of them). Please copy your rows into the "${importSheetName(env.kind)}" sheet of the template.` }]);
  return result;
}

async function walkRows(
  env: WalkEnv,
  header: HeaderMap,
  rows: AsyncIterator<SheetRow>,
  result: FileCheck,
  add: (ps: Problem[]) => void,
  phase: Progress['phase'],
  onPlan?: (plan: RowPlan) => Promise<void>,
): Promise<void> {
  add(header.problems);
  // Rows read against a wrong header would only repeat its problem; classification markings are still looked for.
  const check = header.problems.length ? null : createRowChecker(env, header);
  for (let r = await rows.next(); !r.done; r = await rows.next()) {
    if (!isRecordRow(r.value)) continue;
    result.rows += 1;
    if (!check) {
      add(markingProblems(header, r.value));
      continue;
    }
    if (result.rows > MAX_ROWS) {
      add([{ row: r.value.row, message: `The file has more than ${MAX_ROWS.toLocaleString('en-GB')} rows. Please split it into smaller files.` }]);
      await rows.return?.();
      return;
    }
    const { plan, problems } = await check(parseRow(header, r.value, env.parse));
    add(problems);
    if (plan) {
      result.counts[plan.action] += 1;
      // Nothing is written once any row has a problem: all or nothing.
      if (onPlan && !result.problems.length && !result.moreProblems) await onPlan(plan);
    }
    if (result.rows % PROGRESS_EVERY === 0) env.onProgress?.({ phase, rows: result.rows });
  }
  if (!result.rows) add([{ row: header.row + 1, message: 'The sheet has no rows to import below its header.' }]);
  env.onProgress?.({ phase, rows: result.rows, done: true });
}
