import type { Actor } from '../../src/domain/actor';
import { validateForm, type FormDef } from '../../src/forms/form';
import { needForm } from '../../src/forms/need.form';
import { BotConnectorStandin, type ConnectorCall } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { TEAM_CHANNEL, TeamsKit, actionsOf, inputsOf, personalConversation, textOf, type TeamsPerson } from '../support/teams-kit';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Finding 4: in a Teams channel, what shows records, drafts, forms or reports goes to the person's
 * 1:1 chat (opened through the Bot Connector when there is none yet), and the channel gets one line.
 * Only what the core marks as meant for the group (meeting posts, product decisions) is posted there.
 */
describe('Teams channels: private answers go to the 1:1 chat', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;
  let arben: Actor;
  let needId: string;
  const arbenTeams: TeamsPerson = { aad: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', name: 'Arben Hoxha' };
  const NEED_TITLE = 'Mobile surveillance units for the Kakavija crossing';
  const THREAD = `${TEAM_CHANNEL};messageid=1764666300555`;

  /** "@WBBSi <text>" in the Support Group channel: what the channel got, and everything else. */
  async function inChannel(text: string): Promise<{ channel: ConnectorCall[]; elsewhere: ConnectorCall[] }> {
    const before = standin.calls.length;
    const res = await kit.post(kit.activity('channel-mention-message', arbenTeams, { text: `<at>WBBSi Support Group</at> ${text}` }));
    expect(res.status).toBe(200);
    const calls = standin.calls.slice(before);
    return { channel: calls.filter((c) => c.conversationId?.startsWith(TEAM_CHANNEL)), elsewhere: calls.filter((c) => !c.conversationId?.startsWith(TEAM_CHANNEL)) };
  }

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true' } });
    kit = new TeamsKit(t.url, standin);
    arben = await addPerson(t.app.core.store, { name: arbenTeams.name, email: 'arben@asp.gov.al', orgCode: 'MOI-AL', teamsId: arbenTeams.aad });
    const v = validateForm(needForm as unknown as FormDef, {
      country: 'AL',
      title: NEED_TITLE,
      needType: 'operational',
      perspective: 'prevention',
      theme: 'border-surveillance',
      description: 'Four vehicles with thermal cameras for the green border south of the crossing.',
      justification: 'Irregular crossings at night are not detected today.',
      beneficiaryInstitution: 'Albanian State Police, Border and Migration Department',
      priority: 'high',
      timeframe: 'short',
      status: 'proposed',
    });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    needId = (await t.app.core.store.records.create(arben, 'need', v.data))._id;
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  it('`@WBBSi mine` in a channel: the records go to a new 1:1 chat; the channel gets one line and none of them', async () => {
    const { channel, elsewhere } = await inChannel('mine');
    expect(channel).toHaveLength(1);
    expect(channel[0]).toMatchObject({ kind: 'reply', conversationId: THREAD });
    expect(textOf(channel[0]!)).toBe('I have answered you in our personal chat.');
    expect(JSON.stringify(channel[0]!.body)).not.toMatch(new RegExp(`${needId}|Kakavija|Recent records|Albania`));

    const [create] = elsewhere.filter((c) => c.kind === 'create');
    expect(create!.body).toMatchObject({ isGroup: false, members: [{ id: arbenTeams.aad }], tenantId: '4b9a1f2e-7c3d-4e5f-8a9b-0c1d2e3f4a5b' });
    const privately = textOf(elsewhere.filter((c) => c.conversationId === create!.id));
    expect(privately).toContain(needId);
    expect(privately).toContain(NEED_TITLE);
    // The new chat is remembered for next time.
    expect(await t.app.core.store.addresses.get('teams', 'person', arbenTeams.aad)).toMatchObject({ ref: { conversation: { id: create!.id } } });
  });

  it('`@WBBSi need` in a channel opens the form (the draft) in the 1:1 chat, not in the channel', async () => {
    await kit.say(arbenTeams, 'hello'); // his own 1:1 chat is now the stored one
    const { channel, elsewhere } = await inChannel('need');
    expect(channel).toHaveLength(1);
    expect(textOf(channel[0]!)).toBe('I have answered you in our personal chat.');
    expect(JSON.stringify(channel[0]!.body)).not.toMatch(/f_title|Input\./);

    expect(elsewhere.filter((c) => c.kind === 'create')).toHaveLength(0);
    const forms = elsewhere.filter((c) => c.conversationId === personalConversation(arbenTeams.aad) && inputsOf(c).length > 0);
    expect(forms).toHaveLength(1);
    expect(inputsOf(forms[0]!).map((i) => i.id)).toEqual(expect.arrayContaining(['f_title', 'f_description']));
    expect(await t.app.core.store.drafts.openFor(arben)).toHaveLength(1);
  });

  it('`@WBBSi report status` in a channel: the report, prepared after the turn, arrives in the 1:1 chat only', async () => {
    const { channel, elsewhere } = await inChannel('report status');
    expect(channel.map((c) => textOf(c))).toEqual(['I have answered you in our personal chat.']);
    const ack = elsewhere.find((c) => c.kind !== 'create' && /Working on the status report/.test(textOf(c)));
    const chat = ack!.conversationId;
    expect(await t.app.core.store.addresses.get('teams', 'person', arbenTeams.aad)).toMatchObject({ ref: { conversation: { id: chat } } });
    await standin.waitFor((c) => c.conversationId === chat && c.kind !== 'create' && actionsOf(c).some((a) => a.title === 'Download'));
    expect(textOf(standin.calls.filter((c) => c.conversationId === chat && c.kind !== 'create'))).toMatch(/Quarterly reporting status\*\* — 2026-Q1 to 2026-Q4, Albania MoI/);
    const inChannelSince = standin.calls.filter((c) => c.conversationId?.startsWith(TEAM_CHANNEL)).map((c) => JSON.stringify(c.body));
    expect(inChannelSince.filter((body) => /Quarterly reporting status|Download|wbbsi-status/.test(body))).toEqual([]);
  });

  it('a card button clicked in the channel is answered privately as well', async () => {
    const before = standin.calls.length;
    const res = await kit.post(
      kit.activity('card-submit', arbenTeams, {
        conversation: { id: THREAD, conversationType: 'channel', isGroup: true, tenantId: '4b9a1f2e-7c3d-4e5f-8a9b-0c1d2e3f4a5b' },
        value: { verb: 'action', id: 'form.start', value: 'update' },
      }),
    );
    expect(res.status).toBe(200);
    const calls = standin.calls.slice(before);
    const channel = calls.filter((c) => c.conversationId?.startsWith(TEAM_CHANNEL));
    expect(channel.map((c) => textOf(c))).toEqual(['I have answered you in our personal chat.']);
    expect(calls.some((c) => c.conversationId === personalConversation(arbenTeams.aad) && inputsOf(c).some((i) => i.id === 'f_title'))).toBe(true);
  });
});
