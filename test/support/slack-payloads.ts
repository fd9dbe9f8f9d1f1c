import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintTrigger } from './slack-triggers';

/**
 * Payloads shaped like Slack's own, built from the real-looking fixtures in test/fixtures/slack and
 * from what the bot actually posted (the blocks recorded by the stand-in), so a test clicks the
 * buttons and fills the inputs the bot rendered.
 */
type Json = Record<string, unknown>;
interface Element {
  type: string;
  action_id?: string;
  text?: { text: string };
  value?: string;
  options?: { text: { text: string }; value: string }[];
  initial_value?: string;
  initial_option?: { text: { text: string }; value: string };
  initial_options?: { text: { text: string }; value: string }[];
  initial_date?: string;
}
interface Block {
  type: string;
  block_id?: string;
  elements?: Element[];
  element?: Element;
  accessory?: Element;
}

const fixture = (name: string): Json => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'slack', `${name}.json`), 'utf8')) as Json;
let seq = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(seq += 1)}`;
const actionTs = () => `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;

export const TEAM = 'T0WBBSI01';

export function slashCommand(o: { user: string; text: string; responseUrl: string; channel?: string }): Record<string, string> {
  const f = fixture('slash-command') as Record<string, string>;
  return { ...f, user_id: o.user, user_name: o.user.toLowerCase(), text: o.text, response_url: o.responseUrl, channel_id: o.channel ?? f.channel_id!, trigger_id: mintTrigger() };
}

function envelope(name: string, event: Json, eventId?: string): Json {
  const f = fixture(name);
  return { ...f, event: { ...(f.event as Json), ...event }, event_id: eventId ?? unique('Ev'), event_time: Math.floor(Date.now() / 1000) };
}

export const messageIm = (o: { user: string; text: string; channel: string; eventId?: string }) => {
  const ts = actionTs();
  return envelope('event-message-im', { user: o.user, text: o.text, channel: o.channel, ts, event_ts: ts, client_msg_id: unique('msg-') }, o.eventId);
};
export const appHomeOpened = (o: { user: string; channel?: string; tab?: 'home' | 'messages'; eventId?: string }) =>
  envelope('event-app-home-opened', { user: o.user, channel: o.channel ?? `D${o.user.slice(1)}`, tab: o.tab ?? 'home', event_ts: actionTs() }, o.eventId);
export const appMention = (o: { user: string; text: string; channel?: string; eventId?: string }) =>
  envelope('event-app-mention', { user: o.user, text: `<@U0WBBSIBOT> ${o.text}`, ...(o.channel ? { channel: o.channel } : {}) }, o.eventId);

/** Slack gives every block an id; blocks posted without one get a random id. */
export function withBlockIds(blocks: unknown): Block[] {
  return ((blocks as Block[]) ?? []).map((b, i) => ({ ...b, block_id: b.block_id ?? `auto${i}` }));
}

/** Every interactive element of the blocks, with its block. */
function elementsOf(blocks: Block[]): { block: Block; el: Element }[] {
  return blocks.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].filter((el) => el.action_id).map((el) => ({ block, el })));
}

/** The labels of the buttons in these blocks (for assertions). */
export const buttonLabels = (blocks: unknown) => elementsOf(withBlockIds(blocks)).filter((x) => x.el.type === 'button').map((x) => x.el.text!.text);

export type Click =
  | { button: string | RegExp }
  /** Picks an option (by label) in the message's select menu. */
  | { select: string }
  /** Picks options (by label) in the multi-select, then presses "Done". */
  | { multi: string[] }
  | { date: string };

const optionByLabel = (el: Element, label: string) => {
  const o = el.options?.find((x) => x.text.text === label);
  if (!o) throw new Error(`no option "${label}"; have: ${el.options?.map((x) => x.text.text).join(', ')}`);
  return { text: { type: 'plain_text', text: o.text.text, emoji: true }, value: o.value };
};

