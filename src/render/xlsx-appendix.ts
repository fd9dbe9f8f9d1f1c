import type { Report, ReportTable } from './report-model';

/**
 * Sheets another feature adds at the end of a report's XLSX workbook, after the report's own tables
 * (and not to Markdown, CSV or JSON). The spreadsheets feature adds the report's records in its
 * import layout, so the Secretariat can correct cells offline and import the sheet back.
 *
 * A provider is registered once by name when the core is built; a later registration under the
 * same name replaces it (one core per process: the app or the CLI).
 */
export type XlsxAppendix = (report: Report) => ReportTable | null;

const appendices = new Map<string, XlsxAppendix>();

export function setXlsxAppendix(name: string, appendix: XlsxAppendix): void {
  appendices.set(name, appendix);
}

export function xlsxAppendices(report: Report): ReportTable[] {
  return [...appendices.values()].map((a) => a(report)).filter((t): t is ReportTable => t !== null);
}
