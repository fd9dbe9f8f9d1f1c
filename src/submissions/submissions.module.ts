import type { ActionHandler } from '../conversation/action-registry';
import type { CommandSpec } from '../conversation/command-registry';
import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { nilReturnForm } from '../forms/nil-return.form';
import type { Mode, Reply } from '../conversation/reply';
import { say } from '../conversation/reply';
import { alreadySettled } from '../messages/already-reported';
import type { FeatureModule, ModuleContext } from '../module';
import { auditTable, readAudit, type AuditFilter } from './audit-log';
import type { HistoryReader } from './history';
import { mineMessages } from './mine';
import { needsCommand } from './needs-command';
import { needChainFeature } from './need-chain-commands';
import { recordFeature } from './record-commands';

/** What the CLI and the tests call: a record's history, the audit log. */
export interface RecordsApi {
  history: HistoryReader;
  audit(actor: Actor, filter: AuditFilter): ReturnType<typeof readAudit>;
  auditTable: typeof auditTable;
}
import { formsAllowed } from '../domain/permissions';

/**
 * Forms and submissions: the commands that open the reporting forms, `nothing new`, `mine` and
 * `edit`, and the buttons of every form conversation (answer, skip, back, review, submit, cancel…);
 * a record's life after it is saved (withdraw, restore, history, audit) and the decision chain of
 * needs (chain, decide).
 */
