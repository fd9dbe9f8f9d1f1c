import { readRows, yieldToEventLoop, type Heatmap, type Report, type ReportTable, type Row } from './report-model';
import { KosovoScan } from './render-text';

/**
 * The report as plain JSON: dates as ISO strings, rows as objects keyed by column key, and a
 * `footnotes` array (the Kosovo* footnote once, when Kosovo* appears). Written piece by piece, one
 * row per line, so streamed rows never sit in memory together; `footnotes` is therefore the last key.
 */
export async function* jsonChunks(report: Report): AsyncGenerator<string> {
  const scan = new KosovoScan();
  const t = (s: string) => scan.text(s);
  const field = (key: string, value: unknown, last = false) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${last ? '' : ','}\n`;

  let head = '{\n';
  head += field('id', report.id);
  head += field('title', t(report.title));
  if (report.subtitle !== undefined) head += field('subtitle', t(report.subtitle));
  head += field('generatedAt', report.generatedAt.toISOString());
  head += field('summary', report.summary.map(t));
  head += '  "tables": [';
  yield head;

  for (const [i, table] of report.tables.entries()) {
    if (i > 0) yield ',';
    yield* tableChunks(table, scan);
  }
  let tail = '\n  ],\n';
  if (report.heatmap) tail += field('heatmap', designateHeatmap(report.heatmap, scan));
  if (report.notes) tail += field('notes', report.notes.map(t));
  tail += field('footnotes', scan.footnotes(), true);
  yield `${tail}}\n`;
}

async function* tableChunks(table: ReportTable, scan: KosovoScan): AsyncGenerator<string> {
  // Keys are identifiers, not display text: only values are designated.
  const designate = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, scan.cell(v)]));
  const columns = table.columns.map((c) => ({ ...c, label: scan.text(c.label) }));
  let out = `\n    {\n      "name": ${JSON.stringify(scan.text(table.name))},\n      "title": ${JSON.stringify(scan.text(table.title))},\n`;
  out += `      "columns": ${JSON.stringify(columns)},\n      "rows": [`;
  let n = 0;
  for await (const row of readRows(table)) {
    out += `${n === 0 ? '' : ','}\n        ${JSON.stringify(designate(row))}`;
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
    if (++n % 1000 === 0) await yieldToEventLoop();
  }
  out += n === 0 ? ']' : '\n      ]';
  if (table.totals) out += `,\n      "totals": ${JSON.stringify(designate(table.totals))}`;
  yield `${out}\n    }`;
}

function designateHeatmap(h: Heatmap, scan: KosovoScan): Heatmap {
  const t = (s: string) => scan.text(s);
  return {
    title: t(h.title),
    rowLabels: h.rowLabels.map(t),
    colLabels: h.colLabels.map(t),
    cells: h.cells.map((row) => row.map((c) => (c.label === undefined ? { ...c } : { ...c, label: t(c.label) }))),
    ...(h.legend ? { legend: h.legend.map((l) => ({ ...l, label: t(l.label) })) } : {}),
  };
}

export async function toJson(report: Report): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of jsonChunks(report)) parts.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(parts);
}
