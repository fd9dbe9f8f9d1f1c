import type { BotConnectorStandin } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { BOT_ID, TEAM_CHANNEL, type TeamsKit, actionsOf, cardOf, personalConversation, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';

describe('Teams: commands in a personal chat and by @mention in a channel', () => {
  let t: TeamsTestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };
  const sead: TeamsPerson = { aad: '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d', name: 'Sead Hodžić' };
  const stranger: TeamsPerson = { aad: '99999999-0000-4000-8000-000000000000', name: 'Not In Roster' };

  beforeAll(async () => {
    t = await startTeamsTestApp();
    ({ connector: standin, kit } = t);
    const store = t.app.core.store;
    await addPerson(store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
    await addPerson(store, { name: sead.name, email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', teamsId: sead.aad });
  });
  afterAll(() => t.stop());

  it('answers `help` in a personal chat with the command list, as an Adaptive Card reply', async () => {
    const calls = await kit.say(ana, 'help');
    expect(calls).toHaveLength(1);
    const [reply] = calls;
    expect(reply).toMatchObject({ kind: 'reply', conversationId: personalConversation(ana.aad), status: 200 });
    expect(reply!.body).toMatchObject({ type: 'message', from: { id: BOT_ID } });
    expect(cardOf(reply!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const text = textOf(reply!);
    expect(text).toMatch(/What would you like to do\?/);
    expect(text).not.toMatch(/status/); // Secretariat only: not offered to a member
    // Short: a partner's likely actions as buttons, then "More" for every command.
    expect(actionsOf(reply!).map((a) => a.title)).toEqual(['Add a need', 'Add an update', 'Nothing new this quarter', 'More']);
    expect(actionsOf(reply!).find((a) => a.title === 'Add a need')!.data).toEqual({ verb: 'action', id: 'form.start', value: 'need' });
  });

  it('refuses `status` to a member and answers the Secretariat (by @mention in a channel: privately)', async () => {
    expect(textOf(await kit.say(ana, 'status'))).toMatch(/is for the IISG Secretariat/);

    const mention = kit.activity('channel-mention-message', sead);
    const before = standin.calls.length;
    const res = await kit.post(mention);
    expect(res.status).toBe(200);
    expect(res.calls).toHaveLength(1);
    expect(res.calls[0]!.conversationId).toBe(`${TEAM_CHANNEL};messageid=1764666300555`); // one line in the thread
    expect(textOf(res.calls[0]!)).toBe('I have answered you in our personal chat.');
    // The status itself (a report) went to Sead's 1:1 chat, opened for the purpose.
    const later = standin.calls.slice(before);
    expect(later.filter((c) => c.kind === 'create')).toHaveLength(1);
    const [create] = later.filter((c) => c.kind === 'create');
    expect(create!.body).toMatchObject({ members: [{ id: sead.aad }] });
    const sent = later.filter((c) => c.conversationId === create!.id);
    expect(sent).toHaveLength(1);
    expect(textOf(sent[0]!)).toMatch(/Quarterly status 2026-Q4/);
    // The channel is remembered without the thread, for posts later.
    expect(await t.app.core.store.addresses.get('teams', 'channel', TEAM_CHANNEL)).toMatchObject({ ref: { conversation: { id: TEAM_CHANNEL } } });
  });

  it('explains to someone not in the roster, and stores nothing for them', async () => {
    const models = t.app.core.store.ctx.models;
    const before = { drafts: await models.drafts.countDocuments({}), addresses: await models.addresses.countDocuments({}) };
    const calls = await kit.say(stranger, 'need');
    expect(calls).toHaveLength(1);
    expect(textOf(calls)).toMatch(/I do not know you yet/);
    const noAad = await kit.post(kit.activity('personal-message', null, { text: 'update' }));
    expect(noAad.status).toBe(200);
    expect(textOf(noAad.calls)).toMatch(/I do not know you yet/);
    expect(await models.drafts.countDocuments({})).toBe(before.drafts);
    expect(await models.addresses.countDocuments({})).toBe(before.addresses);
    expect(await t.app.core.store.addresses.get('teams', 'person', stranger.aad)).toBeNull();
  });

  it('handles a repeated activity (same id) once', async () => {
    const a = kit.activity('personal-message', ana, { text: 'nothing new' });
    const first = await kit.post(a);
    const again = await kit.post(a);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.calls).toHaveLength(1);
    expect(textOf(first.calls)).toMatch(/has nothing new to report/);
    expect(again.calls).toHaveLength(0);
  });

  it('answers an Action.Execute invoke with the card that replaces the clicked one', async () => {
    const invoke = kit.activity('card-execute-invoke', ana, {
      value: { action: { type: 'Action.Execute', verb: 'action', data: { id: 'form.start', value: 'need' } }, trigger: 'manual' },
    });
    const res = await kit.post(invoke);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { statusCode: number; type: string; value: { body: { id?: string; text?: string }[] } };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(body.value.body.map((b) => b.text ?? b.id).join('\n')).toMatch(/Need[\s\S]*f_title[\s\S]*f_description/);
    expect(res.calls).toHaveLength(0); // the answer is the invoke response itself
  });

  it('remembers the personal chat when the app is installed, and greets the person', async () => {
    const milos: TeamsPerson = { aad: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Miloš' };
    await addPerson(t.app.core.store, { name: 'Miloš', email: 'milos@mup.gov.rs', orgCode: 'MOI-RS', teamsId: milos.aad });
    const res = await kit.post(kit.activity('conversation-update-personal-install', milos));
    expect(res.status).toBe(200);
    expect(textOf(res.calls)).toMatch(/Hello Miloš/);
    const saved = await t.app.core.store.addresses.get('teams', 'person', milos.aad);
    expect(saved?.ref).toMatchObject({ serviceUrl: standin.url, conversation: { id: personalConversation(milos.aad), conversationType: 'personal' } });
  });

  it('remembers a team when the bot is added to it', async () => {
    const res = await kit.post(kit.activity('conversation-update-team-added', sead));
    expect(res.status).toBe(200);
    expect(textOf(res.calls)).toMatch(/Mention me with \*\*help\*\*/);
    const team = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
    expect(await t.app.core.store.addresses.get('teams', 'channel', team)).toMatchObject({ ref: { conversation: { id: team, tenantId: expect.any(String) } } });
  });
});
