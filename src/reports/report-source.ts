import type { OrganisationDoc } from '../db/models/organisation.model';
import type { ReportReads } from '../db/repositories/report-reads.repository';
import type { ReportingCalendar } from '../calendar/calendar-config';
import type { Report, Row } from '../render/report-model';

/**
 * What every report reads. Reports are aggregate products for the Secretariat and the Board, so
 * they read whole collections through the report cursors of src/db (after the access check in
 * report-access.ts) rather than through the per-person repositories. They never read the drafts
 * collection: drafts are not records.
 */
export interface ReportEnv {
  reads: ReportReads;
  /** Every organisation, inactive ones too, for names. */
  organisations: readonly OrganisationDoc[];
  now: Date;
  timezone: string;
  calendar: ReportingCalendar;
}

/** Rows produced on demand (from a database cursor, or from figures held by the report). Each copy can be read once, so `reopen()` gives a fresh one. */
export class StreamedRows implements AsyncIterable<Row> {
  constructor(private readonly open: () => AsyncIterable<Row>) {}

  [Symbol.asyncIterator](): AsyncIterator<Row> {
    return this.open()[Symbol.asyncIterator]();
  }

  reopen(): StreamedRows {
    return new StreamedRows(this.open);
  }
}

/**
 * The same report with fresh streamed rows: the renderers refuse to read a stream twice, and chat
 * sends the report in several formats (XLSX, CSV), so each format gets its own copy. The figures
 * computed at build time (summary, aggregated tables) are shared, not recomputed.
 */
export function reopenReport(report: Report): Report {
  return { ...report, tables: report.tables.map((t) => (t.rows instanceof StreamedRows ? { ...t, rows: t.rows.reopen() } : t)) };
}

/**
 * Rows kept from a report's single pass over its records, put in order once the pass is done.
 * On FerretDB every query reads the whole collection and a database sort holds the whole result in
 * the database process anyway, so counting and listing from one read (a few short strings per row,
 * about 10 MB for 25,000 needs) costs one scan instead of two.
 */
export class SortedRows {
  private readonly items: { key: readonly (string | number)[]; row: Row }[] = [];

  /** `order`: per sort key, 1 ascending or -1 descending (as in a MongoDB sort). */
  constructor(private readonly order: readonly (1 | -1)[]) {}

  add(key: readonly (string | number)[], row: Row): void {
    this.items.push({ key, row });
  }

  get size(): number {
    return this.items.length;
  }

  /** The rows in order (sorted once, on first use). */
  rows(): Row[] {
    const order = this.order;
    this.items.sort((a, b) => {
      for (let i = 0; i < order.length; i++) {
        const x = a.key[i]!;
        const y = b.key[i]!;
        if (x !== y) return (x < y ? -1 : 1) * order[i]!;
      }
      return 0;
    });
    return this.items.map((i) => i.row);
  }
}

/** A sort key from a stored value: missing values first, as MongoDB sorts them ascending. */
export const sortKey = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Adds a count to a nested map entry, creating it on first use. */
export function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
