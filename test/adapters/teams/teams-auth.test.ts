import { BotConnectorStandin } from '../../support/bot-connector-standin';
import { newSigningKey } from '../../support/jwt';
import { addPerson } from '../../support/people';
import { BOT_FRAMEWORK, TEST_APP_ID } from '../../support/teams-auth-standin';
import { TeamsKit, personalConversation, textOf, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';
import { startTestApp, type TestApp } from '../../support/test-app';

const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };

/**
 * Bot Framework authentication both ways, with MicrosoftAppId set, against local stand-ins of the
 * Bot Framework's OpenID metadata, Microsoft's login service (HTTPS, MSAL) and the Bot Connector:
 * an activity is handled only with a token the Bot Framework signed for this bot and this
 * serviceUrl; every call the bot makes carries a token it got for the Bot Connector.
 */
describe('Teams with authentication on (MicrosoftAppId set)', () => {
  let t: TeamsTestApp;
  beforeAll(async () => {
    t = await startTeamsTestApp();
    await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
  });
  afterAll(() => t.stop());

  it('answers a signed activity, and calls the Bot Connector with a token from the login service', async () => {
    const calls = await t.kit.say(ana, 'help');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'reply', status: 200, conversationId: personalConversation(ana.aad) });
    expect(textOf(calls[0]!)).toMatch(/What would you like to do\?/);
    expect(calls[0]!.authorization).toMatch(/^Bearer ey/);
    expect(t.auth.botTokenProblem(calls[0]!.authorization)).toBeNull();
    expect(t.auth.tokenRequests).toContainEqual({ clientId: TEST_APP_ID, scope: `${BOT_FRAMEWORK}/.default`, granted: true });
  });

  it('refuses with 401, and does nothing, an activity without a valid token for this bot and this serviceUrl', async () => {
    const activity = () => t.kit.activity('personal-message', ana, { text: 'nothing new' });
    const serviceUrl = t.connector.url;
    const stranger = newSigningKey(t.auth.channelKey.kid); // same key id, another key: a forged signature
    const now = Math.floor(Date.now() / 1000);
    const refused: Record<string, Record<string, string>> = {
      'no token': { authorization: '' },
      unsigned: { authorization: t.auth.channelAuthorization(serviceUrl, { key: null }) },
      'forged signature': { authorization: t.auth.channelAuthorization(serviceUrl, { key: stranger }) },
      'another bot (audience)': { authorization: t.auth.channelAuthorization(serviceUrl, { claims: { aud: '11111111-2222-4333-8444-555555555555' } }) },
      'another serviceUrl': { authorization: t.auth.channelAuthorization('https://smba.trafficmanager.net/teams/') },
      expired: { authorization: t.auth.channelAuthorization(serviceUrl, { claims: { iat: now - 7200, nbf: now - 7200, exp: now - 3600 } }) },
      'another issuer': { authorization: t.auth.channelAuthorization(serviceUrl, { claims: { iss: 'https://evil.example' } }) },
    };
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); // botbuilder prints each refusal
    try {
      const drafts = await t.app.core.store.ctx.models.drafts.countDocuments({});
      const results: Record<string, number> = {};
      for (const [name, headers] of Object.entries(refused)) {
        const r = await t.kit.post(activity(), headers);
        results[name] = r.status;
        expect(r.calls).toEqual([]);
      }
      expect(results).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 401])));
      expect(await t.app.core.store.checkins.get(await t.app.core.conversation.identify({ platform: 'teams', userId: ana.aad }).then((a) => a!), 'MOI-RS', '2026-Q4')).toBeNull();
      expect(await t.app.core.store.ctx.models.drafts.countDocuments({})).toBe(drafts);
    } finally {
      consoleError.mockRestore();
    }
  });
});

/** The one test of local mode (TEAMS_LOCAL_MODE, no app id): the Emulator path, nothing checked either way. */
describe('Teams in local mode', () => {
  let connector: BotConnectorStandin;
  let t: TestApp;
  beforeAll(async () => {
    connector = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true' } });
    await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
  });
  afterAll(async () => {
    await t.stop();
    await connector.stop();
  });

  it('answers an unsigned activity, and replies without a token', async () => {
    const calls = await new TeamsKit(t.url, connector).say(ana, 'help');
    expect(calls.map((c) => c.status)).toEqual([200]);
    expect(textOf(calls[0]!)).toMatch(/What would you like to do\?/);
    expect(calls[0]!.authorization).toBeUndefined();
  });
});
