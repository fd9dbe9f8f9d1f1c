import type { Actor } from '../domain/actor';
import type { Audience, Mode, Reply } from './reply';

export interface CommandContext {
  /**
   * How a form started here should open: a chat conversation or a whole form; 'auto' = a whole form,
   * unless the person is answering one step by step in this chat.
   */
  mode: Mode | 'auto';
  platform: 'slack' | 'teams' | 'console' | 'cli';
  /** Where the command was typed (for "post the summary here"). */
  channel?: { platform: 'slack' | 'teams'; id: string };
  /** The text is a command (e.g. a Slack slash command), never an answer to an open chat draft. */
  asCommand?: boolean;
  /** The platform's id of this delivery (event id, activity id): a redelivery is handled once. */
  deliveryId?: string;
  /**
   * Called once the sender is known to be on the roster and the delivery is new, before the input is
   * handled (Teams remembers where they wrote from, so a reply posted to that channel can be sent).
   */
  onIdentified?: (actor: Actor) => Promise<void>;
}

/** What a command or an action runs with: the context, with the form mode decided. */
export type RunContext = Omit<CommandContext, 'mode'> & { mode: Mode };

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** Who may run it; checked by the router before `run`, with a polite refusal. */
  access?: 'everyone' | 'members' | 'secretariat' | 'secretariat-or-board';
  summary: string;
  usage: string;
  /** Typed in a shared channel, its answer goes to the person alone unless this says `group` (see Reply.audience). */
  audience?: Audience;
  /**
   * The line `help more` shows this person (undefined: not listed for them), when it differs by
   * role: a donor is not offered `need`, a member sees `report status` only. Default: usage — summary.
   */
  helpLine?(actor: Actor): string | undefined;
  /** Listed in help only for people who may run it. */
  run(actor: Actor, args: string[], ctx: RunContext): Promise<Reply>;
}

/** Commands by name; features add theirs (reports, meetings, products) with `register`. */
export class CommandRegistry {
  private readonly specs: CommandSpec[] = [];

  register(spec: CommandSpec): void {
    // The spec declares its audience once; every reply it gives carries it, wherever it is shown.
    const run: CommandSpec['run'] = async (...args) => ({ ...(await spec.run(...args)), audience: 'group' });
    this.specs.push(spec.audience === 'group' ? { ...spec, run } : spec);
  }

  all(): CommandSpec[] {
    return [...this.specs];
  }

  /** Longest alias first, so "nothing new" wins over "nothing". */
  match(text: string): { spec: CommandSpec; args: string[] } | undefined {
    const t = text.trim().replace(/^\/?wbbsi\s+/i, '').replace(/\s+/g, ' ');
    const lower = t.toLowerCase();
    const candidates = this.specs.flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => ({ n, s }))).sort((a, b) => b.n.length - a.n.length);
    for (const { n, s } of candidates) {
      if (lower === n || lower.startsWith(`${n} `)) {
        const rest = t.slice(n.length).trim();
        return { spec: s, args: rest ? rest.split(' ') : [] };
      }
    }
    return undefined;
  }
}

export function mayRun(actor: Actor, spec: CommandSpec): boolean {
  switch (spec.access ?? 'everyone') {
    case 'secretariat':
      return actor.role === 'secretariat';
    case 'secretariat-or-board':
      return actor.role === 'secretariat' || actor.role === 'board';
    case 'members':
      return actor.role === 'member' || actor.role === 'secretariat';
    default:
      return true;
  }
}
