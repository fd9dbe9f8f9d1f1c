import type { Actor } from '../../src/domain/actor';
import { addPerson } from './people';
import type { StandinCall, SlackStandin } from './slack-standin';
import { startSlackStandin } from './slack-standin';
import { slashCommand, messageIm } from './slack-payloads';
import { sendCommand, sendEvent, SIGNING_SECRET, type SlackResponse } from './slack-signing';
import { startTestApp, type TestApp } from './test-app';

export interface SlackTestApp extends TestApp {
  slack: SlackStandin;
  /** `/wbbsi <text>` as this Slack user; `answer` is the ephemeral reply posted to the response_url. */
  command(user: string, text: string, opts?: { channel?: string }): Promise<{ res: SlackResponse; answer: () => Promise<StandinCall>; since: number }>;
  /** A DM to the bot; resolves with the first reply posted in the DM whose text matches `expect`. */
  dm(user: string, text: string, expect: RegExp): Promise<StandinCall>;
  /** The next message the bot posts in this user's DM that matches `expect` (after call index `since`). */
  nextDm(user: string, expect: RegExp, since: number): Promise<StandinCall>;
  /** Adds a person to the roster and, when they have a Slack id, to the Slack workspace. */
  addPerson(p: Parameters<typeof addPerson>[1]): Promise<Actor>;
}

/** The channel of the recorded Slack fixtures (slash commands and @mentions come from it). */
export const FIXTURE_CHANNEL = 'C0SUPPORT01';

export const dmOf = (user: string) => `D${user.slice(1)}`;
let responses = 0;

/** The real app with Slack enabled, its Web API pointed at a local stand-in. */
export async function startSlackTestApp(env: Record<string, string> = {}): Promise<SlackTestApp> {
  const slack = await startSlackStandin();
  // The workspace has the Support Group channel of the fixtures and the channel the bot posts to.
  slack.addChannel(FIXTURE_CHANNEL, ...(env.SLACK_CHANNEL ? [env.SLACK_CHANNEL] : []));
  const t = await startTestApp({ env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, ...env } });
  const nextDm = (user: string, expect: RegExp, since: number) =>
    slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === dmOf(user) && expect.test(String(c.body.text)) });
  return {
    ...t,
    slack,
    async command(user, text, opts = {}) {
      const since = slack.calls.length;
      const id = `T0WBBSI01/77${(responses += 1)}/cmd`;
      const res = await sendCommand(t.url, slashCommand({ user, text, responseUrl: slack.responseUrl(id), channel: opts.channel }));
      return { res, since, answer: () => slack.waitFor('response_url', { since, where: (c) => c.path.endsWith(id) }) };
    },
    async dm(user, text, expect) {
      const since = slack.calls.length;
      const res = await sendEvent(t.url, messageIm({ user, text, channel: dmOf(user) }));
      if (res.status !== 200) throw new Error(`event refused: ${res.status} ${res.text}`);
      return nextDm(user, expect, since);
    },
    nextDm,
    async addPerson(p) {
      if (p.slackId) slack.addUser(p.slackId);
      return addPerson(t.app.core.store, p);
    },
    stop: async () => {
      await t.stop();
      await slack.close();
    },
  };
}
