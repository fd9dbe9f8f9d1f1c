import { currentQuarterCode } from '../../domain/quarter';
import type { OrganisationDoc } from '../models/organisation.model';
import type { SettingDoc } from '../models/setting.model';
import { isDuplicateKey, type RepoContext } from './context';

const FIRST_QUARTER = 'first-reporting-quarter';

/** Installation facts decided once (see setting.model.ts). */
export function settingsRepository(ctx: RepoContext) {
  const { settings, organisations } = ctx.models;

  /** Keeps `value` under `id` unless a value is already there; returns the one that stands. */
  async function once(id: string, value: () => Promise<string>): Promise<string> {
    const existing = await settings.findById(id).lean<SettingDoc>();
    if (existing) return existing.value;
    try {
      const v = await value();
      await settings.create({ _id: id, value: v, at: ctx.clock.now() });
      return v;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await settings.findById(id).lean<SettingDoc>())!.value;
    }
  }

  return {
    /**
     * The quarter the database was created in (the roster's first entry, or now on an empty
     * database), stored at the first start so it never moves: reporting is due from then on.
     */
    firstReportingQuarter: () =>
      once(FIRST_QUARTER, async () => {
        const first = await organisations.find({}, { createdAt: 1 }).sort({ createdAt: 1 }).limit(1).lean<Pick<OrganisationDoc, 'createdAt'>[]>();
        return currentQuarterCode(first[0]?.createdAt ?? ctx.clock.now(), ctx.timezone);
      }),
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
