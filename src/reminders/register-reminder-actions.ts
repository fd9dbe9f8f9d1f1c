import type { Config } from '../config';
import type { ActionRegistry } from '../conversation/action-registry';
import type { FormEngine } from '../conversation/form-engine';
import { say } from '../conversation/reply';
import type { Store } from '../db/store';
import type { Clock } from '../support/clock';
import { handleNudgeAction, NUDGE_ACTIONS } from './nudge-actions';
import type { ReminderService } from './reminder.service';

/**
 * The buttons on reminders and freshness offers, registered where every surface looks them up
 * (Slack, Teams and the console route a click through conversation.actions). Without this a click
 * on "Remind me in 3 days" or "Still accurate" answered "That button is no longer active".
 * `fresh.edit` opens the record's form, like typing *edit <id>*.
 */
export function registerReminderActions(
  actions: ActionRegistry,
  deps: { store: Store; clock: Clock; config: Config; reminders: ReminderService; engine: FormEngine },
): void {
  for (const id of NUDGE_ACTIONS) actions.register(id, async (actor, value) => say(await handleNudgeAction(deps, actor, id, value)));
  actions.register('fresh.edit', (actor, value, ctx) => deps.engine.editRecord(actor, value.toUpperCase(), ctx.mode));
}
