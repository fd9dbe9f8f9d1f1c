import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import type { BotConnectorStandin } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { startTeamsTestApp, type TeamsTestApp } from '../support/teams-test-app';

const CHANNEL = '19:wbbsi-support-group@thread.tacv2';
const TENANT = 'tenant-iisg';
const BOT = { id: '28:wbbsi-bot', name: 'WBBSi' };

/** The Secretariat posts a meeting summary from the Teams channel; an edit updates that card (PUT), not a second post. */
describe('meeting summary through the real app and the Bot Connector stand-in', () => {
  let connector: BotConnectorStandin;
  let t: TeamsTestApp;
  let sec: Actor;
  let seq = 0;
  const answers = { type: 'support-group', title: '12th WBBSi Support Group meeting', startsAt: '2027-01-20T09:00:00Z', venue: 'Sarajevo', participants: ['MOI-RS', 'MOI-XK'] };

  /** "@WBBSi <text>" in a thread of the Support Group channel. */
  const inChannel = (text: string) => ({
    type: 'message',
    id: `msg-${++seq}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:sead', name: 'Sead', aadObjectId: 'aad-sead' },
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=170000000${seq}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL } },
    text: `<at>WBBSi</at> ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: '<at>WBBSi</at>' }],
  });
  const post = (activity: Record<string, unknown>) => t.kit.post(activity); // signed by the Bot Framework stand-in
  const cardText = (body: Record<string, unknown>) => JSON.stringify(body.attachments ?? body.text ?? '');
  /** A new message in the channel itself (a proactive post starts its own thread), not a reply in the command's thread. */
  const channelPosts = () => connector.accepted((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === CHANNEL);

  beforeAll(async () => {
    t = await startTeamsTestApp({ env: { TEAMS_CHANNEL: CHANNEL, TIMEZONE: 'Europe/Sarajevo' } });
    connector = t.connector;
    sec = await addPerson(t.app.core.store, { name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', teamsId: 'aad-sead' });
    const res = await t.app.core.submissions.submit(sec, getForm('meeting')!, answers);
    expect(res).toMatchObject({ ok: true, id: 'MT-2027-001' });
  });
  afterAll(() => t?.stop());

  it('posts the summary once to the channel and updates the same activity after an edit', async () => {
    expect((await post(inChannel('meeting post MT-2027-001'))).status).toBeLessThan(300);
    const [sent] = await connector.waitFor((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === CHANNEL);
    expect(cardText(sent!.body)).toContain('12th WBBSi Support Group meeting');
    expect(cardText(sent!.body)).toContain('Kosovo* MoI');
    expect(cardText(sent!.body).split('This designation is without prejudice')).toHaveLength(2); // the footnote, once
    const [ack] = await connector.waitFor((c) => c.conversationId !== CHANNEL && cardText(c.body).includes('Posted the summary'));
    expect(ack!.conversationId).toBe(`${CHANNEL};messageid=1700000001`); // the answer goes to the thread the command was typed in

    const m = (await t.app.core.store.meetings.get(sec, 'MT-2027-001'))!;
    expect(m.posts).toMatchObject([{ platform: 'teams', target: CHANNEL, ref: sent!.id }]);
    const edit = await t.app.core.submissions.submit(sec, getForm('meeting')!, { ...answers, venue: 'Online (MS Teams)' }, { recordId: m._id, baseVersion: m.version });
    expect(edit).toMatchObject({ ok: true, kind: 'updated', version: 2 });

    const [updated] = await connector.waitFor((c) => c.kind === 'update');
    expect(updated!.conversationId).toBe(CHANNEL);
    expect(updated!.activityId).toBe(sent!.id);
    expect(cardText(updated!.body)).toContain('Online (MS Teams)');
    expect(channelPosts()).toHaveLength(1);
    expect(connector.accepted((c) => c.kind === 'update')).toHaveLength(1);
  });
});
