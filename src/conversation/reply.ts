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
  files?: BotFile[];
  later?: () => Promise<Reply>;
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

export interface ChatInput {
  text?: string;
  action?: { id: string; value?: string };
}

/** How the person is talking to us: step by step in a chat, or a whole form (modal, card). */
export type Mode = 'chat' | 'form';
