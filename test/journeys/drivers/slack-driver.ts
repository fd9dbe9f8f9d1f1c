import type { ManualClock } from '../../../src/support/clock';
import { addPerson } from '../../support/people';
import { blocksText, buttonLabels, clickOnMessage, messageIm, slashCommand, viewSubmission } from '../../support/slack-payloads';
import { sendCommand, sendEvent, sendInteraction, SIGNING_SECRET } from '../../support/slack-signing';
import { startSlackStandin, type SlackStandin, type StandinCall } from '../../support/slack-standin';
import { startTestApp, type TestApp } from '../../support/test-app';
import { readable, shownActions, unique, withButton, type Driver, type Person, type PersonSpec, type Seen, type SeenForm } from './driver';

type Json = Record<string, unknown>;
/** Where a message was shown, so a click on it is sent as Slack would send it. */
interface MessageRef {
  posted: Json;
  channel: string;
  ephemeral: boolean;
}

const dmOf = (user: string) => `D${user.slice(1)}`;
/** The channel of the recorded slash command fixture. */
const COMMAND_CHANNEL = 'C0SUPPORT01';

/** The person on Slack: DMs to the bot, `/wbbsi` commands, clicks on what the bot posted, modals. */
export async function slackDriver(clock: ManualClock, env: Record<string, string> = {}): Promise<Driver> {
  const slack: SlackStandin = await startSlackStandin();
  slack.addChannel(COMMAND_CHANNEL, 'C0WBBSIGRP');
  const t: TestApp = await startTestApp({ clock, env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SLACK_CHANNEL: 'C0WBBSIGRP', ...env } });
  /** Per person: how far their calls have been read. */
  const read = new Map<string, number>();
  const responseUrls = new Map<string, string>(); // response_url id → user

  const mine = (user: string) => (c: StandinCall) =>
    (c.method === 'chat.postMessage' && c.body.channel === dmOf(user)) ||
    (c.method === 'chat.postEphemeral' && c.body.user === user) ||
    (c.method === 'response_url' && responseUrls.get(c.path) === user) ||
    (c.method === 'files.completeUploadExternal' && c.body.channel_id === dmOf(user)) ||
    (c.method === 'chat.update' && c.body.channel === dmOf(user));

  function seenOf(c: StandinCall, views: Map<string, Json>): Seen | null {
    if (c.status !== 200) return null;
    if (c.method === 'files.completeUploadExternal') {
      const files = (c.body.files as { title?: string }[] | undefined) ?? [];
      return { text: '', buttons: [], files: files.map((f) => String(f.title ?? '')), ref: null };
    }
    if (c.method === 'views.open' || c.method === 'views.update') {
      const view = c.body.view as Json;
      views.set(String(view.private_metadata), view);
      return { text: readable(blocksText(view.blocks)), buttons: [], files: [], ...(view.private_metadata ? { form: formOf(view, {}) } : {}), ref: null };
    }
    const body = c.body;
    // An ephemeral answer (response_url) sits in the channel where the command was typed.
    const channel = String(body.channel ?? COMMAND_CHANNEL);
    const ref: MessageRef = { posted: { ...body, ts: `${1796300000 + slack.calls.indexOf(c)}.000100` }, channel, ephemeral: c.method !== 'chat.postMessage' && c.method !== 'chat.update' };
    for (const id of actionIdsOf(body.blocks)) shownActions.add(id);
    // chat.update, or a response_url post with replace_original, changes the message clicked.
    const replaced = c.method === 'chat.update' || (c.method === 'response_url' && body.replace_original === true);
    return { text: readable([blocksText(body.blocks), typeof body.text === 'string' ? body.text : ''].join('\n')), buttons: buttonLabels(body.blocks), files: [], ref, ...(replaced ? { replaced } : {}) };
  }

  /** Everything the bot showed this person since the last look (after it finished working). */
  async function collect(p: Person, since: number, extra: (c: StandinCall) => boolean = () => false): Promise<Seen[]> {
    await t.app.idle();
    const start = Math.min(read.get(p.platformId) ?? 0, since);
    const views = new Map<string, Json>();
    const out = slack.calls
      .slice(start)
      .filter((c) => mine(p.platformId)(c) || extra(c))
      .map((c) => seenOf(c, views))
      .filter((s): s is Seen => s !== null);
    read.set(p.platformId, slack.calls.length);
    return out;
  }

  const driver: Driver = {
    surface: 'slack',
    t,
    clock,
    async join(spec: PersonSpec): Promise<Person> {
      const slackId = unique('U');
      slack.addUser(slackId);
      const actor = await addPerson(t.app.core.store, { role: 'member', ...spec, slackId });
      read.set(slackId, slack.calls.length);
      return { role: 'member', ...spec, personId: actor.personId, platformId: slackId };
    },

    async say(p, text, how = 'chat') {
      const since = slack.calls.length;
      read.set(p.platformId, Math.min(read.get(p.platformId) ?? since, since));
      if (how === 'form') {
        const id = `/response/${unique('T0WBBSI01/77')}`;
        responseUrls.set(id, p.platformId);
        const fields = slashCommand({ user: p.platformId, text, responseUrl: `${slack.url}${id}` });
        const res = await sendCommand(t.url, fields);
        if (res.status !== 200) throw new Error(`/wbbsi ${text} → ${res.status} ${res.text}`);
        return collect(p, since, (c) => c.method === 'views.open' && c.body.trigger_id === fields.trigger_id);
      }
      const res = await sendEvent(t.url, messageIm({ user: p.platformId, text, channel: dmOf(p.platformId) }));
      if (res.status !== 200) throw new Error(`DM "${text}" → ${res.status} ${res.text}`);
      return collect(p, since);
    },

    async click(p, on, label) {
      const target = withButton(on, label);
      const ref = target.ref as MessageRef;
      const since = slack.calls.length;
      const id = `/response/${unique('T0WBBSI01/88')}`;
      responseUrls.set(id, p.platformId);
      const exact = target.buttons.find((b) => (typeof label === 'string' ? b === label : label.test(b)))!;
      const payload = clickOnMessage({ user: p.platformId, posted: ref.posted, click: { button: exact }, responseUrl: `${slack.url}${id}`, ephemeral: ref.ephemeral, channel: ref.channel });
      const res = await sendInteraction(t.url, payload);
      if (res.status !== 200) throw new Error(`click "${exact}" → ${res.status} ${res.text}`);
      return collect(p, since, (c) => c.method === 'views.open' && c.body.trigger_id === payload.trigger_id);
    },

    async submit(p, form, values) {
      const view = form.ref as Json;
      const since = slack.calls.length;
      const viewId = unique('V');
      const res = await sendInteraction(t.url, viewSubmission({ user: p.platformId, opened: view, answers: values, viewId }));
      if (res.status !== 200) throw new Error(`view_submission → ${res.status} ${res.text}`);
      const answer = (res.json ?? {}) as { response_action?: string; errors?: Record<string, string>; view?: Json };
      // The modal may be turned into its outcome afterwards ("Saving…" → saved, or the form with errors).
      const after = await collect(p, since, (c) => c.method === 'views.update' && c.body.view_id === viewId);
      // With inline errors Slack keeps the modal as the person left it: what they typed stays in the inputs.
      if (answer.response_action === 'errors') return [{ text: Object.values(answer.errors ?? {}).join('\n'), buttons: [], files: [], form: formOf(view, answer.errors ?? {}, values), ref: null }, ...after];
      if (answer.response_action === 'update' && answer.view) {
        const v = answer.view;
        return [{ text: blocksText(v.blocks), buttons: [], files: [], ...(v.private_metadata ? { form: formOf(v, hintErrors(v)) } : {}), ref: null }, ...after];
      }
      return after;
    },

    async inbox(p) {
      return collect(p, read.get(p.platformId) ?? 0);
    },

    async stop() {
      await t.stop();
      await slack.close();
    },
  };
  return driver;
}

