import type { Report, ReportTable } from './report-model';

/**
 * A sheet another feature adds at the end of a report's XLSX workbook, after the report's own
 * tables (and not to Markdown, CSV or JSON). The spreadsheets feature adds the report's records in
 * its import layout, so the Secretariat can correct cells offline and import the sheet back.
 * Null when it has nothing to add to this report.
 */
export type XlsxAppendix = (report: Report) => ReportTable | null;

/**
 * The appendices of one core (ModuleContext.xlsxAppendices): features register theirs when they
 * are installed, the report service attaches them to every report it builds. Per core, not per
 * process, because each appendix reads through its own core's store.
 */
export class XlsxAppendices {
  private readonly byName = new Map<string, XlsxAppendix>();

  /** A later registration under the same name replaces the earlier one. */
  set(name: string, appendix: XlsxAppendix): void {
    this.byName.set(name, appendix);
  }

  /** The report, with these appendices computed afresh for each XLSX rendering (their rows stream). */
  attach(report: Report): Report {
    if (!this.byName.size) return report;
    const appendices = [...this.byName.values()];
    return { ...report, xlsxSheets: (r) => appendices.map((a) => a(r)).filter((t): t is ReportTable => t !== null) };
  }
}
