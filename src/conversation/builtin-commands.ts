import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { reportsQuarterly } from '../domain/permissions';
import { addDays, parseQuarter, quarterBounds, formatQuarter } from '../domain/quarter';
import { formatDate } from '../forms/format-answer';
import { formsFor, getForm } from '../forms/registry';
import type { BotMessage, Button } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { CommandRegistry, mayRun, type CommandSpec } from './command-registry';
import type { FormEngine } from './form-engine';
import { say } from './reply';
import { reportingQuarterAt } from '../reminders/calendar';
import { reportingCalendar } from '../reminders/calendar-config';
import { statusGrid, tally } from '../reports/status-grid';

export interface BuiltinDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  engine: FormEngine;
  /** The reporting deadline of a quarter (from the reminder calendar). */
  deadlineOf?: (quarter: string) => string;
}

const STATE_LABEL: Record<string, string> = { submitted: 'reported', 'nil-return': 'sent "nothing new"', exempt: 'is exempt' };

export function registerBuiltinCommands(registry: CommandRegistry, deps: BuiltinDeps): void {
  const { store, engine } = deps;
  const quarterNow = () => reportingQuarterAt(deps.clock.now(), deps.timezone, calendar);
  const deadline = (q: string) => deps.deadlineOf?.(q) ?? addDays(quarterBounds(parseQuarter(q)!).last, 15);
  // Deadlines do not depend on holidays (only reminder dates do), so the default calendar gives the configured ones.
  const calendar = reportingCalendar({ holidays: [] });

  const formCommand = (name: string, summary: string): CommandSpec => ({
    name,
    access: 'members',
    summary,
    usage: name,
    run: (actor, _args, ctx) => engine.start(actor, name, ctx.mode),
  });

  registry.register({
    name: 'help',
    aliases: ['hi', 'hello', 'start', '?'],
    summary: 'what I can do for you',
    usage: 'help',
    run: async (actor) => say(helpMessage(actor, registry)),
  });
  registry.register(formCommand('update', 'report a new law, strategy, action plan or action'));
  registry.register(formCommand('need', 'describe a need (Western Balkan partners)'));
  registry.register(formCommand('response', 'describe assistance you provide (donors and implementers)'));
  registry.register({
    name: 'nothing-new',
    aliases: ['nothing new', 'nil return', 'nil', 'nothing'],
    access: 'members',
    summary: 'tell the Secretariat you have nothing new this quarter',
    usage: 'nothing-new',
    run: async (actor) => {
      const q = quarterNow();
      const org = await store.organisations.get(actor.orgCode);
      return say({
        text: `Confirm that *${org?.shortName ?? actor.orgCode}* has nothing new to report for *${q}*? You can still send updates later in the quarter.`,
        buttons: [
          { label: 'Yes, nothing new', action: 'nil.confirm', value: q, style: 'primary' },
          { label: 'Cancel', action: 'nil.cancel', value: q },
        ],
      });
    },
  });
  registry.register({
    name: 'mine',
    aliases: ['my records', 'records', 'list'],
    summary: "your organisation's records and status this quarter",
    usage: 'mine',
    run: async (actor) => say(...(await mineMessages(actor))),
  });
  registry.register({
    name: 'edit',
    access: 'members',
    summary: 'change a record you submitted, e.g. edit NM-2026-RS-014',
    usage: 'edit <record id>',
    run: async (actor, args, ctx) => (args[0] ? engine.editRecord(actor, args[0].toUpperCase(), ctx.mode) : say('Which record? For example: *edit NM-2026-RS-014*. Type *mine* to see your records.')),
  });
  registry.register({
    name: 'status',
    access: 'secretariat-or-board',
    summary: 'who has reported this quarter (or: status 2026-Q3)',
    usage: 'status [quarter]',
    run: async (_actor, args) => {
      const q = parseQuarter(args[0] ?? reportingQuarterAt(deps.clock.now(), deps.timezone, calendar));
      if (!q) return say('Please give the quarter as e.g. *status 2026-Q4*.');
      return say(await statusMessage(formatQuarter(q)));
    },
  });

  async function mineMessages(actor: Actor): Promise<BotMessage[]> {
    const q = quarterNow();
    const org = await store.organisations.get(actor.orgCode);
    const checkin = await store.checkins.get(actor, actor.orgCode, q);
    const status = !org || !reportsQuarterly(org)
      ? 'does not report quarterly'
      : checkin
        ? `${STATE_LABEL[checkin.state]} for ${q}`
        : `has not reported for ${q} yet (deadline ${formatDate(deadline(q))})`;
    const records = await store.records.list(actor, { orgCode: actor.orgCode, limit: 10 });
    const drafts = await store.drafts.openFor(actor);
    const out: BotMessage[] = [{ text: `*${org?.shortName ?? actor.orgCode}* ${status}.` }];
    if (records.length) {
      out.push({
        text: `*Recent records* (newest first):\n${records.map((r) => `• *${r._id}* ${String(r.data.title ?? '')} (v${r.version}, ${r.quarter})`).join('\n')}`,
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
      .map((f) => ({ label: `Add ${f.title.toLowerCase()}`, action: 'form.start', value: f.id }));
    if (offers.length && !checkin) offers.push({ label: 'Nothing new this quarter', action: 'nil.confirm', value: q });
    if (offers.length) out.push({ text: 'What would you like to do?', buttons: offers });
    return out;
  }

  /** The same figures as `report status` (src/reports/status-grid.ts): one meaning of reported, overdue and due. */
  async function statusMessage(quarter: string): Promise<BotMessage> {
    const organisations = await store.organisations.list({ includeInactive: true });
    const grid = await statusGrid({ reads: store.reports, organisations, now: deps.clock.now(), timezone: deps.timezone, calendar }, [quarter]);
    const t = tally(grid, quarter);
    const info = grid.quarters[0]!;
    const line = (label: string, orgs: { shortName: string }[]) => `*${label} (${orgs.length}):* ${orgs.length ? orgs.map((o) => o.shortName).join(', ') : '—'}`;
    return {
      text: [
        `*Quarterly status ${quarter}* — ${t.submitted.length + t['nil-return'].length + t.exempt.length} of ${grid.organisations.length} organisations settled. Deadline ${formatDate(info.deadline)}.`,
        line('Reported', t.submitted),
        line('Nothing new', t['nil-return']),
        line('Exempt', t.exempt),
        info.deadlinePassed ? line('Overdue', t.overdue) : line('Not yet reported', t.due),
        'Four quarters with counts by kind, as a spreadsheet: *report status*.',
      ].join('\n'),
    };
  }
}

export function helpMessage(actor: Actor, registry: CommandRegistry): BotMessage {
  const lines = registry
    .all()
    .filter((s) => s.name !== 'help' && mayRun(actor, s))
    .map((s) => `• *${s.usage}* — ${s.summary}`);
  const offers: Button[] = formsFor(actor)
    .filter((f) => ['update', 'need', 'response'].includes(f.id))
    .map((f) => ({ label: `Add ${f.title.toLowerCase()}`, action: 'form.start', value: f.id }));
  return {
    text: `Hello ${actor.name.split(' ')[0]}. I collect the WBBSi Support Group's quarterly information for the IISG Secretariat. You can type:\n${lines.join('\n')}\nIn a form, type *back*, *skip*, *review*, *help* or *cancel* at any time.`,
    buttons: offers,
  };
}
