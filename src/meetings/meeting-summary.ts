import { ACTION_ITEM_STATUSES, MEETING_TYPES } from '../config/vocabulary';
import type { ActionItem, MeetingDoc } from '../db/models/meeting.model';
import type { OrganisationDoc } from '../db/models/organisation.model';
import { designateKosovo, KOSOVO_FOOTNOTE, mentionsKosovo } from '../domain/kosovo';
import { formatDate, formatDateTime } from '../forms/format-answer';
import type { BotMessage } from '../messages/bot-message';
import { escapeMarkdownCell } from '../render/to-markdown';

/**
 * A meeting as people read it: in the Support Group channel (BotMessage) and in the minutes
 * (Markdown). Organisations by short name, the date on the Secretariat's clock, proposals to the
 * IISG Board marked, action items with owner, due date and status, Kosovo* with its footnote.
 */
export interface SummaryContext {
  organisations: Map<string, OrganisationDoc>;
  /** The configured timezone: one clock for everyone reading the channel. */
  timezone: string;
  /** Today (YYYY-MM-DD, same timezone), to flag overdue action items; omitted in the minutes. */
  today?: string;
}

export const orgDirectory = (orgs: OrganisationDoc[]) => new Map(orgs.map((o) => [o._id, o]));

/** The short name; an organisation of Kosovo* whose name does not say so gets it added, so the footnote follows. */
export function orgLabel(code: string, orgs: Map<string, OrganisationDoc>): string {
  const o = orgs.get(code);
  if (!o) return code;
  return o.country === 'XK' && !/Kosovo/.test(o.shortName) ? `${o.shortName} (Kosovo*)` : o.shortName;
}

/** "Board: adopt the regional needs" is a proposal to the IISG Board. */
export function decisionOf(line: string): { board: boolean; text: string } {
  const m = /^\s*board\s*:\s*/i.exec(line);
  return m ? { board: true, text: line.slice(m[0].length) } : { board: false, text: line };
}

export const meetingTitle = (m: MeetingDoc) => String(m.data.title ?? m._id);
export const meetingWhen = (m: MeetingDoc, timezone: string) => formatDateTime(new Date(m.startsAt).toISOString(), timezone);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function itemStatus(item: ActionItem, today?: string): string {
  const label = (ACTION_ITEM_STATUSES.labels[item.status] ?? item.status).toLowerCase();
  return item.status === 'open' && today && item.due < today ? `${label}, overdue` : label;
}

/** One action item on one line of a chat message. */
export function itemLine(item: ActionItem, orgs: Map<string, OrganisationDoc>, today?: string): string {
  return `${item._id} ${item.text} — *${orgLabel(item.ownerOrg, orgs)}*, due ${formatDate(item.due)} · _${itemStatus(item, today)}_`;
}

/** The items a summary shows: dropped ones only stay in the history. */
export const visibleItems = (m: MeetingDoc) => m.actionItems.filter((i) => i.status !== 'dropped');

interface SummaryParts {
  title: string;
  facts: [string, string][];
  agenda: string[];
  decisions: { board: boolean; text: string }[];
  items: ActionItem[];
}

function parts(m: MeetingDoc, ctx: SummaryContext): SummaryParts {
  const names = (codes: string[]) => codes.map((c) => orgLabel(c, ctx.organisations)).join(', ');
  const facts: [string, string][] = [
    ['Type', MEETING_TYPES.labels[String(m.data.type)] ?? String(m.data.type ?? '')],
    ['Date', `${meetingWhen(m, ctx.timezone)}${m.state === 'held' ? '' : ' (scheduled)'}`],
    ['Venue', String(m.data.venue ?? '—')],
  ];
  const chairs = strings(m.data.chairs);
  const participants = strings(m.data.participants);
  if (chairs.length) facts.push(['Chairs', names(chairs)]);
  if (participants.length) facts.push([`Participants (${participants.length})`, names(participants)]);
  return {
    title: meetingTitle(m),
    facts,
    agenda: strings(m.data.agenda),
    decisions: strings(m.data.decisions).map(decisionOf),
    items: visibleItems(m),
  };
}

/** The summary posted to the Support Group channel (updated in place when the meeting changes); the notifier finalizes it. */
export function summaryMessage(m: MeetingDoc, ctx: SummaryContext): BotMessage {
  const p = parts(m, ctx);
  const lines = [`*${p.title}* (${m._id})`, ...p.facts.map(([k, v]) => `*${k}:* ${v}`)];
  if (p.agenda.length) lines.push('', '*Agenda*', ...p.agenda.map((a, i) => `${i + 1}. ${a}`));
  if (p.decisions.length) lines.push('', '*Decisions*', ...p.decisions.map((d) => `• ${d.board ? '*Proposal to the IISG Board:* ' : ''}${d.text}`));
  if (p.items.length) lines.push('', '*Action items*', ...p.items.map((i) => `• ${itemLine(i, ctx.organisations, ctx.today)}`));
  return { text: lines.join('\n'), replaceKey: `meeting|${m._id}` };
}

/** The summary as Markdown, ready to paste into the minutes. */
export function summaryMarkdown(m: MeetingDoc, ctx: SummaryContext): string {
  const p = parts(m, ctx);
  const inline = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ');
  const out = [`# ${inline(p.title)}`, '', `Meeting ${m._id}`, '', ...p.facts.map(([k, v]) => `- **${k}:** ${inline(v)}`), ''];
  if (p.agenda.length) out.push('## Agenda', '', ...p.agenda.map((a, i) => `${i + 1}. ${inline(a)}`), '');
  if (p.decisions.length) {
    out.push('## Decisions', '', ...p.decisions.map((d) => `- ${d.board ? '**Proposal to the IISG Board:** ' : ''}${inline(d.text)}`), '');
    if (p.decisions.some((d) => d.board)) out.push('_Proposals to the IISG Board are submitted to the Board for decision._', '');
  }
  if (p.items.length) {
    out.push('## Action items', '', '| Id | Action | Owner | Due | Status |', '| --- | --- | --- | --- | --- |');
    for (const i of p.items) {
      const cells = [i._id, i.text, orgLabel(i.ownerOrg, ctx.organisations), formatDate(i.due), itemStatus(i, ctx.today)];
      out.push(`| ${cells.map(escapeMarkdownCell).join(' | ')} |`);
    }
    out.push('');
  }
  const text = designateKosovo(out.join('\n'));
  // A line starting with "* " would be read as a bullet: escape the asterisk so the note shows as written.
  return mentionsKosovo(text) ? `${text}\n---\n\n${KOSOVO_FOOTNOTE.replace(/^\*/, '\\*')}\n` : text;
}
