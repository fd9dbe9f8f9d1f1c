import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Actor } from '../../src/domain/actor';
import { DeliveryError } from '../../src/notify/notifier';
import { BotConnectorStandin } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { TeamsKit, fixture, type TeamsPerson } from '../support/teams-kit';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Finding 1 (Teams): a forged activity cannot make the bot talk to a host of the forger's choosing.
 * In local mode only loopback service URLs are accepted; with authentication only Microsoft's Teams
 * service hosts. A refused activity gets 403: nothing is stored (no address, no seen id, no draft)
 * and nothing is sent, there or anywhere. Addresses stored before the rule existed are not used.
 */

/** A would-be Bot Connector on this machine's network address: records every request it gets. */
async function startForeignHost(): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1:foreign"}');
  });
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  await new Promise<void>((resolve) => server.listen(0, external ? '0.0.0.0' : '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // Without a network address, a TEST-NET address (RFC 5737) stands for "another machine".
  return { url: `http://${external ?? '203.0.113.7'}:${port}/`, requests, server };
}

const TENANT = '4b9a1f2e-7c3d-4e5f-8a9b-0c1d2e3f4a5b';
const counts = async (t: TestApp) => {
  const m = t.app.core.store.ctx.models;
  return { addresses: await m.addresses.countDocuments({}), seen: await m.seenKeys.countDocuments({}), drafts: await m.drafts.countDocuments({}) };
};

describe('Teams local mode: only loopback service URLs', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;
  let foreign: Awaited<ReturnType<typeof startForeignHost>>;
  let kit: TeamsKit;
  let ana: Actor;
  const sead: TeamsPerson = { aad: '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d', name: 'Sead Hodžić' };
  const anaTeams: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    foreign = await startForeignHost();
    // Teams is the only notifier, so a proactive message has nowhere else to go.
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true', CONSOLE_ENABLED: 'false' } });
    kit = new TeamsKit(t.url, standin);
    await addPerson(t.app.core.store, { name: sead.name, email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', teamsId: sead.aad });
    ana = await addPerson(t.app.core.store, { name: anaTeams.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: anaTeams.aad });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
    await new Promise((resolve) => foreign.server.close(resolve));
  });

  it('refuses a forged activity (a Secretariat member’s id) naming a foreign serviceUrl: 403, nothing stored, nothing sent', async () => {
    const before = await counts(t);
    for (const activity of [
      kit.activity('personal-message', sead, { text: 'status', serviceUrl: foreign.url }),
      kit.activity('channel-mention-message', sead, { serviceUrl: foreign.url }),
      kit.activity('conversation-update-team-added', sead, { serviceUrl: foreign.url }),
      kit.activity('personal-message', sead, { text: 'need', serviceUrl: 'https://smba.trafficmanager.net/emea/' }), // no authentication: not even Microsoft's
    ]) {
      const res = await kit.post(activity);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ ok: false, error: 'service_url_refused' });
    }
    expect(await counts(t)).toEqual(before);
    expect(await t.app.core.store.addresses.get('teams', 'person', sead.aad)).toBeNull();
    expect(foreign.requests).toHaveLength(0);
    expect(standin.calls).toHaveLength(0);
  });

  it('answers the same person from a loopback serviceUrl', async () => {
    const res = await kit.post(kit.activity('personal-message', sead, { text: 'status' }));
    expect(res.status).toBe(200);
    expect(res.calls).toHaveLength(1);
    expect(await t.app.core.store.addresses.get('teams', 'person', sead.aad)).toMatchObject({ ref: { serviceUrl: standin.url } });
  });

  it('never sends to a foreign address stored before the rule (a person’s, or a route handed to someone else)', async () => {
    const store = t.app.core.store;
    const planted = (conversationId: string, user?: string) => ({
      channelId: 'msteams',
      serviceUrl: foreign.url,
      bot: { id: '28:bot', name: 'WBBSi' },
      ...(user ? { user: { id: `29:${user}`, name: '', aadObjectId: user } } : {}),
      conversation: { id: conversationId, name: '', conversationType: user ? 'personal' : 'channel', isGroup: !user, tenantId: TENANT },
    });
    await store.addresses.save('teams', 'person', anaTeams.aad, planted('a:planted-ana', anaTeams.aad));
    await store.addresses.save('teams', 'channel', '19:planted@thread.tacv2', planted('19:planted@thread.tacv2'));

    const before = standin.calls.length;
    const sent = await t.app.core.notifier.send({ kind: 'person', personId: ana.personId }, { text: 'Reminder: your 2026-Q4 report is due.' });
    // Ana's planted chat is ignored; a new 1:1 chat is opened through the route of a genuine activity.
    expect(sent).toMatchObject({ platform: 'teams', channel: `person:${anaTeams.aad}` });
    const calls = standin.calls.slice(before);
    expect(calls.filter((c) => c.kind === 'create').map((c) => c.body.members)).toEqual([[{ id: anaTeams.aad, name: '' }]]);
    expect(foreign.requests).toHaveLength(0);
    await expect(t.app.core.notifier.send({ kind: 'channel', platform: 'teams', channel: '19:planted@thread.tacv2' }, { text: 'Summary' })).rejects.toBeInstanceOf(DeliveryError);
    expect(foreign.requests).toHaveLength(0);
  });
});

describe('Teams with authentication: only Microsoft’s Teams service hosts', () => {
  let t: TestApp;
  let standin: BotConnectorStandin;

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { MicrosoftAppId: '6f1c2a3b-aad0-4c5d-9e8f-0123456789ab', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  const post = (serviceUrl: string) =>
    fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fixture('personal-message'), serviceUrl }) });

  it.each([
    ['a host of its own', 'https://evil.example/emea/'],
    ['a look-alike host', 'https://smba.trafficmanager.net.evil.example/emea/'],
    ['a sibling on trafficmanager.net', 'https://evil.trafficmanager.net/emea/'],
    ['plain http', 'http://smba.trafficmanager.net/emea/'],
    ['another port', 'https://smba.trafficmanager.net:8443/emea/'],
    ['credentials in the URL', 'https://user:pass@smba.trafficmanager.net/emea/'],
    ['loopback (local mode only)', 'http://127.0.0.1:9/'],
  ])('refuses %s with 403 before authentication', async (_name, serviceUrl) => {
    const before = await counts(t);
    const res = await post(serviceUrl);
    expect(res.status).toBe(403);
    expect(await counts(t)).toEqual(before);
  });

  it.each([
    ['the public cloud', 'https://smba.trafficmanager.net/emea/'],
    ['GCC', 'https://smba.infra.gcc.teams.microsoft.com/teams/'],
    ['GCC High', 'https://smba.infra.gov.teams.microsoft.us/teams/'],
    ['DoD', 'https://smba.infra.dod.teams.microsoft.us/teams/'],
  ])('passes %s on to Bot Framework authentication (no token here: 401)', async (_name, serviceUrl) => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); // botbuilder prints the refusal
    try {
      expect((await post(serviceUrl)).status).toBe(401);
    } finally {
      consoleError.mockRestore();
    }
  });
});
