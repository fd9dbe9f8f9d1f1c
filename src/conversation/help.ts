import type { Actor } from '../domain/actor';
import { formsFor } from '../forms/registry';
import type { BotMessage, Button } from '../messages/bot-message';
import { mayRun, type CommandRegistry, type CommandSpec } from './command-registry';
import { say, type Reply } from './reply';

/** `help`: the conversation's own command, listing what this person may run from every module. */
export function helpCommand(registry: CommandRegistry): CommandSpec {
  return {
    name: 'help',
    aliases: ['hi', 'hello', 'start', '?'],
    summary: 'what I can do for you',
    usage: 'help',
    run: async (actor) => say(helpMessage(actor, registry)),
  };
}

export function helpMessage(actor: Actor, registry: CommandRegistry): BotMessage {
  const lines = registry
    .all()
    .filter((s) => s.name !== 'help' && mayRun(actor, s))
    .map((s) => `• *${s.usage}* — ${s.summary}`);
  const offers: Button[] = formsFor(actor)
    .filter((f) => ['update', 'need', 'response'].includes(f.id))
    .map((f) => ({ label: `Add ${f.title.toLowerCase()}`, action: 'form.start', value: f.id }));
  return {
    text: `Hello ${actor.name.split(' ')[0]}. I collect the WBBSi Support Group's quarterly information for the IISG Secretariat. You can type:\n${lines.join('\n')}\nIn a form, type *back*, *skip*, *review*, *help* or *cancel* at any time.`,
    buttons: offers,
  };
}

export function unknownTextReply(actor: Actor, typed: string, registry: CommandRegistry): Reply {
  const m = helpMessage(actor, registry);
  return say({ ...m, text: `I did not recognise "${typed.trim().slice(0, 60)}". ${m.text}` });
}
