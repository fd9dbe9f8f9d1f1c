import type { BotMessage } from '../../../src/messages/bot-message';
import { combinedBlocks } from './blocks';
import { clip, LIMITS } from './limits';
import { toMrkdwn } from './mrkdwn';
import type { HomeView, KnownBlock } from './slack-types';

export interface HomeContent {
  title: string;
  /** Who is looking: name, organisation, role. */
  subtitle?: string;
  /** Status, records, drafts and the buttons to act (the core's `mine` answer). */
  messages: BotMessage[];
}

/** The App Home tab. Buttons on it open modals (a click there comes with a trigger_id). */
export function homeView(content: HomeContent): HomeView {
  const head: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(content.title, LIMITS.headerText), emoji: true } }];
  if (content.subtitle) head.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(toMrkdwn(content.subtitle), LIMITS.contextText) }] });
  const tail: KnownBlock[] = [
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Type `/wbbsi help` anywhere, or write to me in the *Messages* tab: I will ask you step by step.' }] },
  ];
  const body = combinedBlocks(content.messages, LIMITS.blocksPerView - head.length - tail.length);
  return { type: 'home', blocks: [...head, ...body, ...tail] };
}
