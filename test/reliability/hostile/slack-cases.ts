import { clickOnMessage, messageIm, slashCommand, viewSubmission } from '../../support/slack-payloads';
import { postSigned, sendCommand, sendEvent, sendInteraction, sign, SIGNING_SECRET } from '../../support/slack-signing';
import { HOSTILE_ANY, HOSTILE_STRINGS, HOSTILE_VALUES } from './corpus';
import type { HostileCase } from './harness';

/**
 * Hostile requests to POST /slack/events: forged and replayed signatures, broken bodies, and
 * correctly signed slash commands, clicks, modal submissions and DM events carrying the hostile
 * corpus in every field the app reads. A signed request is one only Slack could send, so those must
 * be answered (200) and handled politely; the rest must be refused with a 4xx before Bolt sees them.
 */
export interface SlackTargets {
  url: string;
  /** A known member (in the roster) and the response_url the stand-in offers. */
  member: string;
  responseUrl: (id: string) => string;
  /** A form modal the member has open (views.open body), for submissions. */
  openView: Record<string, unknown>;
  /** A message the bot posted to the member, with buttons, for clicks. */
  posted: Record<string, unknown>;
  /** A draft of another organisation's member. */
  foreignDraftId: string;
}

const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);
let n = 0;
const id = (p: string) => `${p}${(n += 1)}`;

