import type { Actor } from '../domain/actor';
import { getForm } from '../forms/registry';
import type { Clock } from '../support/clock';
import type { RunContext } from './command-registry';
import type { FormEngine } from './form-engine';
import { say, type Reply } from './reply';
import { resumeMessage } from './views';

const CONTROL = /^(cancel|stop|quit|back|skip|help|\?|review|submit|edit)$/i;
/** A draft untouched for this long is offered back ("continue or discard?") instead of taking the text as an answer. */
const STALE_DRAFT_MS = 60 * 60 * 1000;

/**
 * Typed text: an answer (or a control word) to the form the person is filling in step by step in
 * this chat, or else a command.
 */
export function createTextRouter(deps: {
  clock: Clock;
  engine: FormEngine;
  runCommand: (actor: Actor, text: string, ctx: RunContext) => Promise<Reply>;
}) {
  const { engine } = deps;
  return {
    async route(actor: Actor, text: string, ctx: RunContext): Promise<Reply> {
      const draft = ctx.asCommand ? undefined : await engine.activeChatDraft(actor);
      if (!draft) return deps.runCommand(actor, text, ctx);
      const word = text.trim().toLowerCase();
      const stale = deps.clock.now().getTime() - new Date(draft.updatedAt).getTime() > STALE_DRAFT_MS;
      if (stale && !CONTROL.test(word)) {
        await engine.touch(actor, draft); // the next text is an answer again
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
    },
  };
}
