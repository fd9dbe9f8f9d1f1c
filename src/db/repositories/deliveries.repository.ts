import type { DeliveryDoc } from '../models/delivery.model';
import { isDuplicateKey, type RepoContext } from './context';

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

    /** One query for a whole fan-out, so a re-run skips what is done without touching each key. */
    async getMany(keys: string[]): Promise<DeliveryDoc[]> {
      if (!keys.length) return [];
      return deliveries.find({ _id: { $in: keys } }).lean<DeliveryDoc[]>();
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
