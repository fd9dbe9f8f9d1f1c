import { request } from 'node:https';
import { BotConnectorStandin, MESSAGE_SIZE_LIMIT_BYTES } from '../support/bot-connector-standin';
import { BOT_FRAMEWORK, TEST_APP_ID, TEST_APP_PASSWORD, TeamsAuthStandin } from '../support/teams-auth-standin';

/**
 * The Bot Connector stand-in and the login service behind it say no where Microsoft's say no
 * (sources in test/support/bot-connector-standin.ts and teams-auth-standin.ts). Each rule is shown
 * refusing once, over plain HTTP, as the bot's SDK would meet it.
 */
describe('the Bot Connector stand-in refuses what the Bot Connector refuses', () => {
  let auth: TeamsAuthStandin;
  let connector: BotConnectorStandin;
  const conversation = 'a:1personal-standin-test';

  beforeAll(async () => {
    auth = await new TeamsAuthStandin().start();
    connector = await new BotConnectorStandin({ auth }).start();
  });
  afterAll(async () => {
    await connector.stop();
    await auth.stop();
  });

  /** The bot's client-credentials request to the login service (HTTPS, the stand-in's certificate trusted). */
  function askForToken(secret: string): Promise<{ status: number; body: Record<string, string> }> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_APP_ID, client_secret: secret, scope: `${BOT_FRAMEWORK}/.default` }).toString();
    return new Promise((resolve, reject) => {
      const req = request(`${auth.loginUrl}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, string> }));
      });
      req.on('error', reject);
      req.end(form);
    });
  }

  const send = (activity: Record<string, unknown>, authorization?: string) =>
    fetch(`${connector.url}v3/conversations/${encodeURIComponent(conversation)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
  const message = (text: string) => ({ type: 'message', text });

  it('gives the bot a token for its own secret only, and accepts an activity that carries it', async () => {
    expect(await askForToken('wrong-secret')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const granted = await askForToken(TEST_APP_PASSWORD);
    expect(granted).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
    const res = await send(message('Hello'), `Bearer ${granted.body.access_token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: expect.stringMatching(/^1:standin-/) });
  });

  it('answers 401 to an activity without the bot’s bearer token', async () => {
    expect((await send(message('Hello'))).status).toBe(401);
    const forged = auth.channelAuthorization(connector.url); // a token, but not one the login service issued to the bot
    expect((await send(message('Hello'), forged)).status).toBe(401);
    expect(connector.calls.filter((c) => c.status === 401).map((c) => c.error)).toEqual(['Unauthorized', 'Unauthorized']);
  });

  it('answers 413 MessageSizeTooBig to a message over Teams’ size limit (UTF-16)', async () => {
    const token = `Bearer ${(await askForToken(TEST_APP_PASSWORD)).body.access_token}`;
    const res = await send(message('x'.repeat(MESSAGE_SIZE_LIMIT_BYTES / 2)), token);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
  });

  it('answers 403 BotNotInConversationRoster in a conversation the bot was removed from', async () => {
    const token = `Bearer ${(await askForToken(TEST_APP_PASSWORD)).body.access_token}`;
    connector.removeBotFrom(conversation);
    const res = await send(message('Hello'), token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'BotNotInConversationRoster' } });
  });
});
