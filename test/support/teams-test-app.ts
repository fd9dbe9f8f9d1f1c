import type { Actor } from '../../src/domain/actor';
import type { Clock } from '../../src/support/clock';
import { BotConnectorStandin } from './bot-connector-standin';
import { addPerson } from './people';
import { TeamsAuthStandin } from './teams-auth-standin';
import { TeamsKit } from './teams-kit';
import { startTestApp, type TestApp } from './test-app';

export interface TeamsTestApp extends TestApp {
  /** The Bot Connector service the bot replies to (refuses calls without the bot's token). */
  connector: BotConnectorStandin;
  /** The Bot Framework's signing keys and the login service issuing the bot's tokens. */
  auth: TeamsAuthStandin;
  /** Posts signed activities as Teams does. */
  kit: TeamsKit;
  addPerson(p: Parameters<typeof addPerson>[1]): Promise<Actor>;
}

/**
 * The real app with Teams and authentication on (MicrosoftAppId set), as in production: every
 * activity it receives carries a Bot Framework token it checks against the stand-in's OpenID
 * metadata, and every call it makes to the Bot Connector carries a token it got from the stand-in's
 * login service. `env` adds to the app's environment (e.g. TEAMS_CHANNEL, Slack).
 */
export async function startTeamsTestApp(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<TeamsTestApp> {
  const auth = await new TeamsAuthStandin().start();
  const connector = await new BotConnectorStandin({ auth }).start();
  // The connector stand-in is this test's private cloud: its origin is allowed as a Teams service (TEAMS_SERVICE_URLS).
  const t = await startTestApp({ env: { ...auth.env(), TEAMS_SERVICE_URLS: connector.url, ...opts.env }, ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    ...t,
    connector,
    auth,
    kit: new TeamsKit(t.url, connector, auth),
    addPerson: (p) => addPerson(t.app.core.store, p),
    stop: async () => {
      await t.stop();
      await connector.stop();
      await auth.stop();
    },
  };
}
