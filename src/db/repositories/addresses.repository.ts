import type { AddressDoc } from '../models/misc.model';
import { retryOnDuplicate, type RepoContext } from './context';

/** Platform addresses (e.g. Teams conversation references), refreshed on every turn. */
export function addressesRepository(ctx: RepoContext) {
  const { addresses } = ctx.models;
  const id = (platform: AddressDoc['platform'], kind: AddressDoc['kind'], key: string) => `${platform}|${kind}|${key}`;
  return {
    async save(platform: AddressDoc['platform'], kind: AddressDoc['kind'], key: string, ref: Record<string, unknown>) {
      // Two first messages to one person at once both insert: the loser's second try updates.
      await retryOnDuplicate(() =>
        addresses.updateOne({ _id: id(platform, kind, key) }, { $set: { platform, kind, key, ref, updatedAt: ctx.clock.now() } }, { upsert: true }),
      );
    },
    async get(platform: AddressDoc['platform'], kind: AddressDoc['kind'], key: string): Promise<AddressDoc | null> {
      return addresses.findById(id(platform, kind, key)).lean<AddressDoc>();
    },
    async list(platform: AddressDoc['platform'], kind: AddressDoc['kind']): Promise<AddressDoc[]> {
      return addresses.find({ platform, kind }).lean<AddressDoc[]>();
    },
  };
}
export type AddressesRepository = ReturnType<typeof addressesRepository>;
