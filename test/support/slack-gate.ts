import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackStandin } from './slack-standin';

/** A workspace-wide limit on one Web API method: `max` calls per fixed window of `perMs`, then 429. */
export interface GateLimit {
  method: string;
  max: number;
  perMs: number;
  /** Seconds, as Slack sends them in Retry-After. */
  retryAfterSec: number;
}

export interface SlackGate {
  url: string;
  /** For SLACK_API_URL: calls go through the gate to the stand-in. */
  apiUrl: string;
  /** Calls answered 429 by the gate (never seen by the stand-in). */
  limited: number;
  /** Calls held so far (the stand-in sees them only if released; a client that gave up or died never got an answer). */
  hung: number;
  /** Enforces a workspace-wide rate limit on `method` from now on. */
  rateLimit(limit: GateLimit): void;
  /** After `n` more calls to `method` got through, every further call to it is held (a Slack that stopped answering). */
  hangAfter(method: string, n: number): void;
  /** Stops holding: the held calls go on to the stand-in now, in order, and later ones pass. */
  release(): Promise<void>;
  /** Resolves once at least `count` calls have been held. */
  whenHung(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The network between the bot and Slack, on loopback, in front of the Slack stand-in: it can enforce
 * a rate limit the way Slack does (HTTP 429 with Retry-After, the call does not reach Slack) and can
 * stop answering a method after N calls (a Slack that hangs, or a process about to be killed with
 * sends in flight). Everything else is passed through untouched, so the stand-in's `calls` are
 * exactly what Slack accepted.
 */
export async function startSlackGate(target: SlackStandin): Promise<SlackGate> {
  const limits = new Map<string, GateLimit & { windowStart: number; count: number }>();
  const hangs = new Map<string, number>();
  const held: { req: IncomingMessage; body: Buffer; res: ServerResponse }[] = [];
  const hungWaiters = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    const method = path.startsWith('/api/') ? path.slice(5).split('?')[0]! : '';
    const left = hangs.get(method);
    if (left !== undefined) {
      if (left <= 0) {
        held.push({ req, body, res });
        gate.hung += 1;
        for (const w of [...hungWaiters]) w();
        return;
      }
      hangs.set(method, left - 1);
    }
    const limit = limits.get(method);
    if (limit) {
      const now = Date.now();
      if (limit.windowStart < 0) limit.windowStart = now; // windows start with the first call
      if (now - limit.windowStart >= limit.perMs) {
        limit.windowStart += Math.floor((now - limit.windowStart) / limit.perMs) * limit.perMs;
        limit.count = 0;
      }
      if (limit.count >= limit.max) {
        gate.limited += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfterSec) }).end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      limit.count += 1;
    }
    await forward(req, body, res);
  };

  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'authorization']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
    const answer = await fetch(`${target.url}${req.url ?? '/'}`, { method: req.method, headers, ...(body.length ? { body } : {}) });
    const out: Record<string, string> = {};
    for (const h of ['content-type', 'retry-after']) {
      const v = answer.headers.get(h);
      if (v !== null) out[h] = v;
    }
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const gate: SlackGate = {
    url,
    apiUrl: `${url}/api/`,
    limited: 0,
    hung: 0,
    rateLimit(limit) {
      limits.set(limit.method, { ...limit, windowStart: -1, count: 0 });
    },
    hangAfter(method, n) {
      hangs.set(method, n);
    },
    async release() {
      hangs.clear();
      for (const h of held.splice(0)) if (!h.res.destroyed) await forward(h.req, h.body, h.res).catch(() => h.res.destroy());
    },
    whenHung(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (gate.hung < count) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`only ${gate.hung} of ${count} calls held within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          hungWaiters.delete(check);
        };
        hungWaiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of held.splice(0)) h.res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return gate;
}
