import type { Json, TeamsKit, TeamsPerson } from '../../support/teams-kit';
import { HOSTILE_STRINGS, HOSTILE_VALUES } from './corpus';
import type { HostileCase } from './harness';

/**
 * Hostile activities to POST /api/messages: bodies botbuilder would choke on (refused with 400 by
 * the activity check, or 413), and well-formed activities carrying the hostile corpus as typed
 * text, as the person's id, as card data and as the inputs of a whole form (answered with 200 and
 * a polite card).
 */
export interface TeamsTargets {
  kit: TeamsKit;
  member: TeamsPerson;
  /** Opens a fresh update draft for the member (each whole-form case gets its own). */
  newDraft: () => Promise<string>;
  /** A draft of another organisation's member. */
  foreignDraftId: string;
}

export function teamsCases(t: TeamsTargets): HostileCase[] {
  const { kit, member } = t;
  // Each in a conversation of its own: Teams' per-conversation pacing (7 a second) is not under test here.
  let n = 0;
  const own = (a: Json): Json => ({ ...a, conversation: { ...(a.conversation as Json), id: `a:1hostile-${(n += 1)}` } });
  const message = (patch: Json = {}) => ({ ...own(kit.activity('personal-message', member, { text: 'help' })), ...patch });
  const submit = (value: unknown) => ({ ...own(kit.activity('card-submit', member)), value, text: undefined });
  const post = (name: string, body: () => Json | string, expect: HostileCase['expect'], headers: Record<string, string> = {}): HostileCase => ({
    name,
    expect,
    send: () => kit.post(body(), headers),
  });
  const without = (key: string) => () => {
    const a = message();
    delete a[key];
    return a;
  };
  const cases: HostileCase[] = [
    post('truncated JSON', () => JSON.stringify(message()).slice(0, 100), 400),
    post('JSON array', () => '[{"type":"message"}]', 400),
    post('JSON null', () => 'null', 400),
    post('JSON string', () => '"message"', 400),
    post('form-encoded body', () => 'type=message&text=help', 400, { 'content-type': 'application/x-www-form-urlencoded' }),
    post('text/plain body', () => 'help', 400, { 'content-type': 'text/plain' }),
    post('no type', without('type'), 400),
    post('no from', without('from'), 400),
    post('no recipient', without('recipient'), 400),
    post('no conversation', without('conversation'), 400),
    post('no channelId', without('channelId'), 400),
    post('no serviceUrl', without('serviceUrl'), 400),
    post('javascript: serviceUrl', () => message({ serviceUrl: 'javascript:alert(1)' }), 400),
    post('file: serviceUrl', () => message({ serviceUrl: 'file:///etc/passwd' }), 400),
    post('body over the size limit', () => message({ text: 'x'.repeat(1_100_000) }), 413),
    post('text over 40,000 characters', () => message({ text: 'x'.repeat(40_001) }), 400),
    post('entities as a string', () => message({ entities: 'mention' }), 400),
    post('a mention without who is mentioned', () => message({ entities: [{ type: 'mention', text: '<at>Everyone</at>' }] }), 400),
    post('membersAdded of strings', () => message({ type: 'conversationUpdate', membersAdded: ['everyone'] }), 400),
  ];
  for (const [name, v] of HOSTILE_VALUES.filter(([, v]) => typeof v !== 'string')) {
    cases.push(
      post(`type ${name}`, () => message({ type: v }), 400),
      post(`text ${name}`, () => message({ text: v }), 400),
      post(`from.aadObjectId ${name}`, () => message({ from: { id: '29:1evil', aadObjectId: v } }), 400),
      post(`conversation.id ${name}`, () => message({ conversation: { id: v, conversationType: 'personal' } }), 400),
    );
  }

  // Typed text from a member: answered with a card.
  for (const [name, text] of HOSTILE_STRINGS) cases.push(post(`text: ${name}`, () => message({ text }), text.length > 40_000 ? 400 : 200));
  // People who are not in the roster, or ids that are not ids.
  for (const [name, aad] of [['unknown person', '00000000-0000-0000-0000-000000000000'], ['operator text as id', '{"$gt":""}'], ['a regex as id', '.*'], ['id with NUL', 'ana\u0000']] as const) {
    cases.push(post(`message from ${name}`, () => message({ from: { id: '29:1someone', name: 'Someone', aadObjectId: aad }, text: 'mine' }), 200));
  }
  cases.push(post('forged role in the activity', () => message({ text: 'status', from: { id: `29:1user-${member.aad}`, aadObjectId: member.aad, name: 'IISG Secretariat', role: 'secretariat' }, channelData: { role: 'secretariat', isAdmin: true } }), 200));

  // Card data: buttons, choices and whole forms with hostile contents.
  for (const [name, v] of [...HOSTILE_VALUES, ...HOSTILE_STRINGS.slice(0, 12)]) {
    cases.push(
      post(`card data ${name}`, () => submit(v), typeof v === 'object' && v !== null && !Array.isArray(v) ? 200 : 400),
      post(`button id ${name}`, () => submit({ verb: 'action', id: v, value: 'x' }), 200),
      post(`draftId ${name}`, () => submit({ verb: 'form.submit', draftId: v, f_title: 'A title' }), 200),
    );
  }
  cases.push(post('button on another organisation’s draft', () => submit({ verb: 'action', id: 'draft.continue', value: t.foreignDraftId }), 200));
  cases.push(post('whole form of another organisation’s draft', () => submit({ verb: 'form.submit', draftId: t.foreignDraftId, f_title: 'Taken over' }), 200));
  const valid = { f_kind: 'law', f_country: 'RS', f_stage: 'adopted', fm_themes: 'border-checks', f_summary: 'A summary that is long enough.', f_title: 'A valid title' };
  const formCase = (name: string, inputs: Json): HostileCase => ({
    name,
    expect: 200,
    send: async () => kit.post(submit({ verb: 'form.submit', draftId: await t.newDraft(), ...valid, ...inputs })),
  });
  // Inputs that are not text are dropped: the title is then missing.
  cases.push(formCase('whole form with operator objects as inputs', { f_title: { $gt: '' }, f_country: { $ne: null }, 'f_a.b': 'x', $where: 'x' }));
  for (const name of ['nul', 'only-nul', 'control-characters', 'classified', 'blank', 'huge-100kB']) {
    const text = HOSTILE_STRINGS.find(([k]) => k === name)![1];
    cases.push(formCase(`whole form, title ${name}`, { f_title: text }), formCase(`whole form, summary ${name}`, { f_summary: text }));
  }
  cases.push(formCase('whole form with codes that are not in the list', { f_kind: 'nuclear', f_country: 'US', fm_themes: 'everything,$where' }));
  const execute = (action: Json) => ({ ...own(kit.activity('card-execute-invoke', member)), value: { action: { type: 'Action.Execute', ...action } } });
  cases.push(post('Action.Execute with an operator object as verb', () => execute({ verb: { $gt: '' }, data: {} }), 400));
  cases.push(post('Action.Execute without a verb', () => execute({ data: { id: 'mine' } }), 400));
  cases.push(post('Action.Execute with hostile data', () => execute({ verb: 'action', data: { id: { $ne: null }, value: { $where: 'x' } } }), 200));
  return cases;
}
