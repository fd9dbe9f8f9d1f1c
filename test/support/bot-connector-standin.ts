import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector service. */
export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'create';
  method: string;
  path: string;
  conversationId?: string;
  /** replyToId for 'reply', the updated activity's id for 'update'. */
  activityId?: string;
  body: Record<string, unknown>;
  /** What the stand-in answered (429 when told to throttle, 401/403/413 when it refused). */
  status: number;
  /** The Bot Connector's error code when it refused (e.g. MessageSizeTooBig, BotNotInConversationRoster). */
  error?: string;
  /** The Authorization header the bot sent. */
  authorization?: string;
  /** The id the stand-in gave the new activity or conversation. */
  id?: string;
  at: number;
}

interface Throttle {
  times: number;
  retryAfter?: string;
  match: (c: ConnectorCall) => boolean;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/**
 * "The bot message size limit is 100 KB … encoded as UTF-16 … If the bot message exceeds the size
 * limit, the bot receives a 413 status code (RequestEntityTooLarge), which contains the error code
 * MessageSizeTooBig" (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages;
 * earlier versions of the page said 40 KB). The ~28 KB often quoted is the limit of incoming
 * webhooks and Graph chat messages, not of bot messages.
 */
export const MESSAGE_SIZE_LIMIT_BYTES = 100 * 1024;

/** Who may call the stand-in when authentication is on: `problem` says why a token is not the bot's. */
export interface ConnectorAuth {
  botTokenProblem(authorization: string | undefined): string | null;
}
/**
 * A local stand-in for the Bot Connector service (what Teams runs at `serviceUrl`): records every
 * activity the bot sends, replies, updates and every conversation it creates, answers `{ id }`, and
 * can be told to answer 429 with Retry-After. Activities posted to the bot carry `serviceUrl` = `url`.
 * It refuses as the service does: 401 without a valid token of the bot (when `auth` is given),
 * 413 MessageSizeTooBig over the size limit, 403 BotNotInConversationRoster in a conversation the
 * bot was removed from (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages,
 * "Status code responses").
 */
export class BotConnectorStandin {
  readonly calls: ConnectorCall[] = [];
  private readonly removedFrom = new Set<string>();
  private readonly events = new EventEmitter();
  private readonly throttles: Throttle[] = [];
  private holds = 0;
  private readonly held: (() => void)[] = [];
  private server?: Server;
  private seq = 0;
  url = '';

  constructor(private readonly opts: { auth?: ConnectorAuth } = {}) {}

  /** The bot was removed from this conversation (or the app uninstalled there): sends to it get 403. */
  removeBotFrom(conversationId: string): void {
    this.removedFrom.add(conversationId);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` matching calls get 429 (with `Retry-After: retryAfter` when given). */
  throttle(times: number, retryAfter?: string, match: (c: ConnectorCall) => boolean = () => true): void {
    this.throttles.push({ times, retryAfter, match });
  }

  /** The next `times` conversation creations are answered only when `release()` is called. */
  holdCreates(times: number): void {
    this.holds += times;
  }

  /** Answers the held creations (as the Bot Connector would, late). */
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  /** Calls that were accepted (not throttled). */
  accepted(filter: (c: ConnectorCall) => boolean = () => true): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300 && filter(c));
  }

  /** Accepted calls to one conversation. */
  to(conversationId: string): ConnectorCall[] {
    return this.accepted((c) => c.conversationId === conversationId);
  }

  /**
   * Resolves with the accepted calls matching `filter` once there are at least `count` of them;
   * rejects after `timeoutMs` listing what did arrive. For replies the bot sends after answering.
   */
  waitFor(filter: (c: ConnectorCall) => boolean, count = 1, timeoutMs = 5000): Promise<ConnectorCall[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.accepted(filter);
        if (found.length < count) return false;
        clearTimeout(timer);
        this.events.off('call', check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.events.off('call', check);
        reject(new Error(`waited ${timeoutMs} ms for ${count} call(s); got: ${this.calls.map((c) => `${c.status} ${c.method} ${c.path}`).join('; ') || 'none'}`));
      }, timeoutMs);
      if (!check()) this.events.on('call', check);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return this.answer(res, 400, { error: { code: 'BadSyntax', message: 'invalid JSON' } });
    }
    const path = (req.url ?? '').split('?')[0]!;
    const call = this.classify(req.method ?? '', path, body);
    if (!call) return this.answer(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    call.authorization = req.headers.authorization;
    const refusal = this.refusal(call, Buffer.byteLength(JSON.stringify(body), 'utf16le'));
    if (refusal) {
      call.status = refusal.status;
      call.error = refusal.code;
      this.record(call);
      return this.answer(res, refusal.status, refusal.status === 401 ? { message: 'Authorization has been denied for this request.' } : { error: { code: refusal.code, message: refusal.message } });
    }

    const throttle = this.throttles.find((t) => t.times > 0 && t.match(call));
    if (throttle) {
      throttle.times--;
      call.status = 429;
      this.record(call);
      if (throttle.retryAfter !== undefined) res.setHeader('Retry-After', throttle.retryAfter);
      return this.answer(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } });
    }
    if (call.kind === 'create' && this.holds > 0) {
      this.holds--;
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    call.id = call.kind === 'create' ? `a:standin-conversation-${++this.seq}` : call.kind === 'update' ? call.activityId : `1:standin-${++this.seq}`;
    call.status = call.kind === 'create' ? 201 : 200;
    this.record(call);
    this.answer(res, call.status, call.kind === 'create' ? { id: call.id, activityId: `1:standin-${++this.seq}` } : { id: call.id });
  }

  private refusal(call: ConnectorCall, utf16Bytes: number): { status: number; code: string; message: string } | null {
    const problem = this.opts.auth?.botTokenProblem(call.authorization);
    if (problem) return { status: 401, code: 'Unauthorized', message: problem };
    if (call.conversationId && this.removedFrom.has(call.conversationId)) return { status: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' };
    if (utf16Bytes > MESSAGE_SIZE_LIMIT_BYTES) return { status: 413, code: 'MessageSizeTooBig', message: 'Message size too big.' };
    return null;
  }

  private classify(method: string, path: string, body: Record<string, unknown>): ConnectorCall | undefined {
    const base = { method, path, body, status: 0, at: Date.now() };
    if (method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) return { ...base, kind: 'create' };
    const m = ACTIVITIES.exec(path);
    if (!m) return undefined;
    const conversationId = decodeURIComponent(m[1]!);
    const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (method === 'POST') return { ...base, kind: activityId ? 'reply' : 'send', conversationId, activityId };
    if (method === 'PUT' && activityId) return { ...base, kind: 'update', conversationId, activityId };
    return undefined;
  }

  private record(call: ConnectorCall): void {
    this.calls.push(call);
    this.events.emit('call');
  }

  private answer(res: ServerResponse, status: number, body: unknown): void {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  }
}
