import { writeFileSync } from 'node:fs';
import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { isAppError } from '../../../src/errors';
import { finalizeMessage } from '../../../src/messages/finalize';
import { meetingListMessage } from '../../../src/meetings/meeting-list';
import { parseArgs, type CliCommand } from '../cli-context';

/**
 * `wbbsi meeting list` and `wbbsi meeting export <id> [--out FILE]`: the meetings and one
 * meeting's summary as Markdown for the minutes (to stdout, or to FILE).
 */
export const meetingCommand: CliCommand = {
  name: 'meeting',
  summary: 'list the meetings, or export one meeting’s summary as Markdown for the minutes',
  usage: 'wbbsi meeting list | wbbsi meeting export <id> [--out FILE]',
  async run(args, { core, out, err }) {
    const { positional, flags } = parseArgs(args);
    const [sub, id] = positional;
    try {
      if (sub === 'list') {
        const m = finalizeMessage(await meetingListMessage(core.store, SYSTEM_ACTOR, { now: core.clock.now(), timezone: core.config.timezone, settings: core.meetings.settings }));
        out(m.text);
        if (m.footnote) out(`\n${m.footnote}`);
        return 0;
      }
      if (sub === 'export' && id && flags.out !== true) {
        const file = await core.meetings.exportMarkdown(SYSTEM_ACTOR, id);
        if (typeof flags.out === 'string') {
          writeFileSync(flags.out, file.content);
          out(`Wrote ${flags.out}.`);
        } else out(file.content.toString('utf8').trimEnd());
        return 0;
      }
    } catch (e) {
      if (isAppError(e)) {
        err(e.userMessage.replace(/\*([^*\s][^*]*)\*/g, '$1')); // no chat bold in a terminal
        return 1;
      }
      throw e;
    }
    err(`Usage: ${meetingCommand.usage}`);
    return 2;
  },
};
