import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { matchChoice } from '../forms/parse-answer';
import { getForm } from '../forms/registry';
import type { Clock } from '../support/clock';
import type { CommandRegistry, RunContext } from './command-registry';
import type { FormEngine } from './form-engine';
import { say, type Reply } from './reply';
import { resumeMessage } from './views';

const CONTROL = /^(cancel|stop|quit|back|skip|help|\?|review|submit|edit|pause)$/i;
/** A draft untouched for this long is offered back ("continue or discard?") instead of taking the text as an answer. */
const STALE_DRAFT_MS = 60 * 60 * 1000;
/** Arguments a command typed mid-form may carry and still be a command: ids and quarters, nothing like prose. */
const ARGUMENT = /^([A-Z]{2}-\d{3,4}(-[A-Z]{2})?(-\d{3,5})?(\/\d+)?|\d{4}-Q[1-4]|\d{4}|status|updates|needs|responses|gaps|xlsx|csv|md)$/i;

/**
 * Typed text: an answer (or a control word) to the form the person is filling in step by step in
 * this chat, or else a command. Inside a form, a known command typed alone ("mine", "nothing new",
 * "edit NM-2026-RS-014") is not taken as an answer: the person is offered to pause the form and run
 * it. Text that merely contains a command word ("nothing new happened since May") is an answer.
 */
export function createTextRouter(deps: {
  clock: Clock;
  engine: FormEngine;
  commands: CommandRegistry;
  runCommand: (actor: Actor, text: string, ctx: RunContext) => Promise<Reply>;
}) {
  const { engine } = deps;

  /** The command this text is, when typed alone: its name or a multi-word alias, with id-like arguments only. */
  function commandTypedAlone(text: string): string | undefined {
    const found = deps.commands.match(text);
    if (!found) return undefined;
    const typed = text.trim().replace(/^\/?wbbsi\s+/i, '').replace(/\s+/g, ' ').toLowerCase();
    const said = [found.spec.name, ...(found.spec.aliases ?? [])].sort((a, b) => b.length - a.length).find((n) => typed === n || typed.startsWith(`${n} `));
    // Single-word aliases ("nothing", "list", "records") are everyday answers; only names and phrases count.
    if (!said || (said !== found.spec.name && !said.includes(' '))) return undefined;
    return found.args.every((a) => ARGUMENT.test(a)) ? typed : undefined;
  }

  /** A command word that is also one of the options of the question asked ("response" as a perspective) is an answer. */
  function isOption(draft: DraftDoc, text: string): boolean {
    const meta = draft.cursor ? getForm(draft.formId)?.fields[draft.cursor]?.meta : undefined;
    return Boolean(meta?.vocab && matchChoice(meta.vocab.pairs.map(([value, label]) => ({ value, label })), text));
  }

  function offerPause(draft: DraftDoc, command: string, text: string): Reply {
    const form = getForm(draft.formId)!;
    const field = draft.cursor && form.fields[draft.cursor] ? draft.cursor : undefined;
    const where = field ? `answering *${form.fields[field]!.meta.label}* in ${form.describe(draft.answers)}` : `in ${form.describe(draft.answers)}`;
    return say({
      text: `You are ${where}. Did you mean the command *${command}*? I can pause the form (your answers are kept) and run it.`,
      buttons: [
        { label: `Pause and run "${command}"`.slice(0, 70), action: 'draft.pause-run', value: `${draft._id}|${command}`, style: 'primary' },
        ...(field && text.length < 1500 ? [{ label: 'No, it is my answer', action: 'form.answer', value: `${draft._id}|${field}|${text.trim()}` }] : []),
      ],
    });
  }

  return {
    async route(actor: Actor, text: string, ctx: RunContext): Promise<Reply> {
      const draft = ctx.asCommand ? undefined : await engine.activeChatDraft(actor);
      if (!draft) return deps.runCommand(actor, text, ctx);
      const word = text.trim().toLowerCase();
      const command = CONTROL.test(word) || isOption(draft, text) ? undefined : commandTypedAlone(text);
      if (command) return offerPause(draft, command, text);
      const stale = deps.clock.now().getTime() - new Date(draft.updatedAt).getTime() > STALE_DRAFT_MS;
      if (stale && !CONTROL.test(word)) {
        await engine.touch(actor, draft); // the next text is an answer again
        return say(resumeMessage(getForm(draft.formId)!, draft));
      }
      if (/^(cancel|stop|quit)$/.test(word)) return engine.discard(actor, draft._id);
      if (word === 'pause') return say(await engine.pause(actor, draft));
      if (word === 'back') return engine.back(actor, draft);
      if (word === 'skip') return engine.skip(actor, draft);
      if (word === 'help' || word === '?') return engine.help(actor, draft);
      if (word === 'review') return engine.review(actor, draft);
      if (word === 'edit') return engine.editPicker(actor, draft);
      if (word === 'submit' && draft.cursor === 'review') return engine.submit(actor, draft, 'chat');
      if (draft.cursor === 'review') return say('You are at the review. Type *submit* to save, *edit* to change an answer, or *cancel*.');
      if (draft.cursor === '__edit') return engine.editField(actor, draft, text);
      return engine.answer(actor, draft, text);
    },

    /** "Pause and run": the draft is kept, the command runs, and the reply says how to come back. */
    async pauseAndRun(actor: Actor, value: string, ctx: RunContext): Promise<Reply> {
      const [draftId, ...rest] = value.split('|');
      const command = rest.join('|');
      // Only the form still being answered here is paused (an old offer finds it done or paused already).
      const active = await engine.activeChatDraft(actor);
      const note = active && active._id === draftId ? await engine.pause(actor, active) : undefined;
      const reply = await deps.runCommand(actor, command, { ...ctx, mode: 'chat' });
      return {
        ...reply,
        messages: [...(note ? [note] : []), ...reply.messages],
        answered: { text: note ? `✓ Paused the form to run *${command}*.` : `✓ Ran *${command}*.` },
      };
    },
  };
}
