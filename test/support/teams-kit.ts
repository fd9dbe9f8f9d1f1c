import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BotConnectorStandin, ConnectorCall } from './bot-connector-standin';

export type Json = Record<string, unknown>;
export type TeamsFixture =
  | 'personal-message'
  | 'channel-mention-message'
  | 'card-submit'
  | 'card-execute-invoke'
  | 'conversation-update-team-added'
  | 'conversation-update-personal-install';

export const BOT_ID = '28:6f1c2a3b-aad0-4c5d-9e8f-0123456789ab';
export const TEAM_CHANNEL = '19:7b3c9d1e2f4a4b6c8d0e1f2a3b4c5d6e@thread.tacv2';

let seq = 0;
/** A fresh copy of a recorded Teams activity (test/fixtures/teams). */
export function fixture(name: TeamsFixture): Json {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8')) as Json;
}

export const personalConversation = (aad: string) => `a:1personal-${aad}`;

/** One person in Teams: their AAD object id and their personal chat with the bot. */
export interface TeamsPerson {
  aad: string;
  name: string;
}

/** Signs activities as the Bot Framework does (TeamsAuthStandin); absent in local mode. */
export interface ChannelSigner {
  channelAuthorization(serviceUrl: string): string;
}

/**
 * Posts activities to the app's /api/messages with serviceUrl = the stand-in, each with the
 * Bot Framework's token when `signer` is given (authentication on), and reads what came back.
 */
export class TeamsKit {
  constructor(
    readonly appUrl: string,
    readonly standin: BotConnectorStandin,
    readonly signer?: ChannelSigner,
  ) {}

  /** A fixture addressed to the stand-in, from this person, with a fresh activity id. */
  activity(name: TeamsFixture, who: TeamsPerson | null, patch: Json = {}): Json {
    const a = fixture(name);
    a.serviceUrl = this.standin.url;
    a.id = `${Date.now()}${String(++seq).padStart(4, '0')}`;
    const from = a.from as Json;
    if (who) {
      from.aadObjectId = who.aad;
      from.name = who.name;
      from.id = `29:1user-${who.aad}`;
    } else delete from.aadObjectId;
    const conversation = a.conversation as Json;
    if (conversation.conversationType === 'personal' && who) conversation.id = personalConversation(who.aad);
    return { ...a, ...patch };
  }

  async post(body: Json | string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; calls: ConnectorCall[] }> {
    const before = this.standin.calls.length;
    const signed: Record<string, string> = this.signer && typeof body !== 'string' && typeof body.serviceUrl === 'string' ? { authorization: this.signer.channelAuthorization(body.serviceUrl) } : {};
    const res = await fetch(`${this.appUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    // Calls made while answering this activity carry its id as replyToId (concurrent posts stay apart).
    const id = typeof body === 'string' ? undefined : body.id;
    const calls = this.standin.calls.slice(before).filter((c) => id === undefined || c.body.replyToId === id);
    return { status: res.status, text: await res.text(), calls };
  }

  /** Types text in the person's personal chat; resolves with the calls the bot made while answering. */
  async say(who: TeamsPerson, text: string): Promise<ConnectorCall[]> {
    const r = await this.post(this.activity('personal-message', who, { text }));
    if (r.status !== 200) throw new Error(`POST /api/messages answered ${r.status}: ${r.text}`);
    return r.calls;
  }

  /** Clicks a button of a card the bot sent (inputs are merged into the data, as Teams does). */
  async click(who: TeamsPerson, card: ConnectorCall, title: string | RegExp, inputs: Json = {}): Promise<ConnectorCall[]> {
    const action = actionsOf(card).find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
    if (!action) throw new Error(`no button ${title}; have: ${actionsOf(card).map((x) => x.title).join(', ')}`);
    const replyToId = card.kind === 'update' ? card.activityId : card.id;
    const submit = this.activity('card-submit', who, { value: { ...action.data, ...inputs }, replyToId });
    if (card.conversationId) (submit.conversation as Json).id = card.conversationId; // clicked where the card is
    const r = await this.post(submit);
    if (r.status !== 200) throw new Error(`POST /api/messages answered ${r.status}: ${r.text}`);
    return r.calls;
  }
}

/** The Adaptive Card a call carried (first attachment). */
export function cardOf(call: ConnectorCall): Json {
  const attachments = call.body.attachments as { contentType: string; content: Json }[] | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in ${call.method} ${call.path}`);
  return card.content;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    // An action's data is what the bot gets back, not what the person reads.
    for (const [k, v] of Object.entries(node as Json)) if (k !== 'data' && typeof v === 'object') walk(v, visit);
  }
}

/** Every text a person would read on the card(s) of these calls. */
export function textOf(calls: ConnectorCall | ConnectorCall[]): string {
  const out: string[] = [];
  for (const call of Array.isArray(calls) ? calls : [calls]) {
    walk(cardOf(call), (n) => {
      for (const k of ['text', 'title', 'label', 'value', 'placeholder']) if (typeof n[k] === 'string' && n.type !== 'Action.Submit') out.push(n[k] as string);
      if (n.type === 'Action.Submit' || n.type === 'Action.OpenUrl') out.push(`[${String(n.title)}]`);
    });
  }
  return out.join('\n');
}

export function actionsOf(call: ConnectorCall): { title: string; data: Json; url?: string }[] {
  const out: { title: string; data: Json; url?: string }[] = [];
  walk(cardOf(call), (n) => {
    if (n.type === 'Action.Submit' || n.type === 'Action.OpenUrl') out.push({ title: String(n.title), data: (n.data as Json) ?? {}, ...(typeof n.url === 'string' ? { url: n.url } : {}) });
  });
  return out;
}

export function inputsOf(call: ConnectorCall): Json[] {
  const out: Json[] = [];
  walk(cardOf(call), (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
  });
  return out;
}
