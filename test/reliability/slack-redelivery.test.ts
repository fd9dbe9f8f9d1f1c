import type { Actor } from '../../src/domain/actor';
import { addAnaAndSead } from '../support/people';
import { messageIm } from '../support/slack-payloads';
import { SIGNING_SECRET, sendEvent } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';
import { uniqueDbName } from '../support/test-db';

/**
 * Slack redelivers an event it believes we missed, up to three times (X-Slack-Retry-Num 1..3), with
 * the same event_id, and behind a load balancer a redelivery may reach another instance. Here the
 * event is the "submit" that saves a need at the end of a conversation in the DM: the original goes
 * to instance A, the three retries arrive together at A and B. One record, one confirmation.
 */
const ANA = 'UREDELIV1';
const DM = `D${ANA.slice(1)}`;
const NEED_ANSWERS = ['Radios for joint patrols', 'operational', 'response', 'cooperation', 'Digital radios for joint patrols.', 'Analogue radios cannot talk to neighbours.', 'Border Police', 'medium', 'medium'];

describe('Slack redelivering an event three times, to two instances', () => {
  let slack: SlackStandin;
  let a: TestApp;
  let b: TestApp;
  let ana: Actor;
  let secretariat: Actor;

  beforeAll(async () => {
    slack = await startSlackStandin();
    const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl };
    const dbName = uniqueDbName('redeliver');
    a = await startTestApp({ env, dbName });
    b = await startTestApp({ env, dbName });
    ({ ana, secretariat } = await addAnaAndSead(a.app.core.store, ANA, slack));
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
    await slack.close();
  });

  const postsInDm = (since: number) => slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.body.channel === DM).map((c) => String(c.body.text));

  it('stores one record and confirms once', async () => {
    // The conversation up to the review, as Ana typed it (through the core: the DM path is tested elsewhere).
    const ctx = { mode: 'chat' as const, platform: 'slack' as const };
    let r = await a.app.core.conversation.handle(ana, { text: 'need' }, ctx);
    for (const text of NEED_ANSWERS) r = await a.app.core.conversation.handle(ana, { text }, ctx);
    expect(r.messages.map((m) => m.text).join('\n')).toMatch(/Here is your need\. Please check it/);

    const since = slack.calls.length;
    const submit = messageIm({ user: ANA, text: 'submit', channel: DM, eventId: 'Ev0REDELIVERSUBMIT' });
    expect((await sendEvent(a.url, submit)).status).toBe(200);
    const retries = await Promise.all([
      sendEvent(a.url, submit, { retryNum: 1 }),
      sendEvent(b.url, submit, { retryNum: 2 }),
      sendEvent(b.url, submit, { retryNum: 3 }),
    ]);
    expect(retries.map((x) => x.status)).toEqual([200, 200, 200]);

    // Each instance handles one person's events in order: once a later message is answered on both,
    // every delivery above has been handled (or dropped).
    for (const app of [a, b]) {
      const mark = slack.calls.length;
      expect((await sendEvent(app.url, messageIm({ user: ANA, text: 'help', channel: DM }))).status).toBe(200);
      await slack.waitFor('chat.postMessage', { since: mark, where: (c) => c.body.channel === DM && /What would you like to do\?/.test(String(c.body.text)), timeoutMs: 15_000 });
    }

    const needs = (await a.app.core.store.records.list(secretariat, { type: 'need' })).filter((x) => x.data.title === 'Radios for joint patrols');
    expect(needs).toHaveLength(1);
    const posts = postsInDm(since);
    expect(posts.filter((p) => /I have saved need/.test(p))).toHaveLength(1);
    // Nothing else answered the redeliveries (no "Already saved", no "I did not recognise").
    expect(posts.filter((p) => !/I have saved need|What would you like to do\?/.test(p))).toEqual([]);
    expect(await a.app.core.store.seenKeys.claim('slack-event|Ev0REDELIVERSUBMIT')).toBe(false);
  });
});
