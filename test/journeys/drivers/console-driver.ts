import type { BotMessage } from '../../../src/messages/bot-message';
import type { FormView } from '../../../src/messages/form-view';
import type { ManualClock } from '../../../src/support/clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { readable, shownActions, withButton, type Driver, type Person, type PersonSpec, type Seen, type SeenForm } from './driver';

interface Answer {
  ok: boolean;
  messages: BotMessage[];
  form?: FormView;
  files?: { name: string }[];
  /** What the clicked message now says (the page shows it in that message's place). */
  answered?: BotMessage;
}

/** A click on a console message is its button's action and value, sent back as the page does. */
interface ButtonsRef {
  buttons: BotMessage['buttons'];
}

/** The person in the trial console: its JSON API, as the page calls it. */
export async function consoleDriver(clock: ManualClock, env: Record<string, string> = {}): Promise<Driver> {
  const t: TestApp = await startTestApp({ clock, env });
  const api = `${t.url}/console/api`;
  const inboxSeq = new Map<string, number>();
  const modes = new Map<string, 'chat' | 'form'>();

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${api}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const json = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  const messageSeen = (m: BotMessage, file?: { name: string }): Seen => {
    for (const b of m.buttons ?? []) shownActions.add(b.action);
    return {
    text: readable([m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(m.question?.options ?? []).map((o) => o.label)].join('\n')),
    buttons: [...(m.buttons ?? []).map((b) => b.label), ...(m.question?.options ?? []).map((o) => o.label)],
    files: file ? [file.name] : [],
    ref: { buttons: [...(m.buttons ?? []), ...(m.question?.options ?? []).map((o) => ({ label: o.label, action: 'form.answer', value: `${m.question!.draftId}|${m.question!.field}|${o.value}` }))] } satisfies ButtonsRef,
    };
  };

  const formSeen = (f: FormView): SeenForm => ({
    title: f.title,
    fields: f.fields.map((x) => x.name),
    errors: Object.fromEntries(f.fields.filter((x) => x.error).map((x) => [x.name, x.error!])),
    values: Object.fromEntries(f.fields.filter((x) => x.value !== undefined && x.value !== '').map((x) => [x.name, x.value!])),
    text: readable([f.intro, ...f.fields.flatMap((x) => [x.label, x.optional ? '(optional)' : '', x.help ?? '', x.example ?? ''])].join('\n')),
    ref: f,
  });

  async function answer(p: Person, a: Answer): Promise<Seen[]> {
    const out = a.messages.map((m) => messageSeen(m));
    if (a.answered) out.unshift({ ...messageSeen(a.answered), replaced: true });
    if (a.form) out.push({ text: a.form.title, buttons: [], files: [], form: formSeen(a.form), ref: { buttons: [] } });
    for (const f of a.files ?? []) out.push({ text: '', buttons: [], files: [f.name], ref: { buttons: [] } });
    // A slow reply (a report) arrives through the inbox once it is done.
    await t.app.idle();
    return [...out, ...(await driver.inbox(p))];
  }

  const driver: Driver = {
    surface: 'console',
    t,
    clock,
    async join(spec: PersonSpec): Promise<Person> {
      const r = await call<{ person: { id: string } }>('POST', '/people', { name: spec.name, orgCode: spec.orgCode, role: spec.role ?? 'member' });
      const inbox = await call<{ last: number }>('GET', `/inbox?personId=${r.person.id}`);
      inboxSeq.set(r.person.id, inbox.last);
      return { role: 'member', ...spec, personId: r.person.id, platformId: r.person.id };
    },

    async say(p, text, how = 'chat') {
      modes.set(p.personId, how);
      return answer(p, await call<Answer>('POST', '/message', { personId: p.personId, text, mode: how }));
    },

    async click(p, on, label) {
      const target = withButton(on, label);
      const b = (target.ref as ButtonsRef).buttons!.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)))!;
      return answer(p, await call<Answer>('POST', '/message', { personId: p.personId, action: { id: b.action, value: b.value }, mode: modes.get(p.personId) ?? 'chat' }));
    },

    async submit(p, form, values) {
      const view = form.ref as FormView;
      // The page sends each field as its input holds it: choices as their codes, text as typed.
      const raw: Record<string, string | string[]> = {};
      for (const f of view.fields) {
        const given = values[f.name];
        if (given === undefined) {
          if (f.value !== undefined) raw[f.name] = f.value;
          continue;
        }
        raw[f.name] = f.options
          ? f.multi
            ? [given].flat().map((l) => codeOf(f, l))
            : codeOf(f, String(given))
          : [given].flat().join('\n');
      }
      return answer(p, await call<Answer>('POST', '/form', { personId: p.personId, draftId: view.draftId, values: raw }));
    },

    async inbox(p) {
      const r = await call<{ messages: { seq: number; message: BotMessage; file?: { name: string } }[]; last: number }>('GET', `/inbox?personId=${p.personId}&after=${inboxSeq.get(p.personId) ?? 0}`);
      inboxSeq.set(p.personId, Math.max(inboxSeq.get(p.personId) ?? 0, ...r.messages.map((m) => m.seq)));
      return r.messages.map((m) => messageSeen(m.message, m.file));
    },

    stop: () => t.stop(),
  };
  return driver;
}

function codeOf(f: FormView['fields'][number], label: string): string {
  const o = f.options!.find((x) => x.label === label || x.value === label);
  if (!o) throw new Error(`no choice "${label}" in ${f.name}; have: ${f.options!.map((x) => x.label).join(', ')}`);
  return o.value;
}
