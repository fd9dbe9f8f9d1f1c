import type { Actor } from '../../src/domain/actor';
import type { BotConnectorStandin, ConnectorCall } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { blocksText, buttonLabels, clickOnMessage, slashCommand } from '../support/slack-payloads';
import { sendCommand, sendInteraction, SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin, type StandinCall } from '../support/slack-standin';
import { actionsOf, type TeamsKit, textOf as cardText, type TeamsPerson } from '../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../support/teams-test-app';

/**
 * Through the real app: the Secretariat opens a round with the Slack slash command; the request
 * reaches a focal point on Slack (DM through the Slack stand-in) and one on Teams (personal chat
 * through the Bot Connector stand-in), and each answers with one click on their platform.
 */
describe('a consultation round reaches people on Slack and on Teams (real app, stand-ins)', () => {
  let slack: SlackStandin;
  let connector: BotConnectorStandin;
  let t: TeamsTestApp;
  let kit: TeamsKit;
  let ana: Actor;
  const arta: TeamsPerson = { aad: 'aad-arta-krasniqi', name: 'Arta Krasniqi' };
  const isRequest = (c: StandinCall) => blocksText(c.body.blocks).includes('consults the Support Group members');
  const isCard = (c: ConnectorCall) => c.kind !== 'update' && c.body.attachments !== undefined && cardText(c).includes('consults the Support Group members');

  beforeAll(async () => {
    slack = await startSlackStandin();
    t = await startTeamsTestApp({ env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, TIMEZONE: 'Europe/Sarajevo' } });
    ({ connector, kit } = t);
    const store = t.app.core.store;
    slack.addUser('U0ANA', 'U0SEAD');
    ana = await addPerson(store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'U0ANA' });
    await addPerson(store, { name: arta.name, email: 'arta@rks-gov.net', orgCode: 'MOI-XK', teamsId: arta.aad });
    await addPerson(store, { name: 'Sead Hodžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEAD' });
    await kit.say(arta, 'hi'); // Teams: the bot keeps the reference of Arta's personal chat
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await slack?.close();
  });

  it('sends the request to each platform once, and takes one-click answers from both', async () => {
    expect((await t.app.core.products.list()).length).toBe(12); // loaded by the products component at start
    const res = await sendCommand(t.url, slashCommand({ user: 'U0SEAD', text: 'consult PR-009', responseUrl: slack.responseUrl('consult') }));
    expect(res.status).toBe(200);

    // The command's follow-up sends the requests and reports; a scheduler run afterwards sends nothing more.
    await slack.waitFor('response_url', { where: (c) => JSON.stringify(c.body).includes('CR-2026-001: requests sent to 2 organisation(s).') });
    const dm = await slack.waitFor('chat.postMessage', { where: isRequest });
    const [card] = await connector.waitFor(isCard);
    await t.app.core.products.runConsultationJobs(t.clock.now());

    expect(dm.body.channel).toBe('D0ANA');
    expect(blocksText(dm.body.blocks)).toContain('Please answer for Serbia MoI by');
    expect(buttonLabels(dm.body.blocks)).toEqual(['Agree', 'Agree with comments', 'Object', 'Add a comment']);
    expect(card!.conversationId).toBe(`a:1personal-${arta.aad}`);
    expect(cardText(card!)).toContain('Please answer for Kosovo* MoI by');
    expect(actionsOf(card!).map((a) => a.title)).toEqual(['Agree', 'Agree with comments', 'Object', 'Add a comment']);
    expect(slack.accepted('chat.postMessage').filter(isRequest)).toHaveLength(1);
    expect(connector.accepted(isCard)).toHaveLength(1);

    await sendInteraction(t.url, clickOnMessage({ user: 'U0ANA', posted: { ...dm.body, ts: '1796200001.000001' }, click: { button: 'Agree' }, responseUrl: slack.responseUrl('agree') }));
    const ack = await slack.waitFor('chat.postMessage', { where: (c) => String(c.body.text).includes('Recorded for Serbia MoI') });
    expect(ack.body.channel).toBe('D0ANA');
    const replies = await kit.click(arta, card!, 'Object');
    expect(replies.map(cardText).join('\n')).toContain('Recorded for Kosovo* MoI: **Object**');

    const round = (await t.app.core.store.consultations.forProduct('PR-009'))[0]!;
    const tally = await t.app.core.products.tally(round);
    expect(tally.orgs.filter((o) => o.outcome !== 'pending').map((o) => [o.orgCode, o.outcome, o.answeredBy])).toEqual([
      ['MOI-XK', 'object', arta.name],
      ['MOI-RS', 'agree', ana.name],
    ]);
  });
});
