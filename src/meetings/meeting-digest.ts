import { PRIORITIES, UPDATE_KINDS } from '../config/vocabulary';
import type { ActionItem, MeetingDoc } from '../db/models/meeting.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { RecordDoc } from '../db/models/record.model';
import type { Store } from '../db/store';
import { countryName } from '../domain/kosovo';
import { localDate } from '../domain/quarter';
import { formatDate } from '../forms/format-answer';
import type { BotMessage } from '../messages/bot-message';
import { dueAt, reportingQuarterAt } from '../calendar/calendar';
import type { ReportingCalendar } from '../calendar/calendar-config';
import { quarterStatus } from '../calendar/quarter-status';
import { groupBy } from '../notify/recipients';
import { workingDaysBefore } from './action-items';
import type { MeetingSettings } from './meeting-settings';
import { itemLine, meetingTitle, meetingWhen, orgLabel } from './meeting-summary';

/**
 * The digest before a scheduled meeting, posted once to the Support Group channel(s): what came in
 * since the previous meeting, who has not reported this quarter, and the action items. The channel
 * is read by every member, while a record is readable by its own organisation and the Secretariat
 * only (src/domain/permissions.ts): so records are counted and named by id, never quoted.
 */
export interface DigestDeps {
  calendar: ReportingCalendar;
  settings: MeetingSettings;
  timezone: string;
}

export interface DigestContent {
  meeting: MeetingDoc;
  previous?: MeetingDoc;
  from: Date;
  to: Date;
  records: RecordDoc[];
  quarter: string;
  notReported: OrganisationDoc[];
  organisations: OrganisationDoc[];
  openItems: ActionItem[];
  closedItems: ActionItem[];
}

const isDigestType = (m: MeetingDoc, s: MeetingSettings) => s.digestMeetingTypes.includes(String(m.data.type));

/** When the digest of a meeting is due: N working days before its date, at the sending hour. */
export function digestDueAt(m: MeetingDoc, d: DigestDeps): Date {
  const day = workingDaysBefore(localDate(new Date(m.startsAt), d.timezone), d.settings.digestWorkingDaysBefore, d.calendar);
  return dueAt(day, d.timezone, d.calendar);
}

/** Scheduled meetings whose digest is due at `asOf` (until the meeting starts; a late-recorded one gets it at once). */
export function meetingsDueForDigest(asOf: Date, meetings: MeetingDoc[], d: DigestDeps): MeetingDoc[] {
  const horizon = asOf.getTime() + d.settings.digestHorizonDays * 86_400_000;
  return meetings.filter((m) => {
    const starts = new Date(m.startsAt).getTime();
    return m.state === 'scheduled' && isDigestType(m, d.settings) && starts > asOf.getTime() && starts <= horizon && digestDueAt(m, d) <= asOf;
  });
}

/** The previous meeting of a digest type (any state: a past meeting took place even if nobody marked it). */
export function previousMeeting(m: MeetingDoc, all: MeetingDoc[], s: MeetingSettings): MeetingDoc | undefined {
  return all
    .filter((x) => x._id !== m._id && isDigestType(x, s) && new Date(x.startsAt) < new Date(m.startsAt))
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
    .at(-1);
}

export async function collectDigest(store: Store, meeting: MeetingDoc, all: MeetingDoc[], asOf: Date, d: DigestDeps): Promise<DigestContent> {
  const previous = previousMeeting(meeting, all, d.settings);
  const from = previous ? new Date(previous.startsAt) : new Date(asOf.getTime() - d.settings.firstDigestLookbackDays * 86_400_000);
  const quarter = reportingQuarterAt(asOf, d.timezone, d.calendar);
  const [records, organisations, checkins] = await Promise.all([
    store.records.createdBetween(from, asOf),
    store.organisations.list({ includeInactive: true }),
    store.checkins.forQuarters([quarter]),
  ]);
  const earlier = all.filter((x) => x._id !== meeting._id && new Date(x.startsAt) < new Date(meeting.startsAt));
  const items = earlier.flatMap((x) => x.actionItems);
  return {
    meeting,
    ...(previous ? { previous } : {}),
    from,
    to: asOf,
    records,
    quarter,
    notReported: quarterStatus(quarter, organisations, checkins).overdue,
    organisations,
    openItems: items.filter((i) => i.status === 'open').sort((a, b) => a.due.localeCompare(b.due) || a._id.localeCompare(b._id)),
    closedItems: items.filter((i) => i.status === 'done' && i.closedAt && new Date(i.closedAt) >= from),
  };
}