/** The core action ids of the interactive elements of these blocks ("form.answer#2" is form.answer). */
function actionIdsOf(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Json;
      if (typeof o.action_id === 'string') out.push(o.action_id.replace(/#\d+$/, ''));
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

type InputBlock = { type: string; block_id?: string; hint?: { text?: string }; element?: Json };

/** What an input of the modal holds as opened (its initial value), as text or option codes. */
function initialOf(el: Json | undefined): string | string[] | undefined {
  if (!el) return undefined;
  if (typeof el.initial_value === 'string') return el.initial_value;
  if (typeof el.initial_date === 'string') return el.initial_date;
  if (el.initial_option) return String((el.initial_option as Json).value);
  if (Array.isArray(el.initial_options)) return (el.initial_options as Json[]).map((o) => String(o.value));
  return undefined;
}

/** Labels picked in a select, as the option codes the input holds; typed text as is. */
function asCodes(el: Json | undefined, given: string | string[]): string | string[] {
  const options = (el?.options as { text: { text: string }; value: string }[] | undefined) ?? [];
  if (!options.length) return Array.isArray(given) ? given.join('\n') : given;
  const code = (label: string) => options.find((o) => o.text.text === label)?.value ?? label;
  return Array.isArray(given) ? given.map(code) : code(given);
}

/** A modal shown again (response_action "update") carries its errors in the inputs' hints (render/modal.ts). */
function hintErrors(view: Json): Record<string, string> {
  const blocks = (view.blocks as InputBlock[]) ?? [];
  return Object.fromEntries(blocks.filter((b) => b.type === 'input' && b.block_id && /^⚠️ /.test(b.hint?.text ?? '')).map((b) => [b.block_id!, b.hint!.text!.replace(/^⚠️ /, '').split(' — ')[0]!]));
}

function formOf(view: Json, errors: Record<string, string>, typed: Record<string, string | string[]> = {}): SeenForm {
  const blocks = (view.blocks as InputBlock[]) ?? [];
  const title = (view.title as { text?: string } | undefined)?.text ?? '';
  const inputs = blocks.filter((b) => b.type === 'input' && b.block_id);
  const values: Record<string, string | string[]> = {};
  for (const b of inputs) {
    const given = typed[b.block_id!];
    const v = given !== undefined ? asCodes(b.element, given) : initialOf(b.element);
    if (v !== undefined) values[b.block_id!] = v;
  }
  return { title, fields: inputs.map((b) => b.block_id!), errors: { ...hintErrors(view), ...errors }, values, text: readable(blocksText(view.blocks)), ref: view };
}
