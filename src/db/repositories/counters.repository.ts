import { isDuplicateKey, type RepoContext } from './context';

/**
 * Readable sequence numbers, one series per prefix (e.g. "NM-2026-RS"). Two first calls for a new
 * prefix can both try to insert the counter (duplicate key): the loser simply tries again. Callers
 * that insert with the number as `_id` must still retry on a duplicate key, because FerretDB's
 * findAndModify is not isolated the way MongoDB's is.
 */
export function countersRepository(ctx: RepoContext) {
  return {
    async next(prefix: string): Promise<number> {
      for (let attempt = 0; ; attempt++) {
        try {
          const doc = await ctx.models.counters
            .findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
            .lean<{ seq: number }>();
          return doc!.seq;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt >= 5) throw err;
        }
      }
    },
  };
}
export type CountersRepository = ReturnType<typeof countersRepository>;
