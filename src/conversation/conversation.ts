import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { AppError, ERROR_CODES, genericErrorMessage, isAppError, isDatabaseUnavailable } from '../errors';
import { nilReturnForm } from '../forms/nil-return.form';
import type { SubmissionService } from '../submissions/submission.service';
import type { Clock } from '../support/clock';
import { errorReference } from '../support/ids';
import type { Logger } from '../support/logger';
import { ActionRegistry } from './action-registry';
import { registerBuiltinCommands } from './builtin-commands';
import { CommandRegistry, mayRun, type CommandContext } from './command-registry';
import { createFormEngine } from './form-engine';
import { PendingInputs } from './pending-inputs';
import { RateLimiter } from './rate-limiter';
import { say, type ChatInput, type Mode, type Reply } from './reply';
import { helpMessage } from './builtin-commands';
import { resumeMessage } from './views';
import { getForm } from '../forms/registry';
import type { DraftDoc } from '../db/models/draft.model';

const CONTROL = /^(cancel|stop|quit|back|skip|help|\?|review|submit|edit)$/i;
/** A draft untouched for this long is offered back ("continue or discard?") instead of taking the text as an answer. */
const STALE_DRAFT_MS = 60 * 60 * 1000;

export interface ConversationDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  logger: Logger;
  submissions: SubmissionService;
  pendingJournal?: string;
  rateLimitPerMinute?: number;
}

/**
 * The single entry point for everything a person types or clicks, on any platform: commands, form
 * answers, button actions. Adapters translate their payloads into `handle` calls and render the Reply.
 */
