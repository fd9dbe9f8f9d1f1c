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
