import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { isAppError } from '../../../src/errors';
import { designateKosovo, KOSOVO_FOOTNOTE, mentionsKosovo } from '../../../src/domain/kosovo';
import { exemptionText, parseExemption } from '../../../src/reminders/exemptions';
import { parseArgs, type CliCommand } from '../cli-context';

/**
 * `wbbsi exempt <organisation> <quarter> [<last quarter>] --reason "…"` and `… --undo`: the
 * Secretariat's exemptions from the command line, the same rules and wording as in chat.
 */
export const exemptCommand: CliCommand = {
  name: 'exempt',
  summary: 'exempt an organisation from reporting for a quarter or a range (with the reason), or undo it',
  usage: 'wbbsi exempt <organisation> <quarter> [<last quarter>] --reason "…" | wbbsi exempt <organisation> <quarter> [<last quarter>] --undo',
  async run(args, { core, out, err }) {
    const { positional, flags } = parseArgs(args);
    const undo = flags.undo === true;
    const reason = typeof flags.reason === 'string' ? flags.reason : undefined;
    const req = parseExemption(positional);
    if ('error' in req || (!undo && !reason)) {
      err(`Usage: ${exemptCommand.usage}`);
      return 2;
    }
    try {
      const ex = core.reminders.exemptions;
      const outcome = undo ? await ex.unexempt(SYSTEM_ACTOR, req) : await ex.exempt(SYSTEM_ACTOR, { ...req, reason });
      const text = designateKosovo(exemptionText(outcome, undo, reason));
      out(text);
      if (mentionsKosovo(text)) out(`\n${KOSOVO_FOOTNOTE}`);
      return 0;
    } catch (e) {
      if (isAppError(e)) {
        err(e.userMessage.replace(/\*([^*\s][^*]*)\*/g, '$1'));
        return 1;
      }
      throw e;
    }
  },
};