export function createConversation(deps: ConversationDeps) {
  const engine = createFormEngine(deps);
  const commands = new CommandRegistry();
  const actions = new ActionRegistry();
  const limiter = new RateLimiter(deps.rateLimitPerMinute ?? 60, deps.rateLimitPerMinute ?? 60);
  const pending = new PendingInputs(deps.pendingJournal);
  registerBuiltinCommands(commands, { ...deps, engine });

  /** Button values start with the draft id; a stale button (draft closed) gets a clear answer. */
  const draftAction = (fn: (actor: Actor, d: DraftDoc, mode: Mode, rest: string[]) => Promise<Reply>) =>
    async (actor: Actor, value: string, ctx: { mode: Mode }) => {
      const [draftId, ...rest] = value.split('|');
      const draft = await deps.store.drafts.get(actor, draftId ?? '');
      if (!draft || draft.status !== 'open' || draft.personId !== actor.personId)
        return say(draft?.status === 'submitted' ? `Already saved as *${draft.resultId ?? 'a record'}*.` : 'That form is no longer open. Type *help* to start again.');
      return fn(actor, draft, ctx.mode, rest);
    };

  actions.register('form.start', (a, v, c) => engine.start(a, v, c.mode));
  actions.register('form.new', (a, v, c) => engine.start(a, v.split('|')[0]!, (v.split('|')[1] as CommandContext['mode']) ?? c.mode, { fresh: true }));
  // value: draftId|field|code (or codes joined by commas for a multi-select)
  actions.register('form.answer', draftAction((a, d, _m, [field, ...value]) => engine.answer(a, d, value.join('|'), field)));
  actions.register('form.skip', draftAction((a, d) => engine.skip(a, d)));
  actions.register('form.back', draftAction((a, d) => engine.back(a, d)));
  actions.register('form.review', draftAction((a, d) => engine.review(a, d)));
  actions.register('form.edit', draftAction((a, d) => engine.editPicker(a, d)));
  actions.register('form.submit', draftAction((a, d, m) => engine.submit(a, d, m)));
  actions.register('form.cancel', (a, v) => engine.discard(a, v));
  actions.register('draft.discard', (a, v) => engine.discard(a, v));
  actions.register('draft.continue', (a, v, c) => engine.resume(a, v, c.mode));
  actions.register('form.to-chat', (a, v) => engine.resume(a, v, 'chat'));
  actions.register('record.edit', (a, v, c) => engine.editRecord(a, v, c.mode));
  actions.register('nil.confirm', async (a) => {
    const res = await deps.submissions.submit(a, nilReturnForm, { confirm: true });
    return say(res.ok ? `Thank you. I have recorded *nothing new* for ${res.quarter}. Your organisation has reported for this quarter.` : 'I could not record that. Please try again.');
  });
  actions.register('nil.cancel', async () => say('All right, nothing recorded.'));

  async function onText(actor: Actor, text: string, ctx: CommandContext): Promise<Reply> {
    const draft = ctx.asCommand ? undefined : await engine.activeChatDraft(actor);
    if (draft) {
      const word = text.trim().toLowerCase();
      const stale = deps.clock.now().getTime() - new Date(draft.updatedAt).getTime() > STALE_DRAFT_MS;
      if (stale && !CONTROL.test(word)) {
        await deps.store.drafts.save(actor, draft._id, {}); // touched: the next text is an answer again
        return say(resumeMessage(getForm(draft.formId)!, draft));
      }
      if (/^(cancel|stop|quit)$/.test(word)) return engine.discard(actor, draft._id);
      if (word === 'back') return engine.back(actor, draft);
      if (word === 'skip') return engine.skip(actor, draft);
      if (word === 'help' || word === '?') return engine.help(actor, draft);
      if (word === 'review') return engine.review(actor, draft);
      if (word === 'edit') return engine.editPicker(actor, draft);
      if (word === 'submit' && draft.cursor === 'review') return engine.submit(actor, draft, 'chat');
      if (draft.cursor === 'review') return say('Please use *submit*, *edit* or *cancel*.');
      return engine.answer(actor, draft, text);
    }
    return runCommand(actor, text, ctx);
  }

  async function runCommand(actor: Actor, text: string, ctx: CommandContext): Promise<Reply> {
    const found = commands.match(text);
    if (!found) {
      const m = helpMessage(actor, commands);
      return say({ ...m, text: `I did not recognise "${text.trim().slice(0, 60)}". ${m.text}` });
    }
    if (!mayRun(actor, found.spec)) {
      return say(
        found.spec.access === 'members'
          ? 'Sorry, only Support Group members send reports. Type *help* to see what you can do.'
          : `Sorry, *${found.spec.name}* is for the IISG Secretariat${found.spec.access === 'secretariat-or-board' ? ' and the Board' : ''}. Type *mine* to see your own organisation's status.`,
      );
    }
    return found.spec.run(actor, found.args, ctx);
  }

  async function dispatch(actor: Actor, input: ChatInput, ctx: CommandContext): Promise<Reply> {
    if (input.action) {
      const handler = actions.get(input.action.id);
      if (!handler) return say('That button is no longer active. Type *help* to start again.');
      return handler(actor, input.action.value ?? '', { mode: ctx.mode });
    }
    return onText(actor, input.text ?? '', ctx);
  }

  const conversation = {
    engine,
    commands,
    actions,
    pending,

    /** Who is this? `null` for people not in the roster: nothing is stored for them. */
    async identify(platform: 'slack' | 'teams', platformUserId: unknown): Promise<Actor | null> {
      if (typeof platformUserId !== 'string' || !platformUserId || platformUserId.length > 128) return null;
      const p = platform === 'slack' ? await deps.store.people.bySlackId(platformUserId) : await deps.store.people.byTeamsId(platformUserId);
      return p ? deps.store.people.toActor(p) : null;
    },

    unknownPersonMessage(): string {
      return ERROR_CODES.NOT_REGISTERED;
    },

    async handle(actor: Actor, input: ChatInput, ctx: CommandContext): Promise<Reply> {
      if (!limiter.allow(actor.personId)) return say(ERROR_CODES.RATE_LIMITED);
      try {
        if (pending.hasFor(actor.personId)) throw new AppError('DB_UNAVAILABLE'); // keep their order
        return await dispatch(actor, input, ctx);
      } catch (err) {
        if (isDatabaseUnavailable(err) || (isAppError(err) && err.code === 'DB_UNAVAILABLE')) {
          if (input.text !== undefined || input.action) pending.add({ actor, input, mode: ctx.mode, at: deps.clock.now().toISOString() });
          deps.logger.warn({ personId: actor.personId }, 'database unavailable; input kept for replay');
          return say(ERROR_CODES.DB_UNAVAILABLE);
        }
        if (isAppError(err)) return say(err.userMessage);
        const ref = errorReference();
        deps.logger.error({ err, ref, personId: actor.personId }, 'error handling input');
        return say(genericErrorMessage(ref));
      }
    },

    /** Replays inputs kept while the database was down; `deliver` sends each reply to its person. */
    async replayPending(deliver: (actor: Actor, reply: Reply) => Promise<void>): Promise<number> {
      return pending.drain(async (item) => {
        const reply = await dispatch(item.actor, item.input, { mode: item.mode, platform: 'console' });
        await deliver(item.actor, {
          ...reply,
          messages: [{ text: 'The database is back: I have saved the answer you sent while it was unavailable.' }, ...reply.messages],
        });
      });
    },
  };
  return conversation;
}
export type Conversation = ReturnType<typeof createConversation>;
