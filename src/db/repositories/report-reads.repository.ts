import type { CheckinDoc } from '../models/checkin.model';
import type { RecordDoc, RecordVersionDoc } from '../models/record.model';
import type { RepoContext } from './context';

/**
 * What the reports read: whole collections of records, the needs' version history and check-ins,
 * for the Secretariat and the Board (the report code checks who may run what, in
 * src/reports/report-access.ts, before calling these). Every method returns a cursor: an async
 * iterable of plain objects, read batch by batch and closed when the reader stops, so a report over
 * 100,000 records never holds the documents it does not keep.
 *
 * Filters are MongoDB query documents over the stored fields (e.g. `{ type: 'need', 'data.country':
 * 'RS' }`), limited to what FerretDB 1.24 supports. On FerretDB with SQLite only `_id` lookups reach
 * storage: any other filter is a full read of the collection, so a report should read a collection
 * once and do its counting and ordering in one pass.
 */
export interface ReadCursor<T> extends AsyncIterable<T> {
  close(): Promise<void>;
}

export type Fields = readonly string[];
export type SortSpec = Record<string, 1 | -1>;

/** Documents per round trip: large enough that a 100,000-record read is a hundred trips, not thousands. */
const BATCH_SIZE = 1000;

export function reportReadsRepository(ctx: RepoContext) {
  const { records, recordVersions, checkins } = ctx.models;

  /** The driver's own cursor (no mongoose document or cast layer: reports only read plain data). */
  function open<T>(collection: typeof records.collection, filter: Record<string, unknown>, opts: { fields?: Fields; sort?: SortSpec }): ReadCursor<T> {
    const projection = opts.fields ? Object.fromEntries(opts.fields.map((f) => [f, 1])) : undefined;
    const cursor = collection.find(filter, { batchSize: BATCH_SIZE, ...(projection ? { projection } : {}), ...(opts.sort ? { sort: opts.sort } : {}) });
    return {
      [Symbol.asyncIterator]: () => cursor[Symbol.asyncIterator]() as AsyncIterator<T>,
      close: () => cursor.close(),
    };
  }

  return {
    /** Records matching `filter`; only `fields` (dotted paths) when given; in `sort` order when given. */
    records<T = RecordDoc>(filter: Record<string, unknown>, opts: { fields?: Fields; sort?: SortSpec } = {}): ReadCursor<T> {
      return open(records.collection, filter, opts);
    },

    /** Every version of every need (ids start with "NM-"), by need id and version. */
    needVersions<T = RecordVersionDoc>(opts: { fields?: Fields } = {}): ReadCursor<T> {
      return open(recordVersions.collection, { recordId: { $gte: 'NM-', $lt: 'NM.' } }, { ...opts, sort: { recordId: 1, version: 1 } });
    },

    /** The check-ins of these quarters, of one organisation or all. */
    checkins(quarters: readonly string[], orgCode?: string): ReadCursor<CheckinDoc> {
      return open(checkins.collection, { quarter: { $in: [...quarters] }, ...(orgCode ? { orgCode } : {}) }, {});
    },
  };
}
export type ReportReads = ReturnType<typeof reportReadsRepository>;
