import type { Calendar } from '../calendar/reporting-calendar';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { reportsQuarterly } from '../domain/permissions';
import { formatDate } from '../forms/format-answer';
import { formsFor, getForm } from '../forms/registry';
import type { BotMessage, Button } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { addFormButton } from '../conversation/help';

const STATE_LABEL: Record<string, string> = { submitted: 'reported', 'nil-return': 'sent "nothing new"', exempt: 'is exempt' };

/** `mine` (and the Slack Home tab): the organisation's status this quarter, its records and drafts, what to do next. */
export async function mineMessages(deps: { store: Store; clock: Clock; calendar: Calendar }, actor: Actor): Promise<BotMessage[]> {
  const { store } = deps;
  const q = deps.calendar.reportingQuarter(deps.clock.now());
  const org = await store.organisations.get(actor.orgCode);
  const checkin = await store.checkins.get(actor, actor.orgCode, q);
  const reports = Boolean(org && reportsQuarterly(org));
  const status = !reports
    ? 'does not report quarterly, so nothing is due'
    : checkin
      ? `${STATE_LABEL[checkin.state]} for ${q}${checkin.state === 'exempt' && checkin.note ? ` (${checkin.note})` : ''}`
      : !deps.calendar.isDue(q)
        ? `has nothing due for ${q}: reporting starts with ${deps.calendar.firstQuarter}`
        : `has not reported for ${q} yet (deadline ${formatDate(deps.calendar.deadline(q))})`;
  const records = await store.records.list(actor, { orgCode: actor.orgCode, limit: 10 });
  const drafts = await store.drafts.openFor(actor);
  const out: BotMessage[] = [{ text: `*${org?.shortName ?? actor.orgCode}* ${status}.` }];
  if (records.length) {
    out.push({
      text: `*Recent records* (newest first):\n${records.map((r) => `• *${r._id}* ${String(r.data.title ?? '')} (version ${r.version}, ${r.quarter})`).join('\n')}`,
      buttons: records.slice(0, 5).map((r) => ({ label: `Edit ${r._id}`, action: 'record.edit', value: r._id })),
    });
  } else out.push({ text: 'No records yet.' });
  if (drafts.length) {
    out.push({
      text: `*Unfinished drafts:*\n${drafts.map((d) => `• ${getForm(d.formId)?.describe(d.answers) ?? d.formId}`).join('\n')}`,
      buttons: drafts.slice(0, 5).map((d) => ({ label: `Continue ${getForm(d.formId)?.title.toLowerCase() ?? d.formId}`, action: 'draft.continue', value: d._id })),
    });
  }
  const offers: Button[] = formsFor(actor)
    .filter((f) => ['update', 'need', 'response'].includes(f.id))
    .map((f) => addFormButton(f.id));
  // "Nothing new" only for an organisation that owes a report for this quarter and has not sent one.
  if (offers.length && reports && !checkin && deps.calendar.isDue(q)) offers.push({ label: 'Nothing new this quarter', action: 'nil.confirm', value: q });
  if (offers.length) out.push({ text: 'What would you like to do?', buttons: offers });
  return out;
}
