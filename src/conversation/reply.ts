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
}

export const say = (...messages: (BotMessage | string)[]): Reply => ({
  messages: messages.map((m) => (typeof m === 'string' ? { text: m } : m)),
});

export interface ChatInput {
  text?: string;
  action?: { id: string; value?: string };
}

/** How the person is talking to us: step by step in a chat, or a whole form (modal, card). */
export type Mode = 'chat' | 'form';
