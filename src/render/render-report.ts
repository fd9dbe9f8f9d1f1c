import { fileStem, type Report } from './report-model';
import { toCsv } from './to-csv';
import { toJson } from './to-json';
import { toMarkdown } from './to-markdown';
import { toPngHeatmap } from './to-png-heatmap';
import { toXlsx } from './to-xlsx';

export const REPORT_FORMATS = ['md', 'csv', 'xlsx', 'json', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A finished file, ready to upload to Slack or Teams or to write to disk (same shape as BotFile). */
export interface RenderedFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

export const MIME_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  png: 'image/png',
};

/**
 * The one entry point chat adapters and the CLI call. Returns one file, except: CSV gives one file
 * per table (CSV has no sheets), and PNG gives none when the report has no heat map. A report whose
 * rows are streamed can be rendered once; build it again for a second format.
 */
export async function renderReport(report: Report, format: ReportFormat): Promise<RenderedFile[]> {
  // "wbbsi-gaps-2026-05-04": says what and when, so files saved side by side don't collide.
  const stem = `wbbsi-${fileStem(report.id)}-${report.generatedAt.toISOString().slice(0, 10)}`;
  const mimeType = MIME_TYPES[format];
  switch (format) {
    case 'md':
      return [{ name: `${stem}.md`, mimeType, content: Buffer.from(await toMarkdown(report), 'utf8') }];
    case 'json':
      return [{ name: `${stem}.json`, mimeType, content: await toJson(report) }];
    case 'xlsx':
      return [{ name: `${stem}.xlsx`, mimeType, content: await toXlsx(report) }];
    case 'png':
      return report.heatmap ? [{ name: `${stem}-heatmap.png`, mimeType, content: toPngHeatmap(report.heatmap) }] : [];
    case 'csv': {
      const files: RenderedFile[] = [];
      const used = new Set<string>();
      for (const table of report.tables) {
        let name = `${stem}-${fileStem(table.name)}`;
        for (let i = 2; used.has(name); i++) name = `${stem}-${fileStem(table.name)}-${i}`;
        used.add(name);
        files.push({ name: `${name}.csv`, mimeType, content: await toCsv(table) });
      }
      return files;
    }
  }
}
