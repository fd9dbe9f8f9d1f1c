import type { BotMessage } from '../../../src/messages/bot-message';
import type { FormView } from '../../../src/messages/form-view';

/** What POST /console/api/message and /form answer. */
export interface ConsoleAnswer {
  ok: boolean;
  error?: string;
  messages: BotMessage[];
  form?: FormView;
}

export interface HttpResult<T> {
  status: number;
  body: T;
}

/** Talks to the console's JSON API of a running app, as the page does. */
export function consoleClient(baseUrl: string) {
  const api = `${baseUrl}/console/api`;
  async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<HttpResult<T>> {
    const res = await fetch(`${api}${path}`, { method, headers: body === undefined ? {} : headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed as T };
  }
  const message = async (body: Record<string, unknown>): Promise<ConsoleAnswer> => {
    const r = await send<ConsoleAnswer>('POST', '/message', body);
    if (r.status !== 200) throw new Error(`POST /message → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    send,
    say: (personId: string, text: string, mode: 'chat' | 'form' = 'chat') => message({ personId, text, mode }),
    click: (personId: string, id: string, value?: string, mode: 'chat' | 'form' = 'chat') => message({ personId, action: { id, value }, mode }),
    submitForm: (personId: string, draftId: string, values: Record<string, string | string[]>) => send<ConsoleAnswer>('POST', '/form', { personId, draftId, values }),
    closeForm: (personId: string, draftId: string, values: Record<string, string | string[]>) => send<ConsoleAnswer>('POST', '/form/close', { personId, draftId, values }),
    get: <T>(path: string) => send<T>('GET', path),
  };
}
export type ConsoleClient = ReturnType<typeof consoleClient>;

/** All text of an answer (messages and their fields), for assertions. */
export const textOf = (a: Pick<ConsoleAnswer, 'messages'>) =>
  a.messages.map((m) => [m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n')).join('\n');

/** The last question asked. */
export function question(a: ConsoleAnswer) {
  const q = a.messages.map((m) => m.question).filter(Boolean).at(-1);
  if (!q) throw new Error(`no question in: ${textOf(a)}`);
  return q;
}

export function button(a: ConsoleAnswer, label: string | RegExp) {
  const all = a.messages.flatMap((m) => m.buttons ?? []);
  const b = all.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
  if (!b) throw new Error(`no button ${label}; have: ${all.map((x) => x.label).join(', ')}`);
  return b;
}
