import { isDuplicateKey, type RepoContext } from './context';

/** A claim also clears expired keys when this long has passed since the last clearing… */
export const SEEN_KEYS_PURGE_EVERY_MS = 60_000;
/** …or after this many claims, whichever comes first… */
export const SEEN_KEYS_PURGE_EVERY_CLAIMS = 100;
/** …removing at most this many: ten per claim, so clearing always outruns new keys, and no claim waits long. */
export const SEEN_KEYS_PURGE_BATCH = 1000;

/**
 * "Have we already handled this?" for redelivered events and double clicks. `claim` inserts the key;
 * false means someone (another request, another instance) already did. Works on FerretDB and MongoDB.
 *
 * FerretDB has no TTL index, and the scheduler's purge may be off on every instance
 * (SCHEDULER_ENABLED=false), so claims clear expired keys themselves: now and then (see above), a
 * bounded batch, oldest first. The collection stays at about the keys still alive.
 */
export function seenKeysRepository(ctx: RepoContext) {
  const { seenKeys } = ctx.models;
  let lastPurge = Number.NEGATIVE_INFINITY;
  let claimsSincePurge = 0;

  async function purgeBatch(limit: number): Promise<number> {
    const now = ctx.clock.now();
    lastPurge = now.getTime();
    claimsSincePurge = 0;
    const expired = await seenKeys.find({ expiresAt: { $lt: now } }, { _id: 1 }).sort({ expiresAt: 1 }).limit(limit).lean<{ _id: string }[]>();
    if (!expired.length) return 0;
    const res = await seenKeys.deleteMany({ _id: { $in: expired.map((d) => d._id) }, expiresAt: { $lt: now } });
    return res.deletedCount;
  }

  async function purgeIfDue(): Promise<void> {
    claimsSincePurge++;
    const elapsed = Math.abs(ctx.clock.now().getTime() - lastPurge);
    if (elapsed < SEEN_KEYS_PURGE_EVERY_MS && claimsSincePurge < SEEN_KEYS_PURGE_EVERY_CLAIMS) return;
    // Housekeeping must never cost a person their claim: a failure here waits for the next turn.
    await purgeBatch(SEEN_KEYS_PURGE_BATCH).catch(() => undefined);
  }

  return {
    async claim(key: string, ttlMs = 7 * 24 * 3600 * 1000): Promise<boolean> {
      const now = ctx.clock.now();
      let fresh: boolean;
      try {
        await seenKeys.create({ _id: key, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
        fresh = true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        fresh = false;
      }
      await purgeIfDue();
      return fresh;
    },
    async setResult(key: string, result: Record<string, unknown>): Promise<void> {
      await seenKeys.updateOne({ _id: key }, { $set: { result } });
    },
    async result(key: string): Promise<Record<string, unknown> | undefined> {
      const doc = await seenKeys.findById(key).lean<{ result?: Record<string, unknown> }>();
      return doc?.result;
    },
    async release(key: string): Promise<void> {
      await seenKeys.deleteOne({ _id: key });
    },
    /** Every expired key at once (the scheduler's daily job). */
    async purgeExpired(): Promise<number> {
      lastPurge = ctx.clock.now().getTime();
      claimsSincePurge = 0;
      const res = await seenKeys.deleteMany({ expiresAt: { $lt: ctx.clock.now() } });
      return res.deletedCount;
    },
  };
}
export type SeenKeysRepository = ReturnType<typeof seenKeysRepository>;
