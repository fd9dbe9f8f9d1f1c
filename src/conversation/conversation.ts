import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { ERROR_CODES, genericErrorMessage, isAppError, isDatabaseUnavailable } from '../errors';
import type { FeatureModule, FileHandler } from '../module';
import type { Notifier, Recipient } from '../notify/notifier';
import type { Clock } from '../support/clock';
import { Gate } from '../support/gate';
import { errorReference } from '../support/ids';
import type { Logger } from '../support/logger';
import { ActionRegistry } from './action-registry';
import { CommandRegistry, mayRun, type CommandContext, type RunContext } from './command-registry';
import { createFormEngine } from './form-engine';
import { createFormOps } from './form-ops';
import { fullHelp, HELP_MORE, HELP_RUN, helpCommand, unknownTextReply } from './help';
import { PendingInputs, whoKey, type PendingInput, type ReplayOutcome } from './pending-inputs';
import { RateLimiter } from './rate-limiter';
import { say, type ChatInput, type FormValues, type Reply } from './reply';
import { precheckWholeForm } from './whole-form-parse';
import { getForm } from '../forms/registry';
import type { FieldErrors } from '../forms/form';
import { createTextRouter } from './text-router';
import type { Submitter } from './submit-port';
import type { Who } from './who';

export interface ConversationDeps {
  store: Store;
  clock: Clock;
  timezone: string;
  logger: Logger;
  submitter: Submitter;
  pendingJournal?: string;
  rateLimitPerMinute?: number;
  /**
   * Whole-form submissions stored at once (default 2; the core gives half the database pool). A
   * submission is about 17 database operations; left unbounded, a burst of them fills the pool and
   * every command's reads queue behind their writes, and on SQLite the writers collide. Measured
   * (`npm run bench`, 100 submissions among 200 commands): replies 1.1 s → 0.13 s p99 one at a time,
   * 4.0 s → 2.4 s fifty at once, and the submissions themselves confirmed sooner.
   */
  submissionsAtOnce?: number;
}

const KEPT = 'The database is back: I have saved what you sent while it was unavailable.';

/**
 * The single entry point for everything a person types, clicks or submits, on any surface:
 * identify → keep (when the database is down) → dispatch to a command, an action or a form
 * operation → Reply. Adapters only translate their payloads into `receive` calls and render the
 * Reply; the rate limit, redelivery checks and the outage journal therefore hold on every path.
 */