export function slackCases(t: SlackTargets): HostileCase[] {
  const help = () => new URLSearchParams(slashCommand({ user: t.member, text: 'help', responseUrl: t.responseUrl(id('sig')) })).toString();
  const signed = (name: string, body: string, type: string, expect: HostileCase['expect']): HostileCase => ({ name, expect, send: () => postSigned(t.url, body, type) });
  const raw = (name: string, body: string, headers: Record<string, string>, expect: HostileCase['expect']): HostileCase => ({
    name,
    expect,
    send: async () => {
      const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
      return { status: res.status, text: await res.text() };
    },
  });
  const cases: HostileCase[] = [];

  // Signatures and timestamps: refused before anything runs.
  const b = help();
  const ts = now();
  cases.push(
    raw('no signature', b, { 'x-slack-request-timestamp': String(ts) }, 401),
    raw('no timestamp', b, { 'x-slack-signature': sign(SIGNING_SECRET, ts, b) }, 401),
    raw('signed with another secret', b, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign('not-the-secret', ts, b) }, 401),
    raw('signature of zeros', b, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${'0'.repeat(64)}` }, 401),
    raw('signature version v1', b, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, b).replace('v0=', 'v1=') }, 401),
    raw('empty signature', b, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': '' }, 401),
    raw('huge signature', b, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${'a'.repeat(8000)}` }, 401),
    raw('replayed: signed six minutes ago', b, { 'x-slack-request-timestamp': String(ts - 360), 'x-slack-signature': sign(SIGNING_SECRET, ts - 360, b) }, 401),
    raw('replayed: a day old', b, { 'x-slack-request-timestamp': String(ts - 86_400), 'x-slack-signature': sign(SIGNING_SECRET, ts - 86_400, b) }, 401),
    raw('timestamp ten minutes ahead', b, { 'x-slack-request-timestamp': String(ts + 600), 'x-slack-signature': sign(SIGNING_SECRET, ts + 600, b) }, 401),
    raw('timestamp not a number', b, { 'x-slack-request-timestamp': 'yesterday', 'x-slack-signature': sign(SIGNING_SECRET, ts, b) }, 401),
    raw('signature of another body', `${b}&text=status`, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, b) }, 401),
    raw('signature of the body with a forged role appended', `${b}&role=secretariat`, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, b) }, 401),
  );

  // Broken bodies, correctly signed.
  const event = JSON.stringify(messageIm({ user: t.member, text: 'help', channel: `D${t.member.slice(1)}` }));
  cases.push(
    signed('truncated JSON event', event.slice(0, event.length / 2), 'application/json', 400),
    signed('JSON array', '[{"type":"event_callback"}]', 'application/json', 400),
    signed('JSON null', 'null', 'application/json', 400),
    signed('JSON string', '"event_callback"', 'application/json', 400),
    signed('type is an operator object', '{"type":{"$gt":""},"event":{"type":"message"}}', 'application/json', 400),
    signed('event is a string', '{"type":"event_callback","event":"message"}', 'application/json', 400),
    signed('event type is an object', '{"type":"event_callback","event":{"type":{"$ne":null}}}', 'application/json', 400),
    signed('url_verification without a challenge', '{"type":"url_verification"}', 'application/json', 400),
    signed('form with neither command nor payload', 'user_id=UANA0001&text=help', FORM, 400),
    signed('payload that is not JSON', 'payload=%7B%22type%22', FORM, 400),
    signed('payload that is a JSON array', `payload=${encodeURIComponent('[1,2]')}`, FORM, 400),
    signed('payload of an unknown type', `payload=${encodeURIComponent('{"type":"dialog_submission"}')}`, FORM, 400),
    signed('payload type is an object', `payload=${encodeURIComponent('{"type":{"$gt":""}}')}`, FORM, 400),
    signed('block_actions with actions as a string', `payload=${encodeURIComponent('{"type":"block_actions","actions":"all"}')}`, FORM, 400),
    signed('view_submission with the view as a string', `payload=${encodeURIComponent('{"type":"view_submission","view":"V1"}')}`, FORM, 400),
    signed('plain text body', 'help', 'text/plain', 415),
    signed('XML body', '<xml><text>help</text></xml>', 'application/xml', 415),
    signed('empty body', '', 'application/json', 400),
    signed('NUL bytes as the body', '\u0000\u0000\u0000', 'application/json', 400),
    signed('body over the size limit', `payload=${'x'.repeat(1_100_000)}`, FORM, 413),
  );

  // Slash commands from a member, the hostile text as the subcommand: answered politely.
  for (const [name, text] of HOSTILE_STRINGS) {
    cases.push({ name: `command text: ${name}`, expect: 200, send: () => sendCommand(t.url, slashCommand({ user: t.member, text, responseUrl: t.responseUrl(id('txt')) })) });
  }
  // Slash commands from people who are not in the roster (or hostile ids).
  for (const [name, user] of [['unknown user', 'UNOBODY01'], ['operator text as user id', '{"$gt":""}'], ['empty user id', ''], ['huge user id', 'U'.repeat(5000)], ['user id with NUL', 'UANA\u00000001']] as const) {
    cases.push({ name: `command from ${name}`, expect: 200, send: () => sendCommand(t.url, slashCommand({ user, text: 'mine', responseUrl: t.responseUrl(id('usr')) })) });
  }
  cases.push({
    name: 'command with bracketed operator keys (user_id[$gt])',
    expect: 200,
    send: () => {
      const f: Record<string, string> = slashCommand({ user: t.member, text: 'status', responseUrl: t.responseUrl(id('brk')) });
      delete f.user_id;
      return sendCommand(t.url, { ...f, 'user_id[$gt]': '', 'user_id[$ne]': 'x' });
    },
  });
  cases.push({
    name: 'forged role in the command fields',
    expect: 200,
    send: () => sendCommand(t.url, { ...slashCommand({ user: t.member, text: 'status', responseUrl: t.responseUrl(id('role')) }), role: 'secretariat', is_admin: 'true', user_name: 'iisg-secretariat' }),
  });

  // Clicks: hostile action values and user ids.
  const click = (value: unknown, user: unknown = t.member) => {
    const p = clickOnMessage({ user: t.member, posted: t.posted, click: { button: /.+/ }, responseUrl: t.responseUrl(id('clk')), channel: `D${t.member.slice(1)}` });
    (p.actions as Record<string, unknown>[])[0]!.value = value;
    (p.user as Record<string, unknown>).id = user;
    return p;
  };
  for (const [name, value] of HOSTILE_ANY.filter(([k]) => !k.startsWith('huge'))) cases.push({ name: `button value: ${name}`, expect: 200, send: () => sendInteraction(t.url, click(value)) });
  for (const [name, value] of HOSTILE_VALUES) cases.push({ name: `click by user id: ${name}`, expect: 200, send: () => sendInteraction(t.url, click('x', value)) });
  cases.push({ name: 'click on another organisation’s draft', expect: 200, send: () => sendInteraction(t.url, click(t.foreignDraftId)) });

  // Modal submissions: hostile draft ids and field values that must be refused.
  const submit = (answers: Record<string, string>, patch: (p: Record<string, unknown>) => void = () => undefined) => {
    const p = viewSubmission({ user: t.member, opened: t.openView, answers: { kind: 'Law', country: 'Serbia', stage: 'Adopted', themes: ['Border checks'], summary: 'A summary that is long enough.', title: 'A valid title', ...answers }, viewId: id('VH') });
    patch(p);
    return p;
  };
  const view = (p: Record<string, unknown>) => p.view as Record<string, unknown>;
  for (const [name, value] of HOSTILE_VALUES) cases.push({ name: `submission with private_metadata ${name}`, expect: 200, send: () => sendInteraction(t.url, submit({}, (p) => (view(p).private_metadata = value))) });
  cases.push({ name: 'submission of another organisation’s draft', expect: 200, send: () => sendInteraction(t.url, submit({}, (p) => (view(p).private_metadata = t.foreignDraftId))) });
  cases.push({ name: 'submission with a forged callback_id', expect: 200, send: () => sendInteraction(t.url, submit({}, (p) => (view(p).callback_id = { $ne: null }))) });
  cases.push({ name: 'submission with operator objects as state values', expect: 200, send: () => sendInteraction(t.url, submit({}, (p) => ((view(p).state as Record<string, unknown>).values = { title: { title: { type: 'plain_text_input', value: { $gt: '' } } }, 'a.b': { $where: 'x' } }))) });
  for (const name of ['nul', 'only-nul', 'control-characters', 'classified', 'blank', 'huge-100kB']) {
    const text = HOSTILE_STRINGS.find(([k]) => k === name)![1];
    cases.push({ name: `submission with title ${name}`, expect: 200, send: () => sendInteraction(t.url, submit({ title: text })) });
    cases.push({ name: `submission with summary ${name}`, expect: 200, send: () => sendInteraction(t.url, submit({ summary: text })) });
  }

  // DM events: hostile text from a member, hostile ids anywhere.
  const dm = (patch: Record<string, unknown>) => ({ ...messageIm({ user: t.member, text: 'hello', channel: `D${t.member.slice(1)}` }), ...patch });
  const withEvent = (e: Record<string, unknown>) => {
    const env = messageIm({ user: t.member, text: 'hello', channel: `D${t.member.slice(1)}` });
    return { ...env, event: { ...(env.event as Record<string, unknown>), ...e } };
  };
  for (const [name, text] of HOSTILE_STRINGS.slice(0, 20)) cases.push({ name: `DM text: ${name}`, expect: 200, send: () => sendEvent(t.url, withEvent({ text })) });
  for (const [name, v] of HOSTILE_VALUES.slice(0, 8)) {
    cases.push({ name: `DM from user ${name}`, expect: 200, send: () => sendEvent(t.url, withEvent({ user: v })) });
    cases.push({ name: `DM in channel ${name}`, expect: 200, send: () => sendEvent(t.url, withEvent({ channel: v })) });
    cases.push({ name: `DM with text ${name}`, expect: 200, send: () => sendEvent(t.url, withEvent({ text: v })) });
    cases.push({ name: `event id ${name}`, expect: 200, send: () => sendEvent(t.url, dm({ event_id: v })) });
  }
  cases.push({ name: 'DM claiming to come from a bot', expect: 200, send: () => sendEvent(t.url, withEvent({ bot_id: 'B0EVIL', text: 'status' })) });
  cases.push({ name: 'DM edit (message_changed)', expect: 200, send: () => sendEvent(t.url, withEvent({ subtype: 'message_changed', text: '<!channel>' })) });
  cases.push({ name: 'event of a type we do not handle', expect: 200, send: () => sendEvent(t.url, withEvent({ type: 'reaction_added' })) });
  return cases.map((c) => ({ ...c, name: c.name.slice(0, 120) }));
}

