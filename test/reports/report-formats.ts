import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import type { Core } from '../../src/core';
import type { Actor } from '../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import { renderReport } from '../../src/render/render-report';
import type { Report, Row } from '../../src/render/report-model';
import { reopenReport } from '../../src/reports/report-source';
import { parseCsv } from './render/report-fixtures';

/** Every format of one report, read back with real parsers: what a person opening the files sees. */
export interface Rendered {
  md: string;
  /** By table name: header row, then data rows (as text, the way a CSV reader sees them). */
  csv: Record<string, string[][]>;
  xlsx: ExcelJS.Workbook;
  json: { id: string; summary: string[]; tables: { name: string; rows: Row[]; totals?: Row }[]; footnotes: string[] };
  png?: PNG;
}

export async function renderAll(report: Report): Promise<Rendered> {
  const one = async (f: 'md' | 'json' | 'xlsx' | 'png') => (await renderReport(reopenReport(report), f))[0];
  const md = (await one('md'))!.content.toString('utf8');
  const json = JSON.parse((await one('json'))!.content.toString('utf8')) as Rendered['json'];
  const xlsx = new ExcelJS.Workbook();
  await xlsx.xlsx.load((await one('xlsx'))!.content as unknown as ExcelJS.Buffer);
  const csvFiles = await renderReport(reopenReport(report), 'csv');
  const csv: Record<string, string[][]> = {};
  report.tables.forEach((t, i) => (csv[t.name] = parseCsv(csvFiles[i]!.content.toString('utf8').replace(/^\uFEFF/, ''))));
  const pngFile = await one('png');
  return { md, csv, xlsx, json, png: pngFile ? PNG.sync.read(pngFile.content) : undefined };
}

export { parseCsv } from './render/report-fixtures';

/** A sheet's values row by row (1-based rows as arrays of cell values, empty cells as null). */
export function sheetRows(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}"; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1);
    out[n - 1] = values.map((v) => (v === undefined ? null : v));
  });
  return out;
}

export const countOf = (text: string, part: string) => text.split(part).length - 1;

/** The Kosovo* rule in every format: written with the asterisk, footnote exactly once where it applies. */
export function expectKosovoRule(r: Rendered): void {
  expect(r.md).toContain('Kosovo*');
  // The footnote itself names "the Kosovo declaration"; everything else writes Kosovo*.
  expect(r.md.split(KOSOVO_FOOTNOTE.slice(2)).join('')).not.toMatch(/Kosovo(?!\*)/);
  expect(countOf(r.md, KOSOVO_FOOTNOTE.slice(2))).toBe(1);
  expect(r.json.footnotes).toEqual([KOSOVO_FOOTNOTE]);
}

/** Builds a report the way chat and the CLI do ("needs 2025-2026 Serbia"), failing loudly on a refusal. */
export async function build(core: Core, actor: Actor, command: string): Promise<Report> {
  const [name, ...args] = command.split(' ');
  const prepared = await core.reports.prepare(actor, name!, args);
  if (!prepared.ok) throw new Error(prepared.message);
  return prepared.build();
}

/** The rows of a table, read once (arrays as they are, streamed rows from a fresh copy). */
export async function rowsOf(report: Report, tableName: string): Promise<Row[]> {
  const table = reopenReport(report).tables.find((t) => t.name === tableName);
  if (!table) throw new Error(`no table "${tableName}"`);
  const out: Row[] = [];
  for await (const row of table.rows) out.push(row);
  return out;
}
