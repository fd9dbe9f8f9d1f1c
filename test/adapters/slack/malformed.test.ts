import { postSigned, sendEvent } from '../../support/slack-signing';
import { messageIm } from '../../support/slack-payloads';
import { startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const FORM = 'application/x-www-form-urlencoded';
const ANA = 'UANA0001';

describe('Slack: malformed requests', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({ MAX_BODY_BYTES: '4096' });
    await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
  });
  afterAll(() => t.stop());

  const cases: [string, string, string, number][] = [
    ['truncated JSON event', JSON.stringify(messageIm({ user: ANA, text: 'help', channel: 'DANA0001' })).slice(0, 80), 'application/json', 400],
    ['JSON that is not an event', '[1,2,3]', 'application/json', 400],
    ['an event envelope without its event', '{"type":"event_callback","event_id":"Ev1"}', 'application/json', 400],
    ['a form without payload or command', 'foo=bar&user_id=UANA0001', FORM, 400],
    ['a payload that is not JSON', 'payload=%7B%22type%22%3A%22block_actions%22', FORM, 400],
    ['a payload of an unknown type', `payload=${encodeURIComponent('{"type":"dialog_submission"}')}`, FORM, 400],
    ['block_actions without actions', `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"UANA0001"}}')}`, FORM, 400],
    ['a view_submission without its view', `payload=${encodeURIComponent('{"type":"view_submission","user":{"id":"UANA0001"}}')}`, FORM, 400],
    ['an empty body', '', 'application/json', 400],
    ['a JSON event sent as text/plain', JSON.stringify(messageIm({ user: ANA, text: 'help', channel: 'DANA0001' })), 'text/plain', 415],
    ['multipart form data', '--x\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{}\r\n--x--', 'multipart/form-data; boundary=x', 415],
    ['a body over MAX_BODY_BYTES', `payload=${'x'.repeat(5000)}`, FORM, 413],
  ];

  it.each(cases)('answers %s with a 4xx and calls nobody', async (_name, body, type, status) => {
    const since = t.slack.calls.length;
    const res = await postSigned(t.url, body, type);
    expect(res.status).toBe(status);
    expect(t.slack.calls.slice(since)).toEqual([]);
  });

  it('answers an unsigned malformed body with 401', async () => {
    expect((await postSigned(t.url, '{"broken', 'application/json', { signature: 'v0=deadbeef' })).status).toBe(401);
  });

  it('acknowledges app_rate_limited (which Bolt does not know) without waiting', async () => {
    const res = await postSigned(t.url, JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: 'T0WBBSI01', minute_rate_limited: 1796200000, api_app_id: 'A0WBBSI001' }), 'application/json');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
  });

  it('answers Slack URL verification with the challenge', async () => {
    const res = await postSigned(t.url, JSON.stringify({ token: 'x', challenge: 'c8Dq3Zp', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c8Dq3Zp' });
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const { res, answer } = await t.command(ANA, 'help');
    expect(res.status).toBe(200);
    expect(String((await answer()).body.text)).toMatch(/Hello Ana/);
    expect((await sendEvent(t.url, messageIm({ user: ANA, text: 'help', channel: 'DANA0001' }))).status).toBe(200);
  });
});
