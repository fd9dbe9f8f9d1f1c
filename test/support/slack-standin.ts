import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackWorkspace } from './slack-workspace';

/** One request the bot made to the stand-in: a Web API method, a response_url post, or a file upload. */
export interface StandinCall {
  /** Web API method ("chat.postMessage"), "response_url", or "upload". */
  method: string;
  body: Record<string, unknown>;
  /** HTTP status the stand-in answered with. */
  status: number;
  /** Slack's error when it refused the call with `ok: false` (e.g. invalid_blocks, channel_not_found). */
  error?: string;
  at: number;
  path: string;
  authorization?: string;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface SlackStandin {
  url: string;
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** A response_url of a slash command or an interaction, pointing here. */
  responseUrl(id: string): string;
  calls: StandinCall[];
  callsTo(method: string): StandinCall[];
  /** Calls to `method` that Slack accepted (HTTP 200 and `ok: true`). */
  accepted(method: string): StandinCall[];
  /**
   * Resolves with the first accepted call to `method` (one of them) at index ≥ `since` matching
   * `where` (refused ones too with `refused: true`); rejects after `timeoutMs`.
   */
  waitFor(method: string | string[], opts?: { since?: number; where?: (c: StandinCall) => boolean; timeoutMs?: number; refused?: boolean }): Promise<StandinCall>;
  /** Who and what exists in the workspace (tokens, users, channels, used trigger_ids). */
  workspace: SlackWorkspace;
  /** Adds people to the workspace by Slack user id (their DM channel comes with them). */
  addUser(...ids: string[]): void;
  /** Adds channels (ids such as C0SUPPORT01 or names such as #wbbsi-status). */
  addChannel(...ids: string[]): void;
  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Answer `method` with this body from now on (e.g. apps.connections.open). */
  answer(method: string, body: Record<string, unknown>): void;
  /** A file a person shared: `files.info` describes it and its url_private_download serves it (call "file_download"). */
  serveFile(id: string, file: { name: string; content: Buffer }): void;
  close(): Promise<void>;
}

/** Web API bodies are form-encoded; objects and arrays (blocks, view, files) travel as JSON strings. */
function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep the string */
      }
    }
    out[k] = v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for the Slack Web API (and for response_urls and file upload URLs) on
 * 127.0.0.1. It records every call and answers the way Slack does, refusals included: a missing or
 * unknown token, a used or expired trigger_id, blocks over Slack's limits, unknown people and
 * channels (see SlackWorkspace). Tests assert on exactly what the bot sent. Failures (HTTP 429 with
 * Retry-After, 500, other `ok: false` errors) can be injected per method.
 */
export async function startSlackStandin(opts: { tokens?: string[]; everyone?: boolean } = {}): Promise<SlackStandin> {
  const workspace = new SlackWorkspace(opts);
  const calls: StandinCall[] = [];
  const failures = new Map<string, Failure[]>();
  const answers = new Map<string, Record<string, unknown>>();
  const waiters = new Set<() => void>();
  const files = new Map<string, { name: string; content: Buffer }>();
  let seq = 0;
  let url = '';

  const reply = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    seq += 1;
    const ts = `${1796200000 + seq}.${String(seq).padStart(6, '0')}`;
    const fixed = answers.get(method);
    if (fixed) return fixed;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://wbbsi-test.slack.com/', team: 'WBBSi test', user: 'wbbsi', team_id: 'T0WBBSI01', user_id: 'U0WBBSIBOT', bot_id: 'B0WBBSIBOT' };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, bot_id: 'B0WBBSIBOT', ts } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { ...(body.view as object), id: `V${String(seq).padStart(8, '0')}`, hash: `${seq}.hash` } };
      case 'files.getUploadURLExternal':
        return { ok: true, file_id: `F${String(seq).padStart(8, '0')}`, upload_url: `${url}/upload/F${String(seq).padStart(8, '0')}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: ((body.files as { id: string; title?: string }[]) ?? []).map((f) => ({ id: f.id, title: f.title })) };
      case 'files.info': {
        const f = files.get(String(body.file));
        return f ? { ok: true, file: { id: body.file, name: f.name, size: f.content.length, url_private_download: `${url}/files-pri/${String(body.file)}/download` } } : { ok: false, error: 'file_not_found' };
      }
      case 'users.info':
        return { ok: true, user: { id: body.user, name: 'someone', tz: 'Europe/Belgrade' } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).replace(/^U/, '')}` } };
      default:
        return { ok: true };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = req.url ?? '/';
    const text = raw.toString('utf8');
    let method: string;
    let body: Record<string, unknown>;
    if (path.startsWith('/api/')) {
      method = path.slice(5).split('?')[0]!;
      body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(text || '{}') as Record<string, unknown>) : parseForm(text);
    } else if (path.startsWith('/upload/')) {
      method = 'upload';
      body = { fileId: path.slice(8), bytes: raw.length };
    } else if (path.startsWith('/files-pri/')) {
      method = 'file_download';
      body = { fileId: path.split('/')[2] };
    } else if (path.startsWith('/response/')) {
      method = 'response_url';
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } else {
      res.writeHead(404).end();
      return;
    }
    const failure = failures.get(method)?.shift();
    const record = (status: number, error?: string) => {
      calls.push({ method, body, status, at: Date.now(), path, authorization: req.headers.authorization, ...(error ? { error } : {}) });
      for (const w of [...waiters]) w();
    };
    if (failure && 'status' in failure) {
      record(failure.status);
      if (failure.status === 429) res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) }).end('{"ok":false,"error":"ratelimited"}');
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (method === 'file_download') {
      const served = files.get(String(body.fileId));
      record(200);
      res.writeHead(served ? 200 : 404, { 'content-type': 'application/octet-stream' }).end(served?.content ?? '');
      return;
    }
    if (method === 'upload' || method === 'response_url') {
      record(200);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(method === 'upload' ? `OK - ${raw.length}` : 'ok');
      return;
    }
    const refusal = failure ? { error: failure.error } : workspace.refusal(method, body, req.headers.authorization);
    const answer = refusal ? { ok: false, ...refusal } : reply(method, body);
    record(200, answer.ok === false ? String(answer.error) : undefined);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const isAccepted = (c: StandinCall) => c.status === 200 && !c.error;
  const find = (method: string | string[], since: number, where?: (c: StandinCall) => boolean, refused = false) =>
    calls.slice(since).find((c) => [method].flat().includes(c.method) && (refused || isAccepted(c)) && (!where || where(c)));

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    accepted: (method) => calls.filter((c) => c.method === method && isAccepted(c)),
    workspace,
    addUser: (...ids) => void workspace.addUser(...ids),
    addChannel: (...ids) => void workspace.addChannel(...ids),
    waitFor(method, opts = {}) {
      const { since = 0, where, timeoutMs = 5_000, refused = false } = opts;
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = find(method, since, where, refused);
          if (!hit) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${method} call within ${timeoutMs} ms; calls so far: ${calls.map((c) => `${c.method}${c.error ? ` (${c.error})` : c.status === 200 ? '' : ` (${c.status})`}`).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    answer(method, body) {
      answers.set(method, body);
    },
    serveFile(id, file) {
      files.set(id, file);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
