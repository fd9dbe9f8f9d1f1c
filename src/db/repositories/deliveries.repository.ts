import type { DeliveryDoc } from '../models/delivery.model';
import { isDuplicateKey, type RepoContext } from './context';

/** Up to this many keys, getMany reads each by `_id` rather than one `$in` query (see there). */
const GET_MANY_BY_ID_MAX = 200;

/**
 * Raw access to the `deliveries` ledger. The protocol (claim, lease, retry) lives in
 * src/notify/delivery-ledger.ts; features use that, not this.
 */
export function deliveriesRepository(ctx: RepoContext) {
  const { deliveries } = ctx.models;
  return {
    /** Inserting the key is the claim: false when it already exists (another run has it). */
    async insertClaim(doc: DeliveryDoc): Promise<boolean> {
      try {
        await deliveries.create(doc);
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },

    async get(key: string): Promise<DeliveryDoc | null> {
      return deliveries.findById(key).lean<DeliveryDoc>();
    },

    /**
     * The ledger entries of these keys, so a re-run skips what is done. FerretDB answers an `$in`
     * by reading the whole ledger, which grows every quarter, and a single `_id` through an index:
     * a scheduler slot's few dozen keys are read one by one (a few at a time), a large fan-out's
     * in one query.
     */
    async getMany(keys: string[]): Promise<DeliveryDoc[]> {
      if (!keys.length) return [];
      if (keys.length > GET_MANY_BY_ID_MAX) return deliveries.find({ _id: { $in: keys } }).lean<DeliveryDoc[]>();
      const found: DeliveryDoc[] = [];
      let next = 0;
      const worker = async () => {
        while (next < keys.length) {
          const doc = await deliveries.findById(keys[next++]!).lean<DeliveryDoc>();
          if (doc) found.push(doc);
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, keys.length) }, worker));
      return found;
    },

    /** Conditional update; returns whether a document matched `expect`. */
    async update(key: string, expect: Partial<Pick<DeliveryDoc, 'status' | 'attempts' | 'claimedBy'>>, set: Partial<DeliveryDoc>, unset: (keyof DeliveryDoc)[] = []): Promise<boolean> {
      const res = await deliveries.updateOne(
        { _id: key, ...expect },
        { $set: set, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, 1])) } : {}) },
      );
      return res.matchedCount === 1;
    },

    /**
     * Marks these keys sent, in one round trip (a fan-out writes its completions in batches). Each
     * is an update by `_id` alone, which FerretDB answers through an index.
     */
    async markSent(marks: readonly { key: string; sentAt: Date; meta?: Record<string, unknown> }[]): Promise<void> {
      if (!marks.length) return;
      await deliveries.bulkWrite(
        marks.map((m) => ({
          updateOne: {
            filter: { _id: m.key },
            update: { $set: { status: 'sent' as const, sentAt: m.sentAt, ...(m.meta ? { meta: m.meta } : {}) }, $unset: { nextAttemptAt: 1, lastError: 1 } },
          },
        })),
        { ordered: false },
      );
    },

    /** Deliveries of one kind whose `meta[field]` is at least `from` (e.g. freshness cycles since a date). */
    async byMetaSince(kind: string, field: string, from: string): Promise<DeliveryDoc[]> {
      return deliveries.find({ kind, [`meta.${field}`]: { $gte: String(from) } }).lean<DeliveryDoc[]>();
    },

    async list(filter: { kind?: string; status?: DeliveryDoc['status'] } = {}): Promise<DeliveryDoc[]> {
      return deliveries.find(filter).sort({ createdAt: 1, _id: 1 }).lean<DeliveryDoc[]>();
    },
  };
}
export type DeliveriesRepository = ReturnType<typeof deliveriesRepository>;
