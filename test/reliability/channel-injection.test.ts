import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { BotConnectorStandin } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { blocksText, slashCommand, viewSubmission } from '../support/slack-payloads';
import { sendCommand, sendInteraction, SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';
import { disguisedSlackLinks, FORBIDDEN_IN_SLACK, teamsLeaks } from './hostile/corpus';

/**
 * Text people typed, quoted in what the bot posts: a meeting whose title, venue, agenda and
 * decisions carry mass mentions, disguised links, markdown and HTML, posted to the Support Group
 * channel on Slack and on Teams; and a development update with such a title, listed back by
 * `/wbbsi mine`. Everything arrives, but as text: no mention, no link hiding where it goes.
 */
const SLACK_CHANNEL = 'C0WBBSIGRP';
const TEAMS_CHANNEL = '19:wbbsi-support-group@thread.tacv2';
const BOT = { id: '28:wbbsi-bot', name: 'WBBSi' };
const HOSTILE_TITLE = '<!channel> *URGENT* <https://evil.example/login|Open the agenda> <script>alert(1)</script>';
const MEETING = {
  type: 'support-group',
  title: HOSTILE_TITLE,
  startsAt: '2027-01-20T09:00:00Z',
  venue: '[Open the agenda](https://evil.example/login) @channel <img src=x onerror=alert(1)>',
  participants: ['MOI-RS'],
  agenda: ['<!here> first item', '<@U0SEC0001> <#C0WBBSIGRP> second item', '<!subteam^S0123|@admins> third'],
  decisions: ['Board: <!everyone> adopt <https://evil.example/list|the regional list>'],
};

describe('what people typed, quoted in channel posts and replies', () => {
  let slack: SlackStandin;
  let connector: BotConnectorStandin;
  let t: TestApp;
  let sec: Actor;

  beforeAll(async () => {
    slack = await startSlackStandin();
    connector = await new BotConnectorStandin().start();
    t = await startTestApp({
      env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SLACK_CHANNEL, TEAMS_LOCAL_MODE: 'true', TEAMS_CHANNEL },
    });
    slack.addUser('U0SEC0001', 'UANA0001');
    slack.addChannel(SLACK_CHANNEL);
    sec = await addPerson(t.app.core.store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEC0001', teamsId: 'aad-sead' });
    await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'UANA0001' });
    expect(await t.app.core.submissions.submit(sec, getForm('meeting')!, MEETING)).toMatchObject({ ok: true, id: 'MT-2027-001' });
  });
  afterAll(async () => {
    await t.stop();
    await slack.close();
    await connector.stop();
  });

  it('posts the meeting summary to the Slack channel with every mention escaped and every link showing its host', async () => {
    const since = slack.calls.length;
    await sendCommand(t.url, slashCommand({ user: 'U0SEC0001', text: 'meeting post MT-2027-001', responseUrl: slack.responseUrl('post') }));
    const posted = await slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === SLACK_CHANNEL });
    const payload = JSON.stringify(posted.body);
    expect(FORBIDDEN_IN_SLACK.filter(([, re]) => re.test(payload)).map(([what]) => what)).toEqual([]);
    expect(disguisedSlackLinks(payload)).toEqual([]);
    const text = blocksText(posted.body.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('Open the agenda (<https://evil.example/login|evil.example>)');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('the regional list (<https://evil.example/list|evil.example>)');
    expect(text).toContain('&lt;@U0SEC0001&gt;');
    expect(String(posted.body.text)).not.toMatch(/<!channel>|<!here>|<!everyone>/);
  });

  it('posts it to the Teams channel with no mention entity and no link hiding its destination', async () => {
    const res = await fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'msg-inject-1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:sead', name: 'Sead', aadObjectId: 'aad-sead' },
        recipient: BOT,
        conversation: { id: `${TEAMS_CHANNEL};messageid=1700000001`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-iisg' },
        channelData: { tenant: { id: 'tenant-iisg' }, channel: { id: TEAMS_CHANNEL } },
        text: '<at>WBBSi</at> meeting post MT-2027-001',
        entities: [{ type: 'mention', mentioned: BOT, text: '<at>WBBSi</at>' }],
      }),
    });
    expect(res.status).toBeLessThan(300);
    const [sent] = await connector.waitFor((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === TEAMS_CHANNEL);
    expect(teamsLeaks(sent!.body)).toEqual([]);
    const card = JSON.stringify(sent!.body.attachments);
    expect(card).toContain('Open the agenda ([evil.example](https://evil.example/login))');
    expect(card).toContain('[Open the agenda]\u200B(https://evil.example/login)'); // typed markdown stays text
    expect(card).toContain('the regional list ([evil.example](https://evil.example/list))');
  });

  it('lists an update with such a title back to its author as text', async () => {
    let since = slack.calls.length;
    await sendCommand(t.url, slashCommand({ user: 'UANA0001', text: 'update', responseUrl: slack.responseUrl('upd') }));
    const opened = (await slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
    const answers = { kind: 'Law', title: '<!channel> <https://evil.example|Law on borders>', country: 'Serbia', stage: 'Adopted', summary: 'Aligns checks with the Schengen Borders Code.', themes: ['Border checks'] };
    const submitted = await sendInteraction(t.url, viewSubmission({ user: 'UANA0001', opened, answers, viewId: 'V0INJECT01' }));
    expect(submitted.json).toMatchObject({ response_action: 'update' }); // "Saving…", then the confirmation in the modal
    await slack.waitFor('views.update', { since, where: (c) => c.body.view_id === 'V0INJECT01' && /I have saved development update/.test(JSON.stringify(c.body.view)) });
    since = slack.calls.length;
    await sendCommand(t.url, slashCommand({ user: 'UANA0001', text: 'mine', responseUrl: slack.responseUrl('mine') }));
    const mine = await slack.waitFor('response_url', { since, where: (c) => c.path.endsWith('/mine') });
    const payload = JSON.stringify(mine.body);
    expect(payload).toContain('&lt;!channel&gt; Law on borders (<https://evil.example|evil.example>)');
    expect(FORBIDDEN_IN_SLACK.filter(([, re]) => re.test(payload)).map(([what]) => what)).toEqual([]);
    expect(disguisedSlackLinks(payload)).toEqual([]);
  });
});
