import { Writable } from 'node:stream';
import { createLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import { messageIm } from '../support/slack-payloads';
import { SIGNING_SECRET, sendEvent } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'xoxb-redaction-test-token';
const TYPED = 'Thermal cameras for the Kosovo border crossing at Jarinje';

/**
 * The app's own logs at debug level, while a person types in Slack and a delivery fails: no token,
 * signing secret, e-mail address or text a person typed appears in them.
 */
describe('logs redact tokens, e-mails and what people type', () => {
  const lines: string[] = [];
  let slack: SlackStandin;
  let t: TestApp;

  beforeAll(async () => {
    slack = await startSlackStandin({ tokens: [TOKEN] });
    slack.addUser('UREDACT01');
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestApp({ env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.apiUrl }, logger: createLogger('debug', sink) });
    await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana.redact@mup.rs', orgCode: 'MOI-RS', slackId: 'UREDACT01' });
  });
  afterAll(async () => {
    await t.stop();
    await slack.close();
  });

  it('keeps secrets and personal data out of the log, while still logging what happened', async () => {
    const dm = async (text: string) => {
      const since = slack.calls.length;
      expect((await sendEvent(t.url, messageIm({ user: 'UREDACT01', text, channel: 'DREDACT01' }))).status).toBe(200);
      await slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === 'DREDACT01', refused: true });
    };
    await dm('need');
    await dm(TYPED);
    slack.failNext('chat.postMessage', { error: 'channel_not_found' }); // a failure logs the call that failed
    const err = await t.app.core.notifier.send({ kind: 'channel', platform: 'slack', channel: 'C0NOWHERE' }, { text: `Summary: ${TYPED}` }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false });

    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes('Slack delivery failed'))).toBe(true);
    const log = lines.join('\n');
    for (const secret of [TOKEN, SIGNING_SECRET, 'ana.redact@mup.rs', TYPED, 'Jarinje']) expect(log).not.toContain(secret);
  });
});
