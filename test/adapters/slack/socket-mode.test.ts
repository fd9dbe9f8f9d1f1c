import { addPerson } from '../../support/people';
import { slashCommand } from '../../support/slack-payloads';
import { sendCommand } from '../../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../../support/slack-standin';
import { startTestApp, type TestApp } from '../../support/test-app';

describe('Slack in Socket Mode (SLACK_APP_TOKEN set)', () => {
  let slack: SlackStandin;
  let t: TestApp;
  beforeAll(async () => {
    slack = await startSlackStandin({ tokens: ['xoxb-test', 'xapp-1-A0WBBSI001-test'] });
    slack.addUser('UANA0001');
    // Refused by the stand-in, so the socket client stops instead of connecting to a WebSocket.
    slack.answer('apps.connections.open', { ok: false, error: 'invalid_auth' });
    t = await startTestApp({ env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-1-A0WBBSI001-test', SLACK_API_URL: slack.apiUrl } });
  });
  afterAll(async () => {
    await t.stop();
    await slack.close();
  });

  it('connects with the app-level token instead of exposing a request URL', async () => {
    const open = await slack.waitFor('apps.connections.open', { refused: true });
    expect(open.authorization).toBe('Bearer xapp-1-A0WBBSI001-test');
    const res = await sendCommand(t.url, slashCommand({ user: 'UANA0001', text: 'help', responseUrl: slack.responseUrl('x') }));
    expect(res.status).toBe(404);
  });

  it('still sends proactive messages through the Web API', async () => {
    const ana = await addPerson(t.app.core.store, { name: 'Ana', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'UANA0001' });
    const ref = await t.app.core.notifier.send({ kind: 'person', personId: ana.personId, slackId: 'UANA0001' }, { text: 'Reminder' });
    expect(ref).toMatchObject({ platform: 'slack', channel: 'DANA0001' });
    const [sent] = slack.accepted('chat.postMessage');
    expect(sent).toMatchObject({ body: { channel: 'DANA0001', text: 'Reminder' }, authorization: 'Bearer xoxb-test' });
  });
});
