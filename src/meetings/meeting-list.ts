import type { MeetingDoc } from '../db/models/meeting.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { isSecretariat } from '../domain/permissions';
import { localDate } from '../domain/quarter';
import { formatDate } from '../forms/format-answer';
import type { BotMessage, Button } from '../messages/bot-message';
import type { MeetingSettings } from './meeting-settings';
import { itemLine, meetingTitle, meetingWhen, orgDirectory, visibleItems } from './meeting-summary';

/**
 * `meeting list`: upcoming and recent meetings with their action items and status, and older
 * meetings while they still have open items. The owner organisation's people get "Done" buttons.
 * Not finalized here: the adapters write Kosovo* and the footnote on every reply they show.
 */
export async function meetingListMessage(store: Store, actor: Actor, ctx: { now: Date; timezone: string; settings: MeetingSettings }): Promise<BotMessage> {
  const [all, organisations, people] = await Promise.all([
    store.meetings.list(actor, { limit: 1000 }),
    store.organisations.list({ includeInactive: true }),
    store.people.list({ includeInactive: true }),
  ]);
  const orgs = orgDirectory(organisations);
  const names = new Map(people.map((p) => [p._id, p.name]));
  const today = localDate(ctx.now, ctx.timezone);
  const now = ctx.now.getTime();
  const recentFrom = now - ctx.settings.recentDays * 86_400_000;
  const at = (m: MeetingDoc) => new Date(m.startsAt).getTime();
  const upcoming = all.filter((m) => at(m) >= now).slice(0, ctx.settings.listLimit);
  const recent = all.filter((m) => at(m) < now && at(m) >= recentFrom).reverse().slice(0, ctx.settings.listLimit);
  const shown = new Set([...upcoming, ...recent].map((m) => m._id));
  const older = all.filter((m) => !shown.has(m._id) && at(m) < now && m.actionItems.some((i) => i.status === 'open')).reverse();

  const describe = (m: MeetingDoc): string[] => {
    const posted = m.posts.length ? ` · posted (${[...new Set(m.posts.map((p) => p.platform))].join(', ')})` : '';
    const head = `• *${m._id}* ${meetingTitle(m)} — ${meetingWhen(m, ctx.timezone)}, ${String(m.data.venue ?? '')} (${m.state}${posted})`;
    const items = visibleItems(m).flatMap((i) => {
      const last = i.comments.at(-1);
      const note = last ? [`      _“${last.text}” — ${names.get(last.by) ?? 'a member'}, ${formatDate(localDate(new Date(last.at), ctx.timezone))}_`] : [];
      return [`   – ${itemLine(i, orgs, today)}`, ...note];
    });
    return [head, ...items];
  };

  const section = (title: string, ms: MeetingDoc[]) => (ms.length ? [`*${title}*`, ...ms.flatMap(describe)] : []);
  const lines = [
    ...section('Upcoming meetings', upcoming),
    ...section(`Recent meetings (last ${ctx.settings.recentDays} days)`, recent),
    ...section('Earlier meetings with open action items', older),
  ];
  if (!lines.length) lines.push(`No meetings are recorded yet.${isSecretariat(actor) ? ' Type *meeting new* to record one.' : ''}`);
  else lines.push('', isSecretariat(actor) ? 'Type *meeting post <id>*, *meeting edit <id>*, *meeting done <id>* or *meeting export <id>*.' : 'Type *meeting export <id>* for the summary as a Markdown file.');

  const own = [...upcoming, ...recent, ...older].flatMap((m) => m.actionItems).filter((i) => i.status === 'open' && i.ownerOrg === actor.orgCode);
  const buttons: Button[] = isSecretariat(actor) ? [] : own.slice(0, 5).map((i) => ({ label: `Done: ${i._id}`, action: 'action.done', value: i._id }));
  return { text: lines.join('\n'), ...(buttons.length ? { buttons } : {}) };
}