export function createConversation(deps: ConversationDeps) {
  const engine = createFormEngine({ store: deps.store, clock: deps.clock, timezone: deps.timezone, submitter: deps.submitter });
  const commands = new CommandRegistry();
  const actions = new ActionRegistry();
  const limiter = new RateLimiter(deps.rateLimitPerMinute ?? 60, deps.rateLimitPerMinute ?? 60);
  const pending = new PendingInputs(deps.pendingJournal);
  const submitting = new Gate(Math.max(1, deps.submissionsAtOnce ?? 2));
  const forms = createFormOps({ store: deps.store, engine });
  /** The feature that takes files people send (spreadsheets), installed with the modules. */
  let files: FileHandler | undefined;
  const text = createTextRouter({ clock: deps.clock, engine, commands, runCommand });
  commands.register(helpCommand(commands));
  // The conversation's own buttons: help's shortcuts, and "pause the form and run the command".
  actions.register(HELP_RUN, (actor, value, ctx) => runCommand(actor, value, ctx));
  actions.register(HELP_MORE, async (actor) => say(fullHelp(actor, commands)));
  actions.register('draft.pause-run', (actor, value, ctx) => text.pauseAndRun(actor, value, ctx));

  async function runCommand(actor: Actor, typed: string, ctx: RunContext): Promise<Reply> {
    const found = commands.match(typed);
    if (!found) return unknownTextReply(actor, typed);
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
    const run: RunContext = { ...ctx, mode: ctx.mode === 'auto' ? ((await engine.activeChatDraft(actor)) ? 'chat' : 'form') : ctx.mode };
    if (input.form) return input.form.op === 'submit' ? forms.submit(actor, input.form.draftId, input.form.values) : forms.close(actor, input.form.draftId, input.form.values);
    if (input.file) return files ? files.receive(actor, input.file) : say('I cannot take files. Type *help* to see what I can do.');
    if (input.action) {
      const handler = actions.get(input.action.id);
      if (!handler) return say('That button is no longer active. Type *help* to start again.');
      return handler(actor, input.action.value ?? '', run);
    }
    return text.route(actor, input.text ?? '', run);
  }

  /** People identified lately, by platform id: only for checks made before an ack, never for a write. */
  const lately = new Map<string, { actor: Actor; at: number }>();
  const LATELY_MS = 10 * 60_000;

  async function identify(who: Who): Promise<Actor | null> {
    const actor = await lookUp(who);
    if (actor) {
      if (lately.size > 10_000) lately.delete(lately.keys().next().value!);
      lately.set(whoKey(who), { actor, at: deps.clock.now().getTime() });
    }
    return actor;
  }

  async function lookUp(who: Who): Promise<Actor | null> {
    if ('personId' in who) {
      const p = await deps.store.people.get(who.personId);
      return p && p.active ? deps.store.people.toActor(p) : null;
    }
    const id = who.userId;
    if (typeof id !== 'string' || !id || id.length > 128) return null;
    const p = who.platform === 'slack' ? await deps.store.people.bySlackId(id) : await deps.store.people.byTeamsId(id);
    return p ? deps.store.people.toActor(p) : null;
  }

  /** Runs one input for someone already identified (or to be identified), the errors turned into replies. */
  async function attempt(who: Who, known: Actor | null, input: ChatInput, ctx: CommandContext, state: { claimed?: boolean } = {}): Promise<Reply> {
    const actor = known ?? (await identify(who));
    if (!actor) return { messages: [{ text: ERROR_CODES.NOT_REGISTERED }], unregistered: true };
    return { ...(await claimAndDispatch(actor, input, ctx, state)), personId: actor.personId };
  }

  async function identified(actor: Actor, input: ChatInput, ctx: CommandContext): Promise<Reply> {
    await ctx.onIdentified?.(actor);
    return dispatch(actor, input, ctx);
  }

  async function claimAndDispatch(actor: Actor, input: ChatInput, ctx: CommandContext, state: { claimed?: boolean }): Promise<Reply> {
    if (!ctx.deliveryId || state.claimed) return identified(actor, input, ctx);
    if (!(await deps.store.seenKeys.claim(ctx.deliveryId))) {
      deps.logger.info({ personId: actor.personId }, 'input already handled; redelivery ignored');
      // A form sent twice: where the first one ended, for surfaces that show it again.
      const draft = input.form ? await deps.store.drafts.get(actor, input.form.draftId).catch(() => null) : null;
      return { messages: draft?.status === 'submitted' ? [{ text: `Already saved as *${draft.resultId ?? 'a record'}*.` }] : [], duplicate: true };
    }
    state.claimed = true;
    let reply: Reply;
    try {
      reply = await identified(actor, input, ctx);
    } catch (err) {
      await deps.store.seenKeys.release(ctx.deliveryId).catch(() => undefined); // not handled: a retry may try again
      throw err;
    }
    // A form sent back with errors stored nothing: the same values may be submitted again.
    if (reply.formErrors && reply.form) await deps.store.seenKeys.release(ctx.deliveryId);
    return reply;
  }

  function keep(who: Who, input: ChatInput, ctx: CommandContext, claimed = false): Reply {
    // A file is not kept on disk while the database is away: it is still with the person, who can send it again.
    if (input.file) return { ...say('I cannot reach the database right now, so I have not checked your file. Please send it again in a few minutes.'), error: 'DB_UNAVAILABLE' };
    // The turn's callback belongs to a request that is over by the time this is replayed.
    const { onIdentified: _turnOnly, ...kept } = ctx;
    pending.add({ who, input, ctx: kept, at: deps.clock.now().toISOString(), ...(claimed ? { claimed } : {}) });
    deps.logger.warn({ who: whoKey(who) }, 'database unavailable; input kept for replay');
    return { ...say(ERROR_CODES.DB_UNAVAILABLE), kept: true };
  }

  async function receive(who: Who, input: ChatInput, ctx: CommandContext, known: Actor | null = null): Promise<Reply> {
    const key = whoKey(who);
    if (!limiter.allow(key)) return { ...say(ERROR_CODES.RATE_LIMITED), error: 'RATE_LIMITED' };
    if (pending.hasFor(key)) return keep(who, input, ctx); // their earlier input is still waiting: keep the order
    const state: { claimed?: boolean } = {};
    try {
      const go = () => attempt(who, known, input, ctx, state);
      return await (input.form?.op === 'submit' ? submitting.run(go) : go());
    } catch (err) {
      // Claimed before the database went away: the replay must not take its own claim for a redelivery.
      if (isDatabaseUnavailable(err) || (isAppError(err) && err.code === 'DB_UNAVAILABLE')) return keep(who, input, ctx, state.claimed);
      if (isAppError(err)) return { ...say(err.userMessage), error: err.code };
      const ref = errorReference();
      deps.logger.error({ err, ref, who: key }, 'error handling input');
      return say(genericErrorMessage(ref));
    }
  }

  /** Replays one kept input; its reply goes to its person through the notifier. */
  async function replayOne(item: PendingInput, notifier: Notifier): Promise<ReplayOutcome> {
    let actor: Actor | null = null;
    let reply: Reply;
    try {
      actor = await identify(item.who);
      if (!actor) {
        deps.logger.warn({ who: whoKey(item.who) }, 'kept input from someone no longer on the roster; moved to the dead-letter file');
        return 'dead';
      }
      reply = await attempt(item.who, actor, item.input, item.ctx, { claimed: item.claimed });
    } catch (err) {
      if (isDatabaseUnavailable(err) || (isAppError(err) && err.code === 'DB_UNAVAILABLE')) return 'unreachable';
      const ref = errorReference();
      const text = isAppError(err) ? err.userMessage : genericErrorMessage(ref);
      deps.logger.warn({ err, ref, who: whoKey(item.who) }, 'kept input failed on replay; moved to the dead-letter file');
      if (actor) await tell(notifier, actor, [{ text: `I could not save what you sent while the database was unavailable: ${text}` }]);
      return 'dead';
    }
    if (!reply.duplicate) await tell(notifier, actor, [{ text: KEPT }, ...reply.messages]);
    return 'done';
  }

  /** The answer to a replayed input, to its person on their platform; what is saved stays saved if this fails. */
  async function tell(notifier: Notifier, actor: Actor, messages: Reply['messages']): Promise<void> {
    try {
      const person = await deps.store.people.get(actor.personId);
      const to: Recipient = { kind: 'person', personId: actor.personId, ...(person?.slackId ? { slackId: person.slackId } : {}), ...(person?.teamsId ? { teamsId: person.teamsId } : {}) };
      for (const m of messages) await notifier.send(to, m);
    } catch (err) {
      deps.logger.warn({ err, personId: actor.personId }, 'could not deliver the answer to a replayed input');
    }
  }

  return {
    engine,
    commands,
    actions,
    pending,

    /** Adds a feature's commands and actions (called by the core, once per module). */
    install(module: Pick<FeatureModule, 'id' | 'commands' | 'actions' | 'files'>): void {
      for (const spec of module.commands ?? []) commands.register(spec);
      for (const [id, handler] of Object.entries(module.actions ?? {})) actions.register(id, handler);
      if (module.files) {
        if (files) throw new Error(`files taken twice (${module.id})`);
        files = module.files;
      }
    },

    /**
     * Before a surface downloads a file someone sent: the reply that refuses it (not on the roster,
     * not allowed to send files), or null to go ahead and `receive` it as `{ file }`.
     */
    async uploadRefusal(who: Who): Promise<Reply | null> {
      const actor = await identify(who);
      if (!actor) return { messages: [{ text: ERROR_CODES.NOT_REGISTERED }], unregistered: true };
      return files ? files.refusal(actor) : say('I cannot take files. Type *help* to see what I can do.');
    },

    /** Who is this? `null` for people not on the roster: nothing is stored for them. */
    identify,

    /** Everything a person sends, from any surface, named as that surface knows them. */
    receive: (who: Who, input: ChatInput, ctx: CommandContext) => receive(who, input, ctx),

    /** The same, for someone the caller has already identified. */
    handle: (actor: Actor, input: ChatInput, ctx: CommandContext) => receive({ personId: actor.personId }, input, ctx, actor),

    /**
     * The problems of a whole form that can be found without the database, for surfaces that must
     * answer before storing (a Slack modal within its 3 s): `{}` when none, null when it cannot tell
     * (the person not seen lately, an unknown form, organisations not read lately). The submission
     * itself (`receive` with `form.op = 'submit'`) checks everything again, with the database.
     */
    precheckForm(who: Who, formId: string, values: FormValues): FieldErrors | null {
      const seen = lately.get(whoKey(who));
      const form = getForm(formId);
      if (!seen || deps.clock.now().getTime() - seen.at > LATELY_MS || !form || !form.allowed(seen.actor)) return null;
      if (!limiter.wouldAllow(whoKey(who)) || pending.hasFor(whoKey(who))) return null; // the submission will be refused or kept: say so before the ack
      const ctx = engine.offlineParseContext(seen.actor, form);
      return ctx ? precheckWholeForm(form, seen.actor, values, ctx) : null;
    },

    /** Replays inputs kept while the database was down; each reply goes to its person. */
    async replayPending(notifier: Notifier): Promise<{ done: number; dead: number }> {
      return pending.drain((item) => replayOne(item, notifier));
    },
  };
}
export type Conversation = ReturnType<typeof createConversation>;
