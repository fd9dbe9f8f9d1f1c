import { say } from '../conversation/reply';
import type { ActionHandler } from '../conversation/action-registry';
import type { FeatureModule, ModuleContext } from '../module';
import { createExemptions, exemptionCommands, type Exemptions } from './exemptions';
import { handleNudgeAction, NUDGE_ACTIONS } from './nudge-actions';
import { createReminderService, type ReminderService, type RunReport } from './reminder.service';

const SLOT_MS = 15 * 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * One reminder run per quarter-hour slot across all instances: the first to claim the slot runs it,
 * the others skip. Skipping is safe because every message goes through the delivery ledger anyway;
 * the claim only spares the database a redundant plan. A run that dies half way is completed by the
 * next slot.
 */
export async function runReminderSlot(core: Pick<ModuleContext, 'store'> & { reminders: Pick<ReminderService, 'run'> }, at: Date): Promise<RunReport | null> {
  const slot = new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS).toISOString();
  if (!(await core.store.seenKeys.claim(`slot|reminders|${slot}`, 3 * DAY_MS))) return null;
  return core.reminders.run(at);
}

/**
 * Quarterly nudges, the digest and freshness offers: the job that sends them, and the buttons they
 * carry (nothing new this quarter, remind me in 3 days, still accurate, edit, retire, all still accurate);
 * exemptions (`exempt`, `exempt undo`), which stop the nudges for an organisation and quarter.
 */
export function remindersModule(ctx: ModuleContext): FeatureModule<ReminderService & { exemptions: Exemptions }> {
  const reminders = createReminderService(ctx);
  const exemptions = createExemptions(ctx);
  const nudge = (id: (typeof NUDGE_ACTIONS)[number]): ActionHandler => async (actor, value) => say(await handleNudgeAction({ ...ctx, reminders }, actor, id, value));
  return {
    id: 'reminders',
    api: { ...reminders, exemptions },
    commands: exemptionCommands(exemptions),
    actions: {
      ...Object.fromEntries(NUDGE_ACTIONS.map((id) => [id, nudge(id)])),
      // "Edit" on a freshness offer opens the record's form, like `edit <id>`.
      'fresh.edit': (actor, value, c) => ctx.forms.editRecord(actor, value, c.mode),
    },
    jobs: [{ name: 'reminders', every: 'quarter-hour', run: (at) => runReminderSlot({ store: ctx.store, reminders }, at) }],
  };
}
