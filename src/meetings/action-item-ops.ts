import type { ActionItem, MeetingDoc } from '../db/models/meeting.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { addDays, localDate, longDate } from '../domain/quarter';
import { AppError } from '../errors';
import { parseDate } from '../forms/parse-date';
import type { BotMessage } from '../messages/bot-message';
import type { ReportingCalendar } from '../calendar/calendar-config';
import type { Clock } from '../support/clock';
import { moreTimeQuestion } from './action-items';
import type { MeetingSettings } from './meeting-settings';

/**
 * What the owner of an action item (or the Secretariat) can do from a reminder: close it, ask for
 * more time (a new due date re-arms both reminders), or leave a comment. Each change is a new
 * meeting version with an audit entry; the posted summary is updated afterwards.
 */
export interface ActionItemOpsDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  calendar: ReportingCalendar;
  settings: MeetingSettings;
  afterChange: (m: MeetingDoc) => Promise<unknown>;
}

export const ITEM_ID_RE = /^MT-\d{4}-\d{3,}\/\d+$/;
const MAX_COMMENT = 500;

export function createActionItemOps(deps: ActionItemOpsDeps) {
  const { store, clock } = deps;
  const zoneOf = (actor: Actor) => actor.timezone ?? deps.timezone;

  function itemId(value: string): string {
    const id = String(value ?? '').trim().toUpperCase();
    if (!ITEM_ID_RE.test(id)) throw new AppError('BAD_REQUEST', `"${String(value ?? '').slice(0, 40)}" is not an action item id such as MT-2027-001/2. Type *meeting list* to see them.`);
    return id;
  }

  async function item(actor: Actor, id: string): Promise<ActionItem> {
    const m = await store.meetings.get(actor, id.split('/')[0]!);
    const found = m?.actionItems.find((i) => i._id === id);
    if (!found) throw new AppError('NOT_FOUND', `I could not find action item ${id}. Type *meeting list* to see them.`);
    return found;
  }

  const closedText = (i: ActionItem) => `${i._id} “${i.text}” is ${i.status === 'done' ? 'already done' : 'no longer on the meeting’s list'}, so there is nothing to chase.`;

  return {
    async markDone(actor: Actor, value: string): Promise<BotMessage> {
      const id = itemId(value);
      const r = await store.meetings.changeActionItem(actor, id, 'action-done', (i, now) => (i.status === 'open' ? { ...i, status: 'done', closedAt: now } : null));
      if (!r.changed) return { text: closedText(r.item) };
      await deps.afterChange(r.meeting);
      return { text: `Thank you. ${id} “${r.item.text}” is closed; there will be no more reminders for it.` };
    },

    /** Without a date: the question (a few dates to pick, or type one). With one: the new due date. */
    async moreTime(actor: Actor, value: string, dateText?: string): Promise<BotMessage> {
      const id = itemId(value);
      const today = localDate(clock.now(), zoneOf(actor));
      const current = await item(actor, id);
      if (current.status !== 'open') return { text: closedText(current) };
      if (!dateText?.trim()) return moreTimeQuestion(current, today, deps.calendar, deps.settings);
      const due = parseDate(dateText, clock.now(), zoneOf(actor));
      if (!due) return { text: `I cannot read "${dateText.slice(0, 40)}" as a date. Please type e.g. *more time ${id} 15.3.2027*.` };
      if (due < today) return { text: `${longDate(due)} is in the past. Please give a date from today on.` };
      if (due > addDays(today, 730)) return { text: 'Please give a date within the next two years.' };
      const r = await store.meetings.changeActionItem(actor, id, 'action-more-time', (i) => (i.status === 'open' && i.due !== due ? { ...i, due } : null));
      if (!r.changed) return { text: r.item.status === 'open' ? `${id} is already due on ${longDate(due)}.` : closedText(r.item) };
      await deps.afterChange(r.meeting);
      return {
        text: `Done: ${id} “${r.item.text}” is now due on ${longDate(due)}. I will remind ${(await store.organisations.get(r.item.ownerOrg))?.shortName ?? r.item.ownerOrg} ${deps.settings.actionReminderWorkingDaysBefore} working days before and on the day.`,
      };
    },

    /** Without text: how to write the comment. With text: stored on the item for the Secretariat. */
    async comment(actor: Actor, value: string, text?: string): Promise<BotMessage> {
      const id = itemId(value);
      const current = await item(actor, id);
      const body = (text ?? '').trim();
      if (!body) return { text: `What would you like to tell the Secretariat about ${id} “${current.text}”? Type *action comment ${id} <your comment>*.` };
      const marking = findClassificationMarking(body);
      if (marking) return { text: classificationRefusal(marking) };
      if (body.length > MAX_COMMENT) return { text: `Please keep the comment under ${MAX_COMMENT} characters.` };
      const r = await store.meetings.changeActionItem(actor, id, 'action-comment', (i, now) => ({ ...i, comments: [...i.comments, { at: now, by: actor.personId, text: body }] }));
      return { text: `Thank you. Your comment on ${id} is recorded; the Secretariat sees it in *meeting list*.${r.item.status === 'open' ? '' : ' (The item is closed.)'}` };
    },
  };
}
export type ActionItemOps = ReturnType<typeof createActionItemOps>;
