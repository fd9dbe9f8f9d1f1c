import type { Actor } from '../../src/domain/actor';
import { ManualClock } from '../../src/support/clock';
import { BotConnectorStandin, type ConnectorCall } from './bot-connector-standin';
import { DeliveryLog, type Delivered } from './delivery-log';
import { addPerson } from './people';
import { clickOnMessage, messageIm, type Click } from './slack-payloads';
import { SIGNING_SECRET, sendEvent, sendInteraction } from './slack-signing';
import { startSlackStandin, type SlackStandin, type StandinCall } from './slack-standin';
import { TeamsAuthStandin } from './teams-auth-standin';
import { TeamsKit, personalConversation, type TeamsPerson } from './teams-kit';
import { startTestApp, type TestApp } from './test-app';

/** The Support Group's Slack channel in these tests (SLACK_CHANNEL). */
export const SLACK_GROUP_CHANNEL = 'C0WBBSIGRP';
/** The Support Group's Teams channel: the team the bot is added to at start (TEAMS_CHANNEL). */
export const TEAMS_GROUP_CHANNEL = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';

export interface NotifyApp extends TestApp {
  clock: ManualClock;
  slack: SlackStandin;
  connector: BotConnectorStandin;
  auth: TeamsAuthStandin;
  kit: TeamsKit;
  /** Every message the stand-ins accepted, rendered, with the simulated time it was sent. */
  log: DeliveryLog;
  /** A person in the roster; a Slack id is also added to the Slack workspace (Teams people are in the team's tenant). */
  person(p: Parameters<typeof addPerson>[1]): Promise<Actor>;
  /** What this person received, on whichever platform reached them. */
  to(p: { slackId?: string; teamsId?: string }): Delivered[];
  /** Sets the clock to `at`, runs `job(at)` and stamps what it sent with `at`. */
  tick<T>(at: Date, job: (at: Date) => Promise<T>): Promise<T>;
  /** Types in the person's Slack DM with the bot; resolves with the bot's next message there. */
  slackSay(slackId: string, text: string): Promise<StandinCall>;
  /** Clicks a button of a Slack message the person received; resolves with the bot's next message in the DM. */
  slackClick(slackId: string, message: Delivered, click: Click): Promise<StandinCall>;
  /** Types in the person's Teams chat with the bot; resolves with the bot's answer (cards). */
  teamsSay(who: TeamsPerson, text: string): Promise<ConnectorCall[]>;
  /** Clicks a button of a Teams card the person received. */
  teamsClick(who: TeamsPerson, message: Delivered, title: string | RegExp): Promise<ConnectorCall[]>;
}

/**
 * The real app with the real Slack and Teams notifiers, each against its stand-in (Slack Web API;
 * Bot Connector with authentication on), for the scheduled features: reminders, freshness offers,
 * digests, action items, consultation rounds. The console is off, as in production, so a person
 * with neither a Slack nor a Teams id cannot be reached and the delivery ledger records it. The bot
 * is in the Support Group team, so it can open a chat with anyone of that tenant who has a Teams id.
 */
export async function startNotifyApp(opts: { now: string; env?: Record<string, string> }): Promise<NotifyApp> {
  const clock = new ManualClock(new Date(opts.now));
  const slack = await startSlackStandin();
  slack.addChannel(SLACK_GROUP_CHANNEL);
  const auth = await new TeamsAuthStandin().start();
  const connector = await new BotConnectorStandin({ auth }).start();
  const t = await startTestApp({
    clock,
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: SLACK_GROUP_CHANNEL,
      TEAMS_CHANNEL: TEAMS_GROUP_CHANNEL,
      CONSOLE_ENABLED: 'false',
      TIMEZONE: 'Europe/Sarajevo',
      ...auth.env(),
      TEAMS_SERVICE_URLS: connector.url,
      ...opts.env,
    },
  });
  const kit = new TeamsKit(t.url, connector, auth);
  const added = await kit.post(kit.activity('conversation-update-team-added', { aad: '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d', name: 'Team owner' }));
  if (added.status !== 200) throw new Error(`adding the bot to the team: ${added.status} ${added.text}`);
  const log = new DeliveryLog(slack, connector);
  log.mark(clock.now()); // the greeting in the team is not part of any test
  log.all.length = 0;

  const teamsChats = (aad: string) =>
    new Set([personalConversation(aad), ...connector.accepted((c) => c.kind === 'create' && JSON.stringify(c.body.members ?? []).includes(aad)).map((c) => c.id!)]);
  return {
    ...t,
    clock,
    slack,
    connector,
    auth,
    kit,
    log,
    async person(p) {
      if (p.slackId) slack.addUser(p.slackId);
      return addPerson(t.app.core.store, p);
    },
    to(p) {
      const chats = p.teamsId ? teamsChats(p.teamsId) : new Set<string>();
      return log.all.filter((d) => (p.slackId && d.platform === 'slack' && d.conversation === `D${p.slackId.slice(1)}`) || (d.platform === 'teams' && chats.has(d.conversation)));
    },
    async slackSay(slackId, text) {
      const since = slack.calls.length;
      const res = await sendEvent(t.url, messageIm({ user: slackId, text, channel: `D${slackId.slice(1)}` }));
      if (res.status !== 200) throw new Error(`event refused: ${res.status} ${res.text}`);
      const answer = await slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === `D${slackId.slice(1)}` });
      log.mark(clock.now(), 'reply');
      return answer;
    },
    async slackClick(slackId, message, click) {
      const since = slack.calls.length;
      const posted = { ...message.slack!.body, ts: `${1796300000 + since}.000001` };
      const res = await sendInteraction(t.url, clickOnMessage({ user: slackId, posted, click, responseUrl: slack.responseUrl(`click${since}`) }));
      if (res.status !== 200) throw new Error(`click refused: ${res.status} ${res.text}`);
      const answer = await slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === `D${slackId.slice(1)}` });
      log.mark(clock.now(), 'reply');
      return answer;
    },
    async teamsSay(who, text) {
      const calls = await kit.say(who, text);
      log.mark(clock.now(), 'reply');
      return calls;
    },
    async teamsClick(who, message, title) {
      const calls = await kit.click(who, message.teams!, title);
      log.mark(clock.now(), 'reply');
      return calls;
    },
    async tick(at, job) {
      clock.set(at);
      const result = await job(at);
      log.mark(at);
      return result;
    },
    stop: async () => {
      await t.stop();
      await connector.stop();
      await auth.stop();
      await slack.close();
    },
  };
}
