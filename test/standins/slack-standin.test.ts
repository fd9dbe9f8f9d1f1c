import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { mintTrigger } from '../support/slack-triggers';

/**
 * The Slack stand-in says no where Slack says no (test/support/slack-workspace.ts cites the
 * documentation of each rule). Each rule is shown refusing once, through the real Web API client,
 * so a bot test that passes against the stand-in stays within what Slack accepts.
 */
describe('the Slack stand-in refuses what Slack refuses', () => {
  let slack: SlackStandin;
  let web: WebClient;
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const modal = (over: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Development update' }, blocks: [section('Hello')], ...over });

  beforeAll(async () => {
    slack = await startSlackStandin();
    slack.addUser('UANA0001');
    slack.addChannel('C0SUPPORT01');
    web = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.close());

  /** The `ok: false` answer of a call, as the client reports it. */
  async function refused(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
    const err = (await call.then(() => undefined, (e: unknown) => e)) as WebAPIPlatformError | undefined;
    if (!err) throw new Error('Slack accepted the call');
    expect(err.code).toBe('slack_webapi_platform_error');
    return err.data;
  }

  it('accepts a well-formed message to a known channel (the baseline for the refusals below)', async () => {
    const res = await web.chat.postMessage({ channel: 'C0SUPPORT01', text: 'Hello', blocks: [section('Hello')] });
    expect(res).toMatchObject({ ok: true, channel: 'C0SUPPORT01' });
  });

  it('needs a token: none is not_authed, an unknown one invalid_auth', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    expect(await refused(anonymous.auth.test())).toMatchObject({ error: 'not_authed' });
    const stranger = new WebClient('xoxb-someone-else', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    expect(await refused(stranger.auth.test())).toMatchObject({ error: 'invalid_auth' });
  });

  it('takes a trigger_id once, for 3 seconds, and only one Slack issued', async () => {
    const trigger = mintTrigger();
    expect(await web.views.open({ trigger_id: trigger, view: modal() as never })).toMatchObject({ ok: true });
    expect(await refused(web.views.open({ trigger_id: trigger, view: modal() as never }))).toMatchObject({ error: 'exchanged_trigger_id' });
    expect(await refused(web.views.open({ trigger_id: mintTrigger(Date.now() - 3_500), view: modal() as never }))).toMatchObject({ error: 'expired_trigger_id' });
    expect(await refused(web.views.open({ trigger_id: '12345.98765.abcd2358fdea', view: modal() as never }))).toMatchObject({ error: 'invalid_trigger_id' });
  });

  it('refuses a message of more than 50 blocks with invalid_blocks and the reason', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    expect(await refused(web.chat.postMessage({ channel: 'C0SUPPORT01', text: 'long', blocks }))).toMatchObject({
      error: 'invalid_blocks',
      errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
    });
  });

  it('refuses a modal or Home tab of more than 100 blocks', async () => {
    const blocks = Array.from({ length: 101 }, (_, i) => section(`line ${i}`));
    const data = await refused(web.views.publish({ user_id: 'UANA0001', view: { type: 'home', blocks } as never }));
    expect(data).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] } });
  });

  it('refuses a section text over 3,000 characters', async () => {
    const data = await refused(web.chat.postMessage({ channel: 'C0SUPPORT01', text: 'x', blocks: [section('x'.repeat(3001))] }));
    expect(data).toMatchObject({ error: 'invalid_blocks', errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] });
  });

  it('refuses a select menu of more than 100 options', async () => {
    const options = Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `Option ${i}` }, value: String(i) }));
    const blocks = [{ type: 'actions', elements: [{ type: 'static_select', action_id: 'pick', options }] }];
    const data = await refused(web.chat.postMessage({ channel: 'C0SUPPORT01', text: 'x', blocks: blocks as never }));
    expect(data).toMatchObject({ error: 'invalid_blocks', errors: ['no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]'] });
  });

  it('refuses a modal title over 24 characters', async () => {
    const view = modal({ title: { type: 'plain_text', text: 'Quarterly development update' } });
    const data = await refused(web.views.open({ trigger_id: mintTrigger(), view: view as never }));
    expect(data).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] } });
  });

  it('refuses a button text over 75 characters', async () => {
    const blocks = [{ type: 'actions', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'y'.repeat(76) } }] }];
    const data = await refused(web.chat.postMessage({ channel: 'C0SUPPORT01', text: 'x', blocks: blocks as never }));
    expect(data).toMatchObject({ error: 'invalid_blocks', errors: ['must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'] });
  });

  it('does not know people or channels nobody added to the workspace', async () => {
    expect(await refused(web.conversations.open({ users: 'UNOBODY01' }))).toMatchObject({ error: 'user_not_found' });
    expect(await refused(web.users.info({ user: 'UNOBODY01' }))).toMatchObject({ error: 'user_not_found' });
    expect(await refused(web.chat.postMessage({ channel: 'C0NOWHERE1', text: 'Hello' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await refused(web.chat.postMessage({ channel: 'DNOBODY01', text: 'Hello' }))).toMatchObject({ error: 'channel_not_found' });
    // A known person's DM channel exists.
    expect(await web.conversations.open({ users: 'UANA0001' })).toMatchObject({ ok: true, channel: { id: 'DANA0001' } });
  });

  it('answers 429 with Retry-After when told to', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const impatient = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const err = (await impatient.chat.postMessage({ channel: 'C0SUPPORT01', text: 'Hello' }).then(() => undefined, (e: unknown) => e)) as { code: string; retryAfter: number };
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
  });
});
