import { Writable } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import type { TurnHandlers } from '../../../adapters/teams/inbound/turn-handlers';
import type { ReplySender } from '../../../adapters/teams/reply-sender';
import { createTeamsAdapter } from '../../../adapters/teams/teams-adapter';
import { createTeamsApplication } from '../../../adapters/teams/teams-bot';
import { createTeamsComponent } from '../../../adapters/teams/teams-component';
import { createHttpApp, finishHttpApp, listen, type RunningServer } from '../../../app/server';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/support/logger';
import { fixture } from '../../support/teams-kit';
import { openTestCore, type TestCore } from '../../support/test-core';

/** A logger whose lines we can read. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('the Teams component', () => {
  let tc: TestCore;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    tc = await openTestCore();
  });
  afterAll(() => tc.close());
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('is not mounted when Teams is not configured', () => {
    const config = loadConfig({ NODE_ENV: 'production', FILE_LINK_SECRET: 's3cret-'.repeat(5) });
    const { logger } = capturingLogger();
    expect(config.teams).toBeUndefined();
    expect(createTeamsComponent({ core: tc.core, http: createHttpApp(logger), config, logger })).toBeNull();
  });

  it('says so in the log when it runs in local mode, without authentication', () => {
    const config = loadConfig({ TEAMS_LOCAL_MODE: 'true' });
    const { logger, lines } = capturingLogger();
    const c = createTeamsComponent({ core: tc.core, http: createHttpApp(logger), config, logger });
    expect(c?.name).toBe('teams');
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'Teams local mode: no Bot Framework authentication (tests and local trials only)' }));
  });

  it('checks Bot Framework authentication in production: an activity without a token gets 401', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      FILE_LINK_SECRET: 's3cret-'.repeat(5),
      PUBLIC_URL: 'https://wbbsi-bot.example.org',
      MicrosoftAppId: '6f1c2a3b-aad0-4c5d-9e8f-0123456789ab',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    const { logger, lines } = capturingLogger();
    const http = createHttpApp(logger);
    expect(createTeamsComponent({ core: tc.core, http, config, logger })).not.toBeNull();
    finishHttpApp(http, logger);
    expect(lines.map((l) => l.msg)).not.toContain('Teams local mode: no Bot Framework authentication (tests and local trials only)');
    server = await listen(http, 0, '127.0.0.1');
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); // botbuilder prints the refusal
    // A Teams service host (a foreign one is refused before authentication: test/security/teams-service-url).
    const activity = { ...fixture('personal-message'), serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(consoleError).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 401 }));
    consoleError.mockRestore();
  });

  it('refuses to build without a password outside local mode', () => {
    const { logger } = capturingLogger();
    const config = { ...loadConfig({ TEAMS_LOCAL_MODE: 'true' }), teams: { appId: 'x', appType: 'MultiTenant' as const, localMode: false } };
    expect(() => createTeamsComponent({ core: tc.core, http: createHttpApp(logger), config, logger })).toThrow(/MicrosoftAppPassword/);
  });

  it('starts no typing timer (teams-ai 1.7.4 ignores its own startTypingTimer option; ours honours it)', () => {
    const { logger } = capturingLogger();
    const { adapter } = createTeamsAdapter({ appType: 'MultiTenant', localMode: true }, logger);
    const app = createTeamsApplication({ adapter, appId: '', turns: {} as TurnHandlers, sender: {} as ReplySender, logger });
    const onSendActivities = jest.fn();
    app.startTypingTimer({ activity: { type: 'message' }, onSendActivities } as unknown as TurnContext);
    expect(onSendActivities).not.toHaveBeenCalled(); // the timer hooks outgoing sends when it starts
  });
});
