import type { FeatureModule, ModuleContext } from '../module';

const DAY_MS = 24 * 3600_000;

/** Daily: drop expired seen keys and download files (FerretDB has no TTL indexes). Once per day across instances. */
export async function runPurgeSlot(core: Pick<ModuleContext, 'store'>, at: Date): Promise<number | null> {
  if (!(await core.store.seenKeys.claim(`slot|purge|${at.toISOString().slice(0, 10)}`, 3 * DAY_MS))) return null;
  return (await core.store.seenKeys.purgeExpired()) + (await core.store.files.purgeExpired());
}

/** Housekeeping of the database: the daily purge. */
export function housekeepingModule(ctx: ModuleContext): FeatureModule<null> {
  return {
    id: 'housekeeping',
    api: null,
    jobs: [{ name: 'purge', every: 'day', run: (at) => runPurgeSlot(ctx, at) }],
  };
}
