import { isDuplicateKey, type RepoContext } from './context';

/**
 * "Have we already handled this?" for redelivered events and double clicks. `claim` inserts the key;
 * false means someone (another request, another instance) already did. Works on FerretDB and MongoDB.
 */
export function seenKeysRepository(ctx: RepoContext) {
  const { seenKeys } = ctx.models;
  return {
    async claim(key: string, ttlMs = 7 * 24 * 3600 * 1000): Promise<boolean> {
      const now = ctx.clock.now();
      try {
        await seenKeys.create({ _id: key, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
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
    async purgeExpired(): Promise<number> {
      const res = await seenKeys.deleteMany({ expiresAt: { $lt: ctx.clock.now() } });
      return res.deletedCount;
    },
  };
}
export type SeenKeysRepository = ReturnType<typeof seenKeysRepository>;