function ids(rs: RecordDoc[], max: number): string {
  const shown = rs.slice(0, max).map((r) => r._id).join(', ');
  return rs.length > max ? `${shown} and ${rs.length - max} more` : shown;
}

const countryOf = (r: RecordDoc) => countryName(String(r.data.country ?? '')) || 'Country not given';

function updateLines(updates: RecordDoc[], max: number): string[] {
  return [...groupBy(updates, countryOf)].sort(([a], [b]) => a.localeCompare(b)).map(([country, rs]) => {
    const kinds = [...groupBy(rs, (r) => UPDATE_KINDS.labels[String(r.data.kind)] ?? String(r.data.kind))]
      .map(([kind, ks]) => `${ks.length} × ${kind.toLowerCase()} (${ids(ks, max)})`);
    return `• ${country}: ${kinds.join('; ')}`;
  });
}

function needLines(needs: RecordDoc[], max: number): string[] {
  return [...groupBy(needs, countryOf)].sort(([a], [b]) => a.localeCompare(b)).map(([country, rs]) => {
    const byPriority = PRIORITIES.pairs
      .map(([code, label]) => [label, rs.filter((r) => r.data.priority === code).length] as const)
      .filter(([, n]) => n > 0)
      .map(([label, n]) => `${n} ${label.toLowerCase()}`);
    return `• ${country}: ${rs.length} (${byPriority.join(', ') || 'priority not given'} priority): ${ids(rs, max)}`;
  });
}

function responseLines(responses: RecordDoc[], orgs: Map<string, OrganisationDoc>, max: number): string[] {
  return [...groupBy(responses, (r) => orgLabel(r.orgCode, orgs))].sort(([a], [b]) => a.localeCompare(b)).map(([org, rs]) => `• ${org}: ${rs.length} (${ids(rs, max)})`);
}

export function digestMessage(c: DigestContent, ctx: { timezone: string; settings: MeetingSettings }): BotMessage {
  const orgs = new Map(c.organisations.map((o) => [o._id, o]));
  const today = localDate(c.to, ctx.timezone);
  const max = ctx.settings.maxIdsPerLine;
  const since = c.previous
    ? `since the previous meeting (${c.previous._id}, ${formatDate(localDate(new Date(c.previous.startsAt), ctx.timezone))})`
    : `in the last ${ctx.settings.firstDigestLookbackDays} days (no earlier meeting is recorded)`;
  const venue = c.meeting.data.venue ? `, ${String(c.meeting.data.venue)}` : '';
  const of = (type: RecordDoc['type']) => c.records.filter((r) => r.type === type);
  const [updates, needs, responses] = [of('update'), of('need'), of('response')];
  const lines = [
    `*Before the meeting: ${meetingTitle(c.meeting)}* (${c.meeting._id}) — ${meetingWhen(c.meeting, ctx.timezone)}${venue}`,
    `What the Support Group sent ${since}:`,
    '',
    `*Development updates (${updates.length})*`,
    ...(updates.length ? updateLines(updates, max) : ['• none']),
    `*New needs (${needs.length})*`,
    ...(needs.length ? needLines(needs, max) : ['• none']),
    `*New responses (${responses.length})*`,
    ...(responses.length ? responseLines(responses, orgs, max) : ['• none']),
    '',
    c.notReported.length
      ? `*Not yet reported for ${c.quarter} (${c.notReported.length}):* ${c.notReported.map((o) => orgLabel(o._id, orgs)).join(', ')}`
      : `*Every member has reported for ${c.quarter}.*`,
    '',
    `*Open action items (${c.openItems.length})*`,
    ...(c.openItems.length ? c.openItems.map((i) => `• ${itemLine(i, orgs, today)}`) : ['• none']),
  ];
  if (c.closedItems.length) lines.push(`*Done ${c.previous ? 'since the previous meeting' : 'recently'} (${c.closedItems.length})*`, ...c.closedItems.map((i) => `• ${itemLine(i, orgs, today)}`));
  lines.push('', '_Records are listed by id: their details stay with their organisation and the Secretariat._');
  return { text: lines.join('\n'), replaceKey: `meeting-digest|${c.meeting._id}` };
}
