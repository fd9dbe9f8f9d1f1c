import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { blocksText } from '../support/slack-payloads';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';

const CHANNEL = 'C0WBBSIGRP';

/** `/wbbsi meeting post` through the real app: one chat.postMessage to the channel; an edit is a chat.update of that message. */
describe('meeting summary through the real app and the Slack stand-in', () => {
  let t: SlackTestApp;
  let sec: Actor;
  const answers = { type: 'support-group', title: '12th WBBSi Support Group meeting', startsAt: '2027-01-20T09:00:00Z', venue: 'Sarajevo', participants: ['MOI-RS', 'MOI-XK'], decisions: ['Board: adopt the regional needs list'] };
  const posts = () => t.slack.accepted('chat.postMessage').filter((c) => c.body.channel === CHANNEL);

  beforeAll(async () => {
    t = await startSlackTestApp({ SLACK_CHANNEL: CHANNEL, TIMEZONE: 'Europe/Sarajevo' });
    sec = await t.addPerson({ name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEAD001' });
    await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'U0ANA0001' });
    expect(await t.app.core.submissions.submit(sec, getForm('meeting')!, answers)).toMatchObject({ ok: true, id: 'MT-2027-001' });
  });
  afterAll(() => t?.stop());

  it('a member is refused; the Secretariat posts once, and an edit updates that message', async () => {
    const refused = await t.command('U0ANA0001', 'meeting post MT-2027-001');
    expect(JSON.stringify((await refused.answer()).body)).toMatch(/is for the IISG Secretariat/);
    expect(posts()).toHaveLength(0);

    const cmd = await t.command('U0SEAD001', 'meeting post MT-2027-001');
    expect(cmd.res.status).toBe(200);
    expect(JSON.stringify((await cmd.answer()).body)).toContain(`Posted the summary of *MT-2027-001* to Slack ${CHANNEL}.`);
    const [posted] = posts();
    const text = blocksText(posted!.body.blocks);
    expect(text).toContain('12th WBBSi Support Group meeting');
    expect(text).toContain('Proposal to the IISG Board:');
    expect(text).toContain('Kosovo* MoI');
    expect(text.split('This designation is without prejudice')).toHaveLength(2); // the footnote, once

    const m = (await t.app.core.store.meetings.get(sec, 'MT-2027-001'))!;
    const edit = await t.app.core.submissions.submit(sec, getForm('meeting')!, { ...answers, venue: 'Online (MS Teams)' }, { recordId: m._id, baseVersion: m.version });
    expect(edit).toMatchObject({ ok: true, kind: 'updated' });
    const update = await t.slack.waitFor('chat.update');
    expect(m.posts).toMatchObject([{ platform: 'slack', target: CHANNEL, channel: CHANNEL }]);
    expect(update.body).toMatchObject({ channel: CHANNEL, ts: m.posts[0]!.ref }); // the ts chat.postMessage returned
    expect(blocksText(update.body.blocks)).toContain('Online (MS Teams)');

    const again = await t.command('U0SEAD001', 'meeting post MT-2027-001');
    expect(JSON.stringify((await again.answer()).body)).toMatch(/I updated it there instead of posting it again/);
    expect(posts()).toHaveLength(1);
    expect(t.slack.callsTo('chat.update')).toHaveLength(2);
  });
});
