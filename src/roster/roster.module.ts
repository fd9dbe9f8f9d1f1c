import type { Actor } from '../domain/actor';
import type { FeatureModule, ModuleContext } from '../module';
import { exportRoster, importRosterText, seedDefaultRoster } from './roster.service';

/** The roster: the Support Group's organisations loaded on first start; import and export for the Secretariat. */
export function rosterModule(ctx: ModuleContext) {
  const api = {
    import: (actor: Actor, text: string, fileName: string) => importRosterText(ctx.store, actor, text, fileName),
    export: (actor: Actor, format: 'yaml' | 'json') => exportRoster(ctx.store, actor, format),
  };
  return {
    id: 'roster',
    api,
    async onStart() {
      const seeded = await seedDefaultRoster(ctx.store);
      if (seeded) ctx.logger.info({ organisations: seeded }, 'default roster loaded (first start)');
    },
  } satisfies FeatureModule<typeof api>;
}