export function submissionsModule(ctx: ModuleContext): FeatureModule<RecordsApi> {
  const { store, forms: engine } = ctx;
  const timezone = ctx.config.timezone;
  const records = recordFeature({ store, clock: ctx.clock, timezone });
  const chain = needChainFeature({ store, timezone });

  const formCommand = (name: 'update' | 'need' | 'response', summary: string): CommandSpec => ({
    name,
    access: 'members',
    summary,
    usage: name,
    // Offered in help only to those who send it: a donor is not offered needs, a partner not responses.
    helpLine: (actor) => (formsAllowed(actor).includes(name) ? `• *${name}* — ${summary}` : undefined),
    run: (actor, _args, c) => engine.start(actor, name, c.mode),
  });

  /** Button values start with the draft id; a stale button (draft closed) gets a clear answer. */
  const draftAction =
    (fn: (actor: Actor, d: DraftDoc, mode: Mode, rest: string[]) => Promise<Reply>): ActionHandler =>
    async (actor, value, c) => {
      const [draftId, ...rest] = value.split('|');
      const draft = await store.drafts.get(actor, draftId ?? '');
      if (!draft || draft.status !== 'open' || draft.personId !== actor.personId)
        return say(draft?.status === 'submitted' ? `Already saved as *${draft.resultId ?? 'a record'}*.` : 'That form is no longer open. Type *help* to start again.');
      return fn(actor, draft, c.mode, rest);
    };

  const nilConfirm: ActionHandler = async (actor) => {
    const settled = await alreadySettled({ store, timezone }, actor, ctx.calendar.reportingQuarter(ctx.clock.now()));
    if (settled) return say(settled);
    const res = await ctx.submitter.submit(actor, nilReturnForm, { confirm: true });
    if (!res.ok) return say('I could not record that. Please try again.');
    return { ...say(`Thank you. I have recorded *nothing new* for ${res.quarter}. Your organisation has reported for this quarter.`), answered: { text: `✓ Nothing new for ${res.quarter}` } };
  };

  /** Skip and Back carry their question: pressed on an earlier question, they change nothing and say so. */
  const onQuestion =
    (fn: (actor: Actor, d: DraftDoc) => Promise<Reply>, answered?: boolean) =>
    draftAction(async (actor, d, _m, [field]) => {
      if (field && field !== d.cursor) return { messages: [{ text: 'That button belongs to a question you have already answered. Here is where you are:' }, ...(await engine.current(actor, d)).messages] };
      const reply = await fn(actor, d);
      return answered && field ? { ...reply, answered: await engine.answeredNote(actor, d, field, undefined) } : reply;
    });

  return {
    id: 'submissions',
    api: { history: records.history, audit: (actor, filter) => readAudit({ store, now: ctx.clock.now(), timezone }, actor, filter), auditTable },
    commands: [
      formCommand('update', 'report a new law, strategy, action plan or action'),
      formCommand('need', 'describe a need of your institutions'),
      formCommand('response', 'describe assistance you provide or plan'),
      needsCommand(store),
      {
        name: 'nothing-new',
        aliases: ['nothing new', 'nil return', 'nil', 'nothing'],
        access: 'members',
        summary: 'tell the Secretariat you have nothing new this quarter',
        usage: 'nothing-new',
        run: async (actor) => {
          const q = ctx.calendar.reportingQuarter(ctx.clock.now());
          // Nothing new means nothing new: once the quarter is settled, say so and record nothing.
          const settled = await alreadySettled({ store, timezone }, actor, q);
          if (settled) return say(settled);
          const org = await store.organisations.get(actor.orgCode);
          return say({
            text: `Confirm that *${org?.shortName ?? actor.orgCode}* has nothing new to report for *${q}*? You can still send updates later in the quarter.`,
            buttons: [
              { label: 'Yes, nothing new', action: 'nil.confirm', value: q, style: 'primary' },
              { label: 'Cancel', action: 'nil.cancel', value: q },
            ],
          });
        },
      },
      {
        name: 'mine',
        aliases: ['my records', 'records', 'list'],
        summary: "your organisation's records and status this quarter",
        usage: 'mine',
        run: async (actor) => say(...(await mineMessages(ctx, actor))),
      },
      {
        name: 'edit',
        access: 'members',
        summary: 'change a record you submitted, e.g. edit NM-2026-RS-014',
        usage: 'edit <record id>',
        run: async (actor, args, c) => {
          if (!args[0]) return say('Which record? For example: *edit NM-2026-RS-014*. Type *mine* to see your records.');
          const id = args[0].toUpperCase();
          if ((await store.records.get(actor, id))?.status === 'withdrawn') return say(`*${id}* was withdrawn, so it cannot be edited. The IISG Secretariat can restore it.`);
          return engine.editRecord(actor, id, c.mode);
        },
      },
      ...records.commands,
      ...chain.commands,
    ],
    actions: {
      'form.start': (a, v, c) => engine.start(a, v, c.mode),
      'form.new': (a, v, c) => engine.start(a, v.split('|')[0]!, (v.split('|')[1] as Mode | undefined) ?? c.mode, { fresh: true }),
      // value: draftId|field|code (or codes joined by commas for a multi-select)
      'form.answer': draftAction((a, d, _m, [field, ...value]) => (field === '__edit' ? engine.editField(a, d, value.join('|')) : engine.click(a, d, field ?? '', value.join('|')))),
      'form.change': draftAction((a, d, _m, [field, ...value]) => engine.change(a, d, field ?? '', value.join('|'))),
      'form.skip': onQuestion((a, d) => engine.skip(a, d), true),
      'form.back': onQuestion((a, d) => engine.back(a, d)),
      'form.review': draftAction((a, d) => engine.review(a, d)),
      'form.edit': draftAction((a, d) => engine.editPicker(a, d)),
      'form.submit': draftAction((a, d, m) => engine.submit(a, d, m)),
      // Destructive buttons ask first; "Yes" discards, "No" carries on where the person was.
      'form.cancel': (a, v) => engine.confirmDiscard(a, v.split('|')[0]!),
      'draft.discard': (a, v) => engine.confirmDiscard(a, v),
      'form.discard': async (a, v) => {
        const reply = await engine.discard(a, v);
        return { ...reply, answered: { text: `✓ ${reply.messages[0]?.text ?? 'Discarded.'}` }, messages: [] };
      },
      'form.keep': async (a, v, c) => ({ ...(await engine.resume(a, v, c.mode)), answered: { text: '✓ Kept: carrying on.' } }),
      'draft.continue': (a, v, c) => engine.resume(a, v, c.mode),
      'form.to-chat': (a, v) => engine.resume(a, v, 'chat'),
      'record.edit': (a, v, c) => engine.editRecord(a, v, c.mode),
      'nil.confirm': nilConfirm,
      'nil.cancel': async () => ({ ...say('All right, nothing recorded.'), answered: { text: '✓ Not recorded.' } }),
      ...records.actions,
      ...chain.actions,
    },
  };
}
