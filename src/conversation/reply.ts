import { isAppError, type ErrorCode } from '../errors';
import type { BotFile, BotMessage } from '../messages/bot-message';
import type { FormView } from '../messages/form-view';

/**
 * What the core answers to one input. Adapters show `messages` where the person typed, may open
 * `form` as a modal/card, attach `files`, and run `later` after acknowledging (slow reports), then
 * show its reply too.
 */
export interface Reply {
  messages: BotMessage[];
  form?: FormView;
  /** With `form`: the problems by field, for platforms that show them inline (Slack's errors response). */
  formErrors?: Record<string, string>;
  /**
   * With `form`: some values differ from what was typed (a classification marking taken out), so a
   * platform that keeps the typed values on screen (a Slack modal) must show the form again.
   */
  formChanged?: true;
  files?: BotFile[];
  /**
   * For a click: what the clicked message now says, shown in its place with its buttons gone
   * ("✓ Type of need: Operational"), so an answered question cannot be clicked again. Slack
   * updates the message, Teams the card, the console the message on the page; a surface that
   * cannot edit it shows nothing more.
   */
  answered?: BotMessage;
  later?: () => Promise<Reply>;
  /** The roster person this reply answers (set by the conversation once it knows them). */
  personId?: string;
  /** The sender is not on the roster: nothing was stored, `messages` says whom to ask. */
  unregistered?: true;
  /** A redelivery of an input already handled (same delivery id): nothing to show. */
  duplicate?: true;
  /** An expected refusal (not found, forbidden…): `messages` says why; surfaces with status codes use it. */
  error?: ErrorCode;
  /** The database was unreachable: the input is kept and will be saved; `messages` says so. */
  kept?: true;
  /**
   * Who may see it when the input came from a shared channel or group chat: `group` only for what is
   * meant for everyone there (meeting posts, product decisions); anything else (records, drafts,
   * forms, reports, errors) goes to the person alone. Unset means private.
   */
  audience?: Audience;
}

export type Audience = 'private' | 'group';

export const say = (...messages: (BotMessage | string)[]): Reply => ({
  messages: messages.map((m) => (typeof m === 'string' ? { text: m } : m)),
});

/**
 * A command's work with its expected refusals (not found, not yours, bad input) answered as their
 * sentence. "Database unreachable" is thrown on, so the conversation keeps the input for replay.
 */
export async function politely(fn: () => Promise<Reply>): Promise<Reply> {
  try {
    return await fn();
  } catch (err) {
    if (isAppError(err) && err.code !== 'DB_UNAVAILABLE') return say(err.userMessage);
    throw err;
  }
}

/** Raw values of a whole form as the platform sent them, by field name. */
export type FormValues = Record<string, string | string[] | undefined>;

export interface ChatInput {
  text?: string;
  action?: { id: string; value?: string };
  /** A file sent to the bot (a spreadsheet): handled by the feature that takes files. */
  file?: { name: string; content: Buffer; hint?: string };
  /** A whole form (modal, card, console page) submitted, or closed with its values kept as a draft. */
  form?: { op: 'submit' | 'close'; draftId: string; values: FormValues };
}

/** How the person is talking to us: step by step in a chat, or a whole form (modal, card). */
export type Mode = 'chat' | 'form';
