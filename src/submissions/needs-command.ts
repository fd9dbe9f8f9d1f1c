import type { CommandSpec } from '../conversation/command-registry';
import { needLine, searchNeeds, visibleNeeds } from '../conversation/need-choices';
import { say } from '../conversation/reply';
import type { Store } from '../db/store';

/** At most this many needs in one chat message; more asks the person to narrow the search. */
const SHOWN = 20;

/**
 * `needs [country] [theme] [words]`: the needs this person may see (adopted needs of every partner,
 * and their own organisation's), so donors can find the needs their assistance answers.
 */
export function needsCommand(store: Store): CommandSpec {
  return {
    name: 'needs',
    summary: 'look up needs, e.g. needs Serbia border surveillance',
    usage: 'needs [country] [theme]',
    run: async (actor, args) => {
      const words = args.join(' ').trim();
      const found = searchNeeds(await visibleNeeds(store, actor), words);
      if (!found.length) {
        return say(
          words
            ? `No need you can see matches "${words.slice(0, 60)}". Try a country or a theme, or type *needs* for all of them.`
            : 'There are no needs you can see yet. Needs of other partners appear here once the IISG Board adopts them.',
        );
      }
      const lines = found.slice(0, SHOWN).map((r) => `• ${needLine(r)}`);
      const title = `*Needs you can see*${words ? ` matching "${words.slice(0, 60)}"` : ''}: ${found.length}${found.length > SHOWN ? `, the first ${SHOWN} below` : ''}.`;
      const narrow = found.length > SHOWN ? ['Add a country or a theme to narrow it down, e.g. *needs Serbia border surveillance*.'] : [];
      return say({ text: [title, ...lines, ...narrow].join('\n') });
    },
  };
}
