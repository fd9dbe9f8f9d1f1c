import type { Actor } from '../domain/actor';
import { formsFor } from '../forms/registry';
import type { BotMessage, Button } from '../messages/bot-message';
import { mayRun, type CommandRegistry, type CommandSpec } from './command-registry';
import { say, type Reply } from './reply';

/** Runs a command named on a help button ("status", "meeting list"), as if typed. */
export const HELP_RUN = 'help.run';
/** The full list of commands this person may use. */
export const HELP_MORE = 'help.more';

/** `help`: the conversation's own command. Short and role-aware; `help more` (or "More") lists everything. */
export function helpCommand(registry: CommandRegistry): CommandSpec {
  return {
    name: 'help',
    aliases: ['hi', 'hello', 'start', '?'],
    summary: 'what I can do for you',
    usage: 'help',
    run: async (actor, args) => say(args[0]?.toLowerCase() === 'more' ? fullHelp(actor, registry) : shortHelp(actor)),
  };
}

const run = (label: string, command: string): Button => ({ label, action: HELP_RUN, value: command });

const ADD_LABEL: Record<string, string> = { need: 'Add a need', response: 'Add a response', update: 'Add an update' };

/** The button that opens a reporting form, worded the same wherever it is offered (help, mine, Home). */
export const addFormButton = (formId: string): Button => ({ label: ADD_LABEL[formId] ?? `Add ${formId}`, action: 'form.start', value: formId });

/** The two or three things this person most likely came for, as buttons. */
export function likelyActions(actor: Actor): Button[] {
  if (actor.role === 'secretariat' || actor.role === 'board') return [run('Status this quarter', 'status'), run('Reports', 'report'), run('Meetings', 'meeting list')];
  if (actor.role === 'observer') return [run('Meetings', 'meeting list'), run('Products', 'products'), run('My organisation', 'mine')];
  const forms = formsFor(actor)
    .filter((f) => ['need', 'response', 'update'].includes(f.id))
    .sort((a, b) => (a.id === 'update' ? 1 : 0) - (b.id === 'update' ? 1 : 0))
    .map((f) => addFormButton(f.id));
  return [...forms.slice(0, 2), run('Nothing new this quarter', 'nothing new')];
}

const more: Button = { label: 'More', action: HELP_MORE, value: 'more' };

export function shortHelp(actor: Actor): BotMessage {
  return {
    text: `Hello ${actor.name.split(' ')[0]}. I collect the WBBSi Support Group's quarterly information for the IISG Secretariat. What would you like to do?`,
    buttons: [...likelyActions(actor), more],
  };
}

/** Every command this person may use, one line each (commands for other roles are left out). */
export function fullHelp(actor: Actor, registry: CommandRegistry): BotMessage {
  const lines = registry
    .all()
    .filter((s) => s.name !== 'help' && mayRun(actor, s))
    .map((s) => (s.helpLine ? s.helpLine(actor) : `• *${s.usage}* — ${s.summary}`))
    .filter((l): l is string => Boolean(l));
  return {
    text: `*What you can type:*\n${lines.join('\n')}\nIn a form, type *help* at any question to see your options.`,
    buttons: likelyActions(actor),
  };
}

/** Anything not understood: one line, and the same buttons as `help`. */
export function unknownTextReply(actor: Actor, typed: string): Reply {
  return say({ text: `Sorry, I did not understand "${typed.trim().slice(0, 60)}". Here is what I can do for you:`, buttons: [...likelyActions(actor), more] });
}
