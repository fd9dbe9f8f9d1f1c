import { isDuplicateKey, type RepoContext } from './context';

/**
 * Readable sequence numbers, one series per prefix (e.g. "NM-2026-RS"). The counter document
 * (`_id: prefix`, `seq`) says where the series stands, but on FerretDB its findAndModify is not
 * isolated: concurrent calls can be handed the same number (ten at once got 1,3,3,3,2,2,3,3,2,3).
 * So a number is only ours once its claim document (`_id: "prefix#n"`) is inserted, which is
 * exactly-once on FerretDB and MongoDB alike; a caller that loses takes the next free number.
 * Numbers stay unique under any concurrency; a lost race can leave a gap.
 */
export function countersRepository(ctx: RepoContext) {
  const { counters } = ctx.models;

  /** The counter's next value: a hint, unique on MongoDB, possibly shared on FerretDB. */
  async function bump(prefix: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await counters.findOneAndUpdate({ _id: prefix }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<{ seq: number }>();
        return doc!.seq;
      } catch (err) {
        // Two first calls for a new prefix can both try to insert the counter: the loser tries again.
        if (!isDuplicateKey(err) || attempt >= 5) throw err;
      }
    }
  }

  return {
    async next(prefix: string): Promise<number> {
      let n = await bump(prefix);
      for (let attempt = 0; ; attempt++) {
        try {
          await counters.create({ _id: `${prefix}#${n}`, seq: n });
          return n;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt >= 1000) throw err;
          n = Math.max(n + 1, await bump(prefix));
        }
      }
    },
  };
}
export type CountersRepository = ReturnType<typeof countersRepository>;
