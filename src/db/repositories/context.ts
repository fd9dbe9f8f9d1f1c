import type { Models } from '../models';
import type { Clock } from '../../support/clock';
import type { IdGenerator } from '../../support/ids';

/** What every repository needs: the models of one database, the injected clock and id generator. */
export interface RepoContext {
  models: Models;
  clock: Clock;
  newId: IdGenerator;
  timezone: string;
  pillar: string;
}

export const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

/**
 * Two concurrent upserts of a document that does not exist yet (a counter, an address) may both try
 * to insert it, FerretDB's upsert not being atomic; the loser gets a duplicate-key error although the
 * document now exists. Trying once more then succeeds.
 */
export async function retryOnDuplicate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return fn();
  }
}
