import type { OrganisationDoc } from '../db/models/organisation.model';
import type { RecordDoc } from '../db/models/record.model';
import { formsAllowed, type RecordType } from '../domain/permissions';
import { localDate, localParts, longDate } from '../domain/quarter';
import type { Button, BotMessage } from '../messages/bot-message';
import { deadlineEndsAt, type QuarterSchedule } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';
import type { PlannedFreshness } from './freshness';
import type { PlannedNudge } from './planner';
import { actorOf } from '../domain/actor';
import { salutation } from '../messages/salutation';
import type { QuarterStatus } from '../calendar/quarter-status';

/**
 * The texts of the reminders, the digest and the freshness offers: short, polite, in plain words
 * for busy civil servants, with the deadline on the reader's own clock. Kosovo* and its footnote
 * are added by finalizeMessage in the notifier, once per message.
 */
export const FORM_BUTTON_LABELS: Record<RecordType, string> = {
  update: 'Add an update',
  need: 'Add a need',
  response: 'Add a response',
};

/**
 * The deadline is the whole deadline day on the Secretariat's clock. Shown as the date alone when
 * the reader shares that clock, otherwise with the hour it passes on the reader's own clock.
 */
export function deadlineText(schedule: QuarterSchedule, readerZone: string, secretariatZone: string): string {
  const ends = deadlineEndsAt(schedule, secretariatZone);
  const p = localParts(ends, readerZone);
  if (p.hour === 0 && p.minute === 0) return longDate(schedule.deadline);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${longDate(localDate(ends, readerZone))}, ${hhmm} your time`;
}

export interface NudgeContext {
  org: OrganisationDoc;
  calendar: ReportingCalendar;
  secretariatZone: string;
}

export function nudgeMessage(item: PlannedNudge, ctx: NudgeContext): BotMessage {
  const person = item.person!;
  const deadline = deadlineText(item.schedule, item.timezone, ctx.secretariatZone);
  const lines: string[] = [];
  if (item.kind === 'last-note') {
    lines.push(`${salutation(person.name)}, ${item.step.lead} ${ctx.org.shortName} has not reported yet (deadline: ${deadline}).`);
  } else {
    lines.push(`${salutation(person.name)}, ${item.step.lead} ${ctx.org.shortName} has not reported for ${item.quarter} yet. Deadline: ${deadline}.`);
  }
  if (item.deputyFor) {
    const away = item.deputyFor.awayUntil && item.deputyFor.awayUntil >= item.step.date;
    lines.push(`You receive this as deputy of ${item.deputyFor.name}${away ? `, who is away until ${longDate(item.deputyFor.awayUntil!)}` : ''}.`);
  }
  lines.push(
    item.kind === 'last-note'
      ? 'A short update, or one click on “Nothing new this quarter”, still completes the Secretariat’s quarterly status.'
      : 'If nothing changed, one click on “Nothing new this quarter” is enough.',
  );
  const forms = formsAllowed(actorOf(person, ctx.org));
  const buttons: Button[] = forms.map((t, i) => ({ label: FORM_BUTTON_LABELS[t], action: 'form.start', value: t, ...(i === 0 ? { style: 'primary' as const } : {}) }));
  buttons.push({ label: 'Nothing new this quarter', action: 'nudge.nil-return', value: item.quarter });
  if (item.kind === 'nudge') buttons.push({ label: `Remind me in ${ctx.calendar.snoozeDays} days`, action: 'nudge.snooze', value: item.quarter });
  return { text: lines.join('\n'), buttons };
}

export function digestMessage(item: PlannedNudge, status: QuarterStatus): BotMessage {
  const total = status.reported.length + status.nilReturn.length + status.exempt.length + status.overdue.length;
  const answered = status.reported.length + status.nilReturn.length;
  const greeting = item.person ? `${salutation(item.person.name)}, here` : 'Here';
  const names = (orgs: OrganisationDoc[]) => (orgs.length ? orgs.map((o) => o.shortName).join(', ') : '—');
  const fields = [
    { label: `Reported (${status.reported.length})`, value: names(status.reported) },
    { label: `Nothing new this quarter (${status.nilReturn.length})`, value: names(status.nilReturn) },
    ...(status.exempt.length ? [{ label: `Exempt (${status.exempt.length})`, value: status.exempt.map((o) => `${o.shortName}${status.reasons[o._id] ? ` (${status.reasons[o._id]})` : ''}`).join(', ') }] : []),
    { label: `Overdue (${status.overdue.length})`, value: names(status.overdue) },
  ];
  const lines = [
    `${greeting} is the quarterly status for ${item.quarter}: ${answered} of ${total} Support Group members have reported. The deadline was ${longDate(item.schedule.deadline)}.`,
  ];
  if (status.overdue.length) lines.push('The deputies of the overdue organisations have received a last note.');
  return { text: lines.join('\n'), fields };
}

function recordTitle(r: RecordDoc): string {
  const t = [r.data.title, r.data.description].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? r._id;
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

const TYPE_LABELS: Record<RecordType, string> = { update: 'Development update', need: 'Need', response: 'Response' };

export function freshnessMessage(item: PlannedFreshness, ctx: { org: OrganisationDoc; calendar: ReportingCalendar; timezone: string }): BotMessage {
  const max = ctx.calendar.freshness.maxPerMessage;
  const shown = item.records.slice(0, max);
  const n = item.records.length;
  const lines = [
    `${salutation(item.person.name)}, ${n === 1 ? `one ${ctx.org.shortName} record has` : `${n} ${ctx.org.shortName} records have`} not been confirmed for ${ctx.calendar.freshness.afterDays} days. Are they still accurate?`,
  ];
  if (n > shown.length) lines.push(`The first ${shown.length} are listed here; “All still accurate” confirms all ${n}.`);
  const buttons: Button[] = shown.flatMap((r) => [
    { label: `Still accurate: ${r._id}`, action: 'fresh.confirm', value: r._id },
    { label: `Edit ${r._id}`, action: 'fresh.edit', value: r._id },
    { label: `Retire ${r._id}`, action: 'fresh.retire', value: r._id, style: 'danger' as const },
  ]);
  buttons.push({ label: n === 1 ? 'Still accurate' : `All ${n} still accurate`, action: 'fresh.confirm-all', value: item.orgCode, style: 'primary' });
  return {
    text: lines.join('\n'),
    fields: shown.map((r) => ({
      label: `${r._id} · ${TYPE_LABELS[r.type]}`,
      value: `${recordTitle(r)} (last confirmed ${longDate(localDate(r.lastConfirmedAt, ctx.timezone))})`,
    })),
    buttons,
  };
}
