import type { Config } from '../config';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { isSecretariat } from '../domain/permissions';
import { formatQuarter, localDate, localParts, longDate, parseQuarter } from '../domain/quarter';
import { AppError, forbidden, isAppError } from '../errors';
import { alreadySettled } from '../messages/already-reported';
import type { BotMessage } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { isOfferable, staleBefore } from './freshness';
import type { ReminderService } from './reminder.service';

/**
 * The buttons of reminders and freshness offers. `form.start` and `fresh.edit` open a form and
 * belong to the conversation engine; everything else is answered here with one short message.
 * Expected refusals (not your organisation, unknown record) come back as a message, not a throw.
 */
export const NUDGE_ACTIONS = ['nudge.nil-return', 'nudge.snooze', 'fresh.confirm', 'fresh.retire', 'fresh.confirm-all'] as const;

export interface NudgeActionCore {
  store: Store;
  clock: Clock;
  config: Config;
  reminders: Pick<ReminderService, 'snooze' | 'calendar' | 'reportingQuarter'>;
}


export async function handleNudgeAction(core: NudgeActionCore, actor: Actor, action: string, value: string): Promise<BotMessage> {
  try {
    switch (action) {
      case 'nudge.nil-return':
        return await nilReturn(core, actor, quarterFrom(core, value));
      case 'nudge.snooze':
        return await snooze(core, actor, quarterFrom(core, value));
      case 'fresh.confirm':
      case 'fresh.retire':
        return await oneRecord(core, actor, action, String(value));
      case 'fresh.confirm-all':
        return await confirmAll(core, actor, String(value));
      default:
        throw new AppError('BAD_REQUEST');
    }
  } catch (err) {
    if (isAppError(err)) return { text: err.userMessage };
    throw err;
  }
}

/** A past or current reporting quarter; a button cannot report for a quarter that has not begun. */
function quarterFrom(core: NudgeActionCore, value: string): string {
  const q = parseQuarter(String(value));
  if (!q) throw new AppError('BAD_REQUEST', 'That is not a reporting quarter such as 2026-Q4.');
  const quarter = formatQuarter(q);
  if (quarter > core.reminders.reportingQuarter(core.clock.now())) throw new AppError('BAD_REQUEST', `Reporting for ${quarter} has not opened yet.`);
  return quarter;
}

async function orgName(core: NudgeActionCore, orgCode: string): Promise<string> {
  return (await core.store.organisations.get(orgCode))?.shortName ?? orgCode;
}

async function nilReturn(core: NudgeActionCore, actor: Actor, quarter: string): Promise<BotMessage> {
  // Nothing new means nothing new: a quarter already settled is said to be, and nothing is recorded.
  const settled = await alreadySettled({ store: core.store, timezone: core.config.timezone }, actor, quarter);
  if (settled) return { text: settled };
  const state = await core.store.checkins.nilReturn(actor, quarter);
  const org = await orgName(core, actor.orgCode);
  if (state === 'submitted') return { text: `Thank you. ${org} has already reported for ${quarter}, so nothing more is needed.` };
  if (state === 'exempt') return { text: `${org} is exempt from reporting for ${quarter}; nothing more is needed.` };
  return { text: `Thank you. “Nothing new this quarter” is recorded for ${org} for ${quarter}; there will be no more reminders for this quarter.` };
}

async function snooze(core: NudgeActionCore, actor: Actor, quarter: string): Promise<BotMessage> {
  if (await core.store.checkins.isSettled(actor.orgCode, quarter)) {
    return { text: `${await orgName(core, actor.orgCode)} has already reported for ${quarter}, so there is nothing to remind you of.` };
  }
  const { until, timezone } = await core.reminders.snooze(actor, quarter);
  const p = localParts(until, timezone);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return { text: `Of course. I will remind you again on ${longDate(localDate(until, timezone))} at ${time}.` };
}

async function oneRecord(core: NudgeActionCore, actor: Actor, action: 'fresh.confirm' | 'fresh.retire', id: string): Promise<BotMessage> {
  const rec = await core.store.records.get(actor, id);
  if (!rec) throw new AppError('NOT_FOUND');
  const title = typeof rec.data.title === 'string' ? ` “${rec.data.title}”` : '';
  if (action === 'fresh.confirm') {
    await core.store.records.confirm(actor, id);
    return { text: `Thank you. ${id}${title} is confirmed as still accurate.` };
  }
  await core.store.records.retire(actor, id);
  return { text: `${id}${title} is retired: it stays in the history but no longer counts as current.` };
}

async function confirmAll(core: NudgeActionCore, actor: Actor, orgCode: string): Promise<BotMessage> {
  if (actor.orgCode !== orgCode && !isSecretariat(actor)) throw forbidden('you can confirm your own organisation’s records only.');
  const cal = core.reminders.calendar;
  const stale = (await core.store.records.unconfirmedSince(staleBefore(core.clock.now(), cal), cal.freshness.types)).filter(
    (r) => r.orgCode === orgCode && isOfferable(r, cal),
  );
  let confirmed = 0;
  for (const r of stale) {
    try {
      await core.store.records.confirm(actor, r._id);
      confirmed++;
    } catch (err) {
      if (!isAppError(err)) throw err; // a record this person may not edit: leave it for its owner
    }
  }
  const org = await orgName(core, orgCode);
  if (!confirmed) return { text: `Nothing left to confirm for ${org}: every record is up to date.` };
  return { text: `Thank you. ${confirmed === 1 ? `One ${org} record is` : `${confirmed} ${org} records are`} confirmed as still accurate.` };
}
