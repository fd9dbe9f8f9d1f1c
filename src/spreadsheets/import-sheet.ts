import type { RecordDoc } from '../db/models/record.model';
import type { Store } from '../db/store';
import { SYSTEM_ACTOR } from '../domain/actor';
import type { Report, ReportTable, Row, Rows } from '../render/report-model';
import { importSheetName, KIND_NOUN, parseKind, RECORD_TYPE, type ImportKind } from './import-kinds';
import { layoutColumns, layoutRow } from './layout-values';

/** Lookups in flight while filling the sheet: `_id` reads are the fast path on FerretDB. */
const IN_FLIGHT = 4;

/** A report's listing read afresh: streamed rows can be read once, and the sheet writer read them already. */
function fresh(rows: Rows): AsyncIterable<Row> | readonly Row[] {
  const reopen = (rows as { reopen?: () => AsyncIterable<Row> }).reopen;
  return typeof reopen === 'function' ? reopen.call(rows) : rows;
}

/** The records behind the listing's ids, in the listing's order, a few lookups at a time. */
async function* recordsOf(store: Store, kind: ImportKind, listing: ReportTable): AsyncGenerator<Row> {
  const window: Promise<RecordDoc | null>[] = [];
  const emit = async function* () {
    const rec = await window.shift()!;
    if (rec && rec.type === RECORD_TYPE[kind]) yield layoutRow(kind, rec);
  };
  for await (const row of fresh(listing.rows)) {
    if (typeof row.id !== 'string') continue;
    // The person was allowed to run this report, and these ids are its rows: read them as the system.
    const rec = store.records.get(SYSTEM_ACTOR, row.id);
    rec.catch(() => undefined); // awaited in turn below; this only keeps an early failure from going unhandled
    window.push(rec);
    if (window.length >= IN_FLIGHT) yield* emit();
  }
  while (window.length) yield* emit();
}

/**
 * The sheet the updates, needs and responses reports add to their XLSX: the same records as the
 * report's listing, in the import layout with their ids. Imported back, only the rows whose cells
 * were changed become new versions.
 */
export function importLayoutSheet(store: Store) {
  return (report: Report): ReportTable | null => {
    const kind = parseKind(report.id);
    const listing = report.tables.find((t) => t.columns.some((c) => c.key === 'id'));
    if (!kind || !listing) return null;
    return {
      name: importSheetName(kind),
      title: `The ${KIND_NOUN[kind]} above in the import layout: correct cells and import this sheet back (only changed rows become new versions)`,
      columns: layoutColumns(kind),
      rows: { [Symbol.asyncIterator]: () => recordsOf(store, kind, listing) },
    };
  };
}
