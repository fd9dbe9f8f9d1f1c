import type { ActionItem, MeetingDoc } from '../db/models/meeting.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { PersonDoc } from '../db/models/person.model';
import { addDays, localDate, longDate, zonedTime } from '../domain/quarter';
import { formatDate } from '../forms/format-answer';
import type { BotMessage, Button } from '../messages/bot-message';
import { dueAt, isWorkingDay, rollToWorkingDay } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';
import { salutation } from '../messages/salutation';
import { groupBy, isAway, teamOf, zoneOf } from '../notify/recipients';
import type { MeetingSettings } from './meeting-settings';
import { meetingTitle, orgLabel } from './meeting-summary';

/**
 * Chasing action items: "who is due which reminder at time T" as a pure function of T and a
 * snapshot (like the quarterly planner); the delivery ledger makes each one go out once. Each open
 * item's owner organisation is reminded N working days before the due date and on it, at the
 * sending hour on each person's own clock. The due date is part of the key, so a new date (more
 * time) re-arms both reminders; a closed or dropped item is never planned.
 */
export type ActionStep = 'before' | 'on';

export interface PlannedActionReminder {
  key: string;
  step: ActionStep;
  meeting: MeetingDoc;
  item: ActionItem;
  person: PersonDoc;
  timezone: string;
  /** The calendar date of this reminder. */
  date: string;
  dueAt: Date;
}

export interface ActionPlanInput {
  meetings: MeetingDoc[];
  people: PersonDoc[];
  calendar: ReportingCalendar;
  timezone: string;
  settings: MeetingSettings;
}

/** The date `n` working days before `date` (holidays and weekends skipped). */
export function workingDaysBefore(date: string, n: number, cal: ReportingCalendar): string {
  let d = date;
  for (let left = n, guard = 0; left > 0 && guard < 366; guard++) {
    d = addDays(d, -1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Both reminders of a due date; one due on a weekend or holiday is announced on the working day before. */
export function reminderDates(due: string, cal: ReportingCalendar, settings: MeetingSettings): Record<ActionStep, string> {
  return { before: workingDaysBefore(due, settings.actionReminderWorkingDaysBefore, cal), on: rollToWorkingDay(due, 'previous', cal) };
}

/** Members (and, for the Secretariat's own items, its staff) are chased; observers and the Board are not. */
const canBeChased = (p: PersonDoc) => p.active && (p.role === 'member' || p.role === 'secretariat');

export function planActionReminders(asOf: Date, input: ActionPlanInput): PlannedActionReminder[] {
  const { calendar: cal } = input;
  const members = groupBy(input.people.filter(canBeChased), (p) => p.orgCode);
  const out: PlannedActionReminder[] = [];
  for (const meeting of input.meetings) {
    if (new Date(meeting.startsAt) > asOf) continue; // chased after the meeting, not before
    for (const item of meeting.actionItems) {
      if (item.status !== 'open') continue;
      const dates = reminderDates(item.due, cal, input.settings);
      const team = teamOf(members.get(item.ownerOrg) ?? []);
      for (const focal of team.focalPoints) {
        const deputies = team.deputiesOf.get(focal._id) ?? [];
        const away = isAway(focal, localDate(asOf, zoneOf(focal, input.timezone))) && deputies.length > 0;
        for (const person of away ? deputies : [focal]) {
          const tz = zoneOf(person, input.timezone);
          const windows: Record<ActionStep, [Date, Date]> = {
            before: [dueAt(dates.before, tz, cal), dueAt(dates.on, tz, cal)],
            // "Due today" is only true until the due day ends.
            on: [dueAt(dates.on, tz, cal), zonedTime(addDays(item.due, 1), 0, 0, tz)],
          };
          for (const step of ['before', 'on'] as const) {
            const [from, until] = windows[step];
            if (asOf < from || asOf >= until) continue;
            out.push({ key: `action-reminder|${item._id}|${step}|${item.due}|${person._id}`, step, meeting, item, person, timezone: tz, date: dates[step], dueAt: from });
          }
        }
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

export function actionButtons(itemId: string): Button[] {
  return [
    { label: 'Done', action: 'action.done', value: itemId, style: 'primary' },
    { label: 'Need more time', action: 'action.more-time', value: itemId },
    { label: 'Comment', action: 'action.comment', value: itemId },
  ];
}

export function actionReminderMessage(r: PlannedActionReminder, orgs: Map<string, OrganisationDoc>, timezone: string): BotMessage {
  const org = orgLabel(r.item.ownerOrg, orgs);
  const today = localDate(r.dueAt, r.timezone) === r.item.due;
  const when = r.step === 'on' && today ? `is due today, ${longDate(r.item.due)}` : `is due on ${longDate(r.item.due)}`;
  const meetingDay = formatDate(localDate(new Date(r.meeting.startsAt), timezone));
  return {
    text: [
      `${salutation(r.person.name)}, a reminder from the IISG Secretariat: an action item for ${org} from *${meetingTitle(r.meeting)}* (${meetingDay}) ${when}.`,
      `• ${r.item.text} (${r.item._id})`,
      'If it is done, one click closes it. If you need more time, tell me the new date; a comment is kept for the Secretariat.',
    ].join('\n'),
    buttons: actionButtons(r.item._id),
  };
}

/** "Need more time": a few new dates to pick, or a typed one. */
export function moreTimeQuestion(item: ActionItem, today: string, cal: ReportingCalendar, settings: MeetingSettings): BotMessage {
  const from = item.due > today ? item.due : today;
  const dates = [...new Set(settings.moreTimeDays.map((d) => rollToWorkingDay(addDays(from, d), 'next', cal)))];
  return {
    text: `Until when do you need for ${item._id} “${item.text}”? It is due on ${longDate(item.due)}. Pick a new date, or type *more time ${item._id} <date>*, e.g. more time ${item._id} ${formatDate(dates[0]!)}.`,
    buttons: dates.map((d) => ({ label: formatDate(d), action: 'action.more-time', value: `${item._id}|${d}` })),
  };
}
