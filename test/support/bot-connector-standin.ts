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
  /** What the stand-in answered (429 when it was told to throttle). */
  status: number;
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
 * A local stand-in for the Bot Connector service (what Teams runs at `serviceUrl`): records every
 * activity the bot sends, replies, updates and every conversation it creates, answers `{ id }`, and
 * can be told to answer 429 with Retry-After. Activities posted to the bot carry `serviceUrl` = `url`.
 */
export class BotConnectorStandin {
  readonly calls: ConnectorCall[] = [];
  private readonly events = new EventEmitter();
  private readonly throttles: Throttle[] = [];
  private holds = 0;
  private readonly held: (() => void)[] = [];
  private server?: Server;
  private seq = 0;
  url = '';

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
