import type { Models } from '../db/models';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { ReportingCalendar } from '../calendar/calendar-config';
import type { Report, Row } from '../render/report-model';

/**
 * What every report reads. Reports are aggregate products for the Secretariat and the Board, so
 * they read the models directly (after the access check in report-access.ts) rather than through
 * the per-person repositories. They never read the drafts collection: drafts are not records.
 */
export interface ReportEnv {
  models: Pick<Models, 'records' | 'recordVersions' | 'checkins'>;
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

/** Something with a mongoose-style cursor: lean documents, closed when the reader stops early. */
interface Closable<T> extends AsyncIterable<T> {
  close(): Promise<unknown>;
}

/** Maps each document of a cursor to a row; skips documents for which `map` returns null. */
export async function* mapCursor<T>(cursor: Closable<T>, map: (doc: T) => Row | null): AsyncGenerator<Row> {
  try {
    for await (const doc of cursor) {
      const row = map(doc);
      if (row) yield row;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

export const BATCH_SIZE = 1000;

/** Adds a count to a nested map entry, creating it on first use. */
export function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
