import type { ActionHandler } from '../conversation/action-registry';
import type { RunContext, CommandSpec } from '../conversation/command-registry';
import type { FormEngine } from '../conversation/form-engine';
import { say, type Mode, type Reply } from '../conversation/reply';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { applicableFields } from '../forms/form';
import { getForm } from '../forms/registry';
import type { BotMessage } from '../messages/bot-message';
import type { Clock } from '../support/clock';
import { meetingListMessage } from './meeting-list';
import { visibleItems } from './meeting-summary';
import type { MeetingService, PostOutcome } from './meeting.service';

/**
 * The chat side of meetings, the same words on Slack, Teams and the console: `meeting new|list|
 * post|edit|done|export`, and the answers to an action-item reminder (buttons, or typed
 * `more time <id> <date>` and `action comment <id> <text>`). Recording, posting, editing and
 * closing meetings is for the Secretariat (the router refuses others politely); reading is for all.
 */
export interface MeetingCommandDeps {
  service: MeetingService;
  store: Store;
  clock: Clock;
  timezone: string;
  engine: FormEngine;
}

/** Adapters finalize what they show (Kosovo*, footnote), so replies are left as written. */
const reply = (...ms: BotMessage[]): Reply => ({ messages: ms });

function postReport(id: string, outcomes: PostOutcome[]): string {
  return outcomes
    .map((o) => {
      const where = `${o.target.platform === 'slack' ? 'Slack' : 'Teams'} ${o.target.channel}`;
      if (o.status === 'posted') return `Posted the summary of *${id}* to ${where}.`;
      if (o.status === 'updated') return `The summary of *${id}* was already posted in ${where}: I updated it there instead of posting it again.`;
      if (o.status === 'in-progress') return `The summary of *${id}* is being posted to ${where} right now.`;
      return `I could not post the summary of *${id}* to ${where} (${o.error ?? 'unknown error'}). Please try again in a minute.`;
    })
    .join('\n');
}

export function meetingCommands(deps: MeetingCommandDeps): { commands: CommandSpec[]; actions: Record<string, ActionHandler> } {
  const { service, store, engine } = deps;
  const needId = (args: string[], usage: string): string | Reply => args[0]?.toUpperCase() ?? say(`Which meeting? For example: *${usage}*. Type *meeting list* to see them.`);

  /** A draft pre-filled from the meeting, opened at its review, like `edit` for records. */
  async function edit(actor: Actor, id: string, mode: Mode): Promise<Reply> {
    const m = await service.find(actor, id);
    const form = getForm('meeting')!;
    const items = visibleItems(m).map(({ text, ownerOrg, due }) => ({ text, ownerOrg, due }));
    const answers: Record<string, unknown> = { ...m.data, ...(items.length ? { actionItems: items } : {}) };
    const draft = await store.drafts.create(actor, { formId: 'meeting', mode, answers, cursor: 'review', recordId: m._id, baseVersion: m.version });
    await store.drafts.save(actor, draft._id, { trail: applicableFields(form, answers, actor) });
    return engine.resume(actor, draft._id, mode);
  }

  const specs: CommandSpec[] = [
    {
      name: 'meeting',
      summary: 'the meeting commands you can use',
      usage: 'meeting',
      run: async (actor) => say(...specs.filter((s) => s.name.startsWith('meeting ') && (s.access !== 'secretariat' || actor.role === 'secretariat')).map((s) => `• *${s.usage}* — ${s.summary}`)),
    },
    {
      name: 'meeting new',
      access: 'secretariat',
      summary: 'record a meeting (ahead of time, or after it)',
      usage: 'meeting new',
      run: (actor, _args, ctx) => engine.start(actor, 'meeting', ctx.mode),
    },
    {
      name: 'meeting list',
      aliases: ['meetings'],
      summary: 'upcoming and recent meetings with their action items',
      usage: 'meeting list',
      run: async (actor) => say(await meetingListMessage(store, actor, { now: deps.clock.now(), timezone: deps.timezone, settings: service.settings })),
    },
    {
      name: 'meeting post',
      access: 'secretariat',
      audience: 'group',
      summary: 'post the summary to the Support Group channel (again: updates the post)',
      usage: 'meeting post <id>',
      run: async (actor, args, ctx: RunContext) => {
        const id = needId(args, 'meeting post MT-2027-001');
        if (typeof id !== 'string') return id;
        const from = ctx.channel ? { platform: ctx.channel.platform, channel: ctx.channel.id } : undefined;
        const { meeting, outcomes } = await service.post(actor, id, from);
        return reply({ text: postReport(meeting._id, outcomes) });
      },
    },
    {
      name: 'meeting edit',
      access: 'secretariat',
      summary: 'change a meeting (a posted summary is updated when you save)',
      usage: 'meeting edit <id>',
      run: async (actor, args, ctx) => {
        const id = needId(args, 'meeting edit MT-2027-001');
        return typeof id === 'string' ? edit(actor, id, ctx.mode) : id;
      },
    },
    {
      name: 'meeting done',
      access: 'secretariat',
      summary: 'mark a meeting as held',
      usage: 'meeting done <id>',
      run: async (actor, args) => {
        const id = needId(args, 'meeting done MT-2027-001');
        if (typeof id !== 'string') return id;
        const r = await service.markHeld(actor, id);
        const next = `Add the decisions and action items with *meeting edit ${r.meeting._id}*, then *meeting post ${r.meeting._id}*.`;
        return reply({ text: r.changed ? `*${r.meeting._id}* is marked as held. ${next}` : `*${r.meeting._id}* was already marked as held. ${next}` });
      },
    },
    {
      name: 'meeting export',
      summary: 'the summary as a Markdown file, ready for the minutes',
      usage: 'meeting export <id>',
      run: async (actor, args) => {
        const id = needId(args, 'meeting export MT-2027-001');
        if (typeof id !== 'string') return id;
        const file = await service.exportMarkdown(actor, id);
        return { ...reply({ text: `Here is the summary of *${id}* as Markdown, ready to paste into the minutes.` }), files: [file] };
      },
    },
    {
      name: 'more time',
      aliases: ['more-time', 'action more-time', 'action more time'],
      summary: 'a new due date for an action item of your organisation',
      usage: 'more time <action item id> <date>',
      run: async (actor, args) => reply(await service.moreTime(actor, args[0] ?? '', args.slice(1).join(' '))),
    },
    {
      name: 'action done',
      summary: 'close an action item of your organisation',
      usage: 'action done <action item id>',
      run: async (actor, args) => reply(await service.markDone(actor, args[0] ?? '')),
    },
    {
      name: 'action comment',
      summary: 'a comment on an action item, for the Secretariat',
      usage: 'action comment <action item id> <text>',
      run: async (actor, args) => reply(await service.comment(actor, args[0] ?? '', args.slice(1).join(' '))),
    },
  ];
  const actions: Record<string, ActionHandler> = {
    'action.done': async (actor, value) => reply(await service.markDone(actor, value)),
    // value: the item id (ask for a date), or "<item id>|<YYYY-MM-DD>" from one of the offered dates
    'action.more-time': async (actor, value) => {
      const [id, date] = String(value).split('|');
      return reply(await service.moreTime(actor, id ?? '', date));
    },
    'action.comment': async (actor, value) => reply(await service.comment(actor, value)),
  };
  return { commands: specs, actions };
}