/** The `actions[0]` and `state` Slack sends for a click on these blocks. */
function interaction(blocks: Block[], click: Click): { action: Json; state: Json } {
  const all = elementsOf(blocks);
  const state: Record<string, Record<string, Json>> = {};
  for (const { block, el } of all.filter((x) => x.el.type !== 'button')) {
    const empty = el.type === 'multi_static_select' ? { selected_options: [] } : el.type === 'datepicker' ? { selected_date: el.initial_date ?? null } : { selected_option: null };
    (state[block.block_id!] ??= {})[el.action_id!] = { type: el.type, ...empty };
  }
  const find = (pred: (el: Element) => boolean, what: string) => {
    const hit = all.find((x) => pred(x.el));
    if (!hit) throw new Error(`no ${what}; have: ${all.map((x) => `${x.el.type}:${x.el.text?.text ?? x.el.action_id}`).join(', ')}`);
    return hit;
  };
  const base = (block: Block, el: Element) => ({ type: el.type, block_id: block.block_id, action_id: el.action_id, action_ts: actionTs() });
  if ('button' in click) {
    const { block, el } = find((el) => el.type === 'button' && (typeof click.button === 'string' ? el.text?.text === click.button : click.button.test(el.text?.text ?? '')), `button ${click.button}`);
    return { action: { ...base(block, el), text: { type: 'plain_text', text: el.text!.text, emoji: true }, value: el.value }, state: { values: state } };
  }
  if ('select' in click) {
    const { block, el } = find((el) => el.type === 'static_select', 'select menu');
    const selected_option = optionByLabel(el, click.select);
    state[block.block_id!]![el.action_id!] = { type: el.type, selected_option };
    return { action: { ...base(block, el), selected_option, placeholder: { type: 'plain_text', text: 'Pick one', emoji: true } }, state: { values: state } };
  }
  if ('date' in click) {
    const { block, el } = find((el) => el.type === 'datepicker', 'date picker');
    state[block.block_id!]![el.action_id!] = { type: el.type, selected_date: click.date };
    return { action: { ...base(block, el), selected_date: click.date }, state: { values: state } };
  }
  const { block, el } = find((el) => el.type === 'multi_static_select', 'multi-select');
  state[block.block_id!]![el.action_id!] = { type: el.type, selected_options: click.multi.map((l) => optionByLabel(el, l)) };
  const done = find((e) => e.type === 'button' && e.text?.text === 'Done', 'Done button');
  return { action: { ...base(done.block, done.el), text: { type: 'plain_text', text: 'Done', emoji: true }, value: done.el.value }, state: { values: state } };
}

/** A click on a message the bot posted (recorded by the stand-in as chat.postMessage). */
export function clickOnMessage(o: { user: string; posted: Json; click: Click; responseUrl: string; ephemeral?: boolean; channel?: string }): Json {
  const f = fixture('block-actions-message');
  const blocks = withBlockIds(o.posted.blocks);
  const channel = o.channel ?? String(o.posted.channel);
  const ts = String(o.posted.ts ?? actionTs());
  const { action, state } = interaction(blocks, o.click);
  return {
    ...f,
    user: { ...(f.user as Json), id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase() },
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: Boolean(o.ephemeral) },
    channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'wbbsi-support-group' },
    message: { ...(f.message as Json), ts, text: o.posted.text, blocks },
    trigger_id: mintTrigger(),
    response_url: o.responseUrl,
    state,
    actions: [action],
  };
}

/** A click on the Home tab the bot published (views.publish). */
export function clickOnHome(o: { user: string; published: Json; click: Click }): Json {
  const f = fixture('block-actions-home');
  const blocks = withBlockIds(o.published.blocks);
  const { action, state } = interaction(blocks, o.click);
  return { ...f, user: { ...(f.user as Json), id: o.user }, view: { ...(f.view as Json), blocks, state }, trigger_id: mintTrigger(), actions: [action] };
}

/** What Slack puts in `view.state.values` for this modal, with `answers` (field → label(s) or text) typed in. */
export function modalState(view: Json, answers: Record<string, string | string[]>): Json {
  const values: Record<string, Record<string, Json>> = {};
  for (const b of withBlockIds(view.blocks).filter((x) => x.type === 'input' && x.element)) {
    const el = b.element!;
    const given = answers[b.block_id!];
    let v: Json;
    switch (el.type) {
      case 'static_select':
        v = { selected_option: given !== undefined ? optionByLabel(el, String(given)) : (el.initial_option ?? null) };
        break;
      case 'multi_static_select':
        v = { selected_options: given !== undefined ? [given].flat().map((l) => optionByLabel(el, l)) : (el.initial_options ?? []) };
        break;
      case 'datepicker':
        v = { selected_date: given !== undefined ? String(given) : (el.initial_date ?? null) };
        break;
      case 'checkboxes':
        v = { selected_options: given === 'yes' ? el.options!.slice(0, 1) : (el.initial_options ?? []) };
        break;
      default:
        v = { value: given !== undefined ? String(given) : (el.initial_value ?? null) };
    }
    values[b.block_id!] = { [el.action_id!]: { type: el.type, ...v } };
  }
  return { values };
}

/** view_submission of a modal the bot opened (the `view` argument it sent to views.open). */
export function viewSubmission(o: { user: string; opened: Json; answers: Record<string, string | string[]>; viewId?: string }): Json {
  const f = fixture('view-submission');
  const view = { ...(f.view as Json), ...o.opened, id: o.viewId ?? 'V0MODAL001', blocks: withBlockIds(o.opened.blocks), state: modalState(o.opened, o.answers) };
  return { ...f, user: { ...(f.user as Json), id: o.user }, trigger_id: mintTrigger(), view };
}

export function viewClosed(o: { user: string; opened: Json; answers: Record<string, string | string[]>; viewId?: string }): Json {
  const f = fixture('view-closed');
  const view = { ...(f.view as Json), ...o.opened, id: o.viewId ?? 'V0MODAL001', blocks: withBlockIds(o.opened.blocks), state: modalState(o.opened, o.answers) };
  return { ...f, user: { ...(f.user as Json), id: o.user }, view };
}

/** All text of blocks (sections, fields, context), for assertions. */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Json;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(blocks);
  return out.join('\n');
}
