import type { RepoContext } from './context';

/** Readable sequence numbers, one series per prefix (e.g. "NM-2026-RS"). Atomic on both servers. */
export function countersRepository(ctx: RepoContext) {
  return {
    async next(prefix: string): Promise<number> {
      const doc = await ctx.models.counters
        .findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean<{ seq: number }>();
      return doc!.seq;
    },
  };
}
export type CountersRepository = ReturnType<typeof countersRepository>;
