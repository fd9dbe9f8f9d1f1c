import { Readable } from 'node:stream';
import type { Actor } from '../../src/domain/actor';
import { BotConnectorStandin } from '../support/bot-connector-standin';
import { blocksText, clickOnMessage, slashCommand, viewClosed, viewSubmission } from '../support/slack-payloads';
import { sendCommand, sendInteraction } from '../support/slack-signing';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';
import { cardOf, TeamsKit, textOf } from '../support/teams-kit';

/**
 * The limits: request bodies over MAX_BODY_BYTES get 413 on every endpoint that takes one (before
 * any signature check or parsing), a person sending more than RATE_LIMIT_PER_MINUTE commands in a
 * burst is told politely and nothing of the extra command happens, and a field over its schema's
 * length gets that field's error with nothing stored.
 */
const MAX = 200_000;
const PER_MINUTE = 5;
const HUGE_TITLE = `Law on ${'very '.repeat(20_000)}long titles`; // 100 kB

describe('limits', () => {
  let t: SlackTestApp;
  let standin: BotConnectorStandin;
  let sec: Actor;
  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startSlackTestApp({ MAX_BODY_BYTES: String(MAX), RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), TEAMS_LOCAL_MODE: 'true' });
    sec = await t.addPerson({ name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  const oversized = 'x'.repeat(MAX + 1024);
  const post = (path: string, type: string, body: RequestInit['body'], extra: RequestInit = {}) => fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body, ...extra }).then((r) => r.status);
  const bodies: [string, string, string][] = [
    ['POST /slack/events (form)', '/slack/events', 'application/x-www-form-urlencoded'],
    ['POST /slack/events (JSON)', '/slack/events', 'application/json'],
    ['POST /api/messages', '/api/messages', 'application/json'],
    ['POST /console/api/message', '/console/api/message', 'application/json'],
    ['POST /console/api/people', '/console/api/people', 'application/json'],
    ['POST /console/api/form', '/console/api/form', 'application/json'],
    ['POST /console/api/form/close', '/console/api/form/close', 'application/json'],
  ];

  it.each(bodies)('%s: a body over MAX_BODY_BYTES gets 413, with or without Content-Length', async (_name, path, type) => {
    const json = type === 'application/json';
    const big = json ? JSON.stringify({ type: 'message', text: oversized }) : `payload=${oversized}`;
    expect(await post(path, type, big)).toBe(413);
    // Streamed (chunked, no Content-Length): counted as it arrives.
    const stream = Readable.toWeb(Readable.from([big.slice(0, MAX / 2), big.slice(MAX / 2)])) as ReadableStream<Uint8Array>;
    expect(await post(path, type, stream, { duplex: 'half' } as RequestInit)).toBe(413);
    // Just under the limit the request goes on to its usual checks (signature, shape): not 413.
    const under = json ? JSON.stringify({ type: 'message', text: 'x'.repeat(MAX - 1024) }) : `payload=${'x'.repeat(MAX - 1024)}`;
    expect(await post(path, type, under)).not.toBe(413);
  });

  it('answers the command after the burst with the polite "sending commands very quickly", and does not do it', async () => {
    await t.addPerson({ name: 'Ana', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'URATE0001' });
    const nothingNew = await t.command('URATE0001', 'nothing-new'); // 1
    const posted = (await nothingNew.answer()).body;
    for (let i = 2; i <= PER_MINUTE; i++) expect(blocksText((await (await t.command('URATE0001', 'help')).answer()).body.blocks)).toMatch(/What would you like to do\?/);
    // The burst is used up: clicking "Yes, nothing new" now would record the nil return.
    const since = t.slack.calls.length;
    const click = clickOnMessage({ user: 'URATE0001', posted, click: { button: 'Yes, nothing new' }, responseUrl: t.slack.responseUrl('rate'), channel: 'C0SUPPORT01', ephemeral: true });
    expect((await sendInteraction(t.url, click)).status).toBe(200);
    const refused = await t.slack.waitFor('response_url', { since, where: (c) => c.path.endsWith('/rate') });
    expect(String(refused.body.text)).toMatch(/You are sending commands very quickly/);
    expect(await t.app.core.store.checkins.get(sec, 'MOI-RS', '2026-Q4')).toBeNull();
    // Other people are not held back by Ana's burst.
    await t.addPerson({ name: 'Arben', email: 'arben@asp.gov.al', orgCode: 'MOI-AL', slackId: 'URATE0002' });
    expect(blocksText((await (await t.command('URATE0002', 'help')).answer()).body.blocks)).toMatch(/What would you like to do\?/);
  });

  it('refuses a 100 kB title in a Slack modal with the field error, and stores nothing', async () => {
    await t.addPerson({ name: 'Milica', email: 'milica@gov.me', orgCode: 'MOI-ME', slackId: 'ULONG0001' });
    const since = t.slack.calls.length;
    await sendCommand(t.url, slashCommand({ user: 'ULONG0001', text: 'update', responseUrl: t.slack.responseUrl('long') }));
    const opened = (await t.slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
    const answers = { kind: 'Law', title: HUGE_TITLE, country: 'Montenegro', stage: 'Adopted', summary: 'Aligns border checks with the Schengen Borders Code.', themes: ['Border checks'] };
    const res = await sendInteraction(t.url, viewSubmission({ user: 'ULONG0001', opened, answers, viewId: 'V0LONG0001' }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { title: 'Please keep this under 200 characters.' } });
    expect(await t.app.core.store.records.list(sec, { type: 'update' })).toEqual([]);
    // The modal stays open with what was typed; closed, it is kept in the draft, clipped to the field.
    await sendInteraction(t.url, viewClosed({ user: 'ULONG0001', opened, answers, viewId: 'V0LONG0001' }));
    await t.app.idle();
    const draft = await t.app.core.store.drafts.get(sec, String(opened.private_metadata));
    expect(String(draft!.answers.title).length).toBe(200);
  });

  it('refuses a 100 kB answer in the step-by-step DM, and a 19 kB title in a Teams card, with the field error', async () => {
    await t.addPerson({ name: 'Ivana', email: 'ivana@mvr.mk', orgCode: 'MOI-MK', slackId: 'ULONG0002' });
    await t.dm('ULONG0002', 'update', /What kind of development/);
    await t.dm('ULONG0002', 'law', /\*Title\*/);
    const refused = await t.dm('ULONG0002', HUGE_TITLE, /Please keep this under 200 characters/);
    expect(blocksText(refused.body.blocks)).toMatch(/\*Title\*/); // asked again

    const kit = new TeamsKit(t.url, standin);
    const aad = '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const greta = await t.addPerson({ name: 'Greta', email: 'greta@giz.de', orgCode: 'GIZ', teamsId: aad });
    const draft = (await t.app.core.conversation.engine.start(greta, 'update', 'form', { fresh: true })).form!;
    const value = { verb: 'form.submit', draftId: draft.draftId, f_kind: 'action', f_title: 'x'.repeat(19_000), f_country: 'RS', f_summary: 'Joint patrols on the green border.', fm_themes: 'border-surveillance' };
    const calls = await kit.post(kit.activity('card-submit', { aad, name: 'Greta' }, { value }));
    expect(calls.status).toBe(200);
    expect(textOf(calls.calls)).toMatch(/Please keep this under 200 characters/);
    expect(JSON.stringify(cardOf(calls.calls.at(-1)!))).toContain('Please keep this under 200 characters');
    expect(await t.app.core.store.records.list(sec, { type: 'update' })).toEqual([]);
  });
});
