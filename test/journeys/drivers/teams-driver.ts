import { randomUUID } from 'node:crypto';
import type { ManualClock } from '../../../src/support/clock';
import { BotConnectorStandin, type ConnectorCall } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { TeamsAuthStandin } from '../../support/teams-auth-standin';
import { actionsOf, cardOf, inputsOf, personalConversation, TeamsKit, textOf as cardText, type Json, type TeamsPerson } from '../../support/teams-kit';
import { startTestApp, type TestApp } from '../../support/test-app';
import { readable, shownActions, withButton, type Driver, type Person, type PersonSpec, type Seen } from './driver';

/** The card a Seen came from: a click is sent with its data, as Teams sends it. */
interface CardRef {
  call: ConnectorCall;
}

/**
 * The person on Teams: a personal chat with the bot (installed first), cards clicked and filled in.
 * Authentication is on both ways, as in production: every activity carries a Bot Framework token the
 * app checks, and every call the app makes to the Bot Connector carries the bot's own token.
 */
export async function teamsDriver(clock: ManualClock, env: Record<string, string> = {}): Promise<Driver> {
  const auth = await new TeamsAuthStandin({ appId: randomUUID() }).start();
  const standin = await new BotConnectorStandin({ auth }).start();
  const t: TestApp = await startTestApp({ clock, env: { ...auth.env(), TEAMS_SERVICE_URLS: standin.url, ...env } });
  const kit = new TeamsKit(t.url, standin, auth);
  const read = new Map<string, number>();
  const who = (p: Person): TeamsPerson => ({ aad: p.platformId, name: p.name });

  function seenOf(call: ConnectorCall): Seen | null {
    const attachments = (call.body.attachments as { contentType: string; content: Json }[] | undefined) ?? [];
    if (!attachments.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) return null;
    const ref: CardRef = { call };
    const actions = actionsOf(call);
    for (const a of actions) if (a.data.verb === 'action') shownActions.add(String(a.data.id));
    const buttons = actions.map((a) => a.title);
    const files = actions.filter((a) => a.url).map((a) => a.url!); // replaced by the downloaded file's name in collect()
    const submit = actions.find((a) => a.data.verb === 'form.submit');
    const card = cardOf(call);
    // An update is the card the person clicked or submitted, changed in place.
    const seen: Seen = { text: readable(cardText(call)), buttons, files, ref, ...(call.kind === 'update' ? { replaced: true } : {}) };
    if (submit) {
      const errors: Record<string, string> = {};
      const fields = inputsOf(call).map((i) => String(i.id).replace(/^fm?_/, ''));
      // An error sits right under its input, in red (render/form-card.ts).
      const body = (card.body as Json[]) ?? [];
      body.forEach((el, i) => {
        if (el.color !== 'Attention') return;
        const input = body.slice(0, i).reverse().find((b) => typeof b.type === 'string' && b.type.startsWith('Input.'));
        if (input) errors[String(input.id).replace(/^fm?_/, '')] = String(el.text).replace(/^⚠️ /, '');
      });
      const values: Record<string, string | string[]> = {};
      for (const i of inputsOf(call)) {
        if (i.value === undefined || i.value === '') continue;
        const name = String(i.id).replace(/^fm?_/, '');
        values[name] = i.isMultiSelect ? String(i.value).split(',').filter(Boolean) : String(i.value);
      }
      seen.form = { title: String(((card.body as Json[])[0] ?? {}).text ?? '').replace(/\*/g, ''), fields, errors, values, text: readable(cardText(call)), ref };
    }
    return seen;
  }

  /** What the bot sent to this person's chat since the last look (replies, updated cards, proactive messages). */
  async function collect(p: Person): Promise<Seen[]> {
    await t.app.idle();
    const start = read.get(p.platformId) ?? 0;
    const calls = standin.calls.slice(start).filter((c) => c.status < 300 && c.conversationId === personalConversation(p.platformId));
    read.set(p.platformId, standin.calls.length);
    const seen = calls.map(seenOf).filter((s): s is Seen => s !== null);
    for (const s of seen) s.files = await Promise.all(s.files.map(download));
    return seen;
  }

  /** Follows a Download button as the person's browser would; the file's name, from the response. */
  async function download(url: string): Promise<string> {
    const res = await fetch(`${t.url}${new URL(url).pathname}`);
    if (res.status !== 200) throw new Error(`download ${url} → ${res.status}`);
    await res.arrayBuffer();
    return /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
  }

  async function post(activity: Json): Promise<void> {
    const r = await kit.post(activity);
    if (r.status >= 300) throw new Error(`POST /api/messages answered ${r.status}: ${r.text}`);
  }

  const driver: Driver = {
    surface: 'teams',
    t,
    clock,
    async join(spec: PersonSpec): Promise<Person> {
      const aad = randomUUID();
      const actor = await addPerson(t.app.core.store, { role: 'member', ...spec, teamsId: aad });
      const person: Person = { role: 'member', ...spec, personId: actor.personId, platformId: aad };
      // The app installed in their personal scope: the bot learns where to write to them later.
      await post(kit.activity('conversation-update-personal-install', who(person), { membersAdded: [{ id: `29:1user-${aad}`, aadObjectId: aad }, { id: (kit.activity('personal-message', null).recipient as Json).id }] }));
      await collect(person); // the welcome
      return person;
    },

    async say(p, text) {
      read.set(p.platformId, read.get(p.platformId) ?? standin.calls.length);
      await post(kit.activity('personal-message', who(p), { text }));
      return collect(p);
    },

    async click(p, on, label) {
      const target = withButton(on, label);
      const { call } = target.ref as CardRef;
      const action = actionsOf(call).find((a) => (typeof label === 'string' ? a.title === label : label.test(a.title)))!;
      const replyToId = call.kind === 'update' ? call.activityId : call.id;
      await post(kit.activity('card-submit', who(p), { value: action.data, replyToId }));
      return collect(p);
    },

    async submit(p, form, values) {
      const { call } = form.ref as CardRef;
      const inputs: Json = {};
      for (const input of inputsOf(call)) {
        const name = String(input.id).replace(/^fm?_/, '');
        const given = values[name];
        if (given === undefined) {
          if (input.value !== undefined) inputs[String(input.id)] = input.value;
          continue;
        }
        // A choice set sends the chosen values (codes), as Teams does; text inputs send what was typed.
        const choices = (input.choices as { title: string; value: string }[] | undefined) ?? [];
        inputs[String(input.id)] = choices.length
          ? [given].flat().map((label) => {
              const c = choices.find((x) => x.title === label);
              if (!c) throw new Error(`no choice "${label}" in ${name}; have: ${choices.map((x) => x.title).join(', ')}`);
              return c.value;
            }).join(',')
          : [given].flat().join('\n');
      }
      const submit = actionsOf(call).find((a) => a.data.verb === 'form.submit')!;
      const replyToId = call.kind === 'update' ? call.activityId : call.id;
      await post(kit.activity('card-submit', who(p), { value: { ...submit.data, ...inputs }, replyToId }));
      return collect(p);
    },

    inbox: (p) => collect(p),

    async stop() {
      await t.stop();
      await standin.stop();
      await auth.stop();
    },
  };
  return driver;
}
