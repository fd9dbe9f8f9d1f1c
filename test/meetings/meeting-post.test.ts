import type { Actor } from '../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import { blocksText } from '../support/slack-payloads';
import { button, textOf } from '../support/test-core';
import { CHANNEL, openMeetingCore, recordByChat, type MeetingTestCore } from './meeting-harness';

/** Through the real app: the summary goes to the Slack stand-in as blocks, updates as chat.update of that message. */
describe('a meeting recorded in the chat, posted once to the channel, edited and updated in place', () => {
  let t: MeetingTestCore;
  let ana: Actor;
  let id: string;
  beforeAll(async () => {
    t = await openMeetingCore({ now: '2027-01-21T09:00:00Z' });
    ana = await t.app.person({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'UANA0001' });
  });
  afterAll(() => t.close());

  it('records the meeting step by step through the meeting form', async () => {
    id = await recordByChat(t, t.sec, {
      type: 'Support Group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-01-20 10:00',
      venue: 'Sarajevo, RCC',
      chairs: 'IISG-SEC, MOI-ME',
      participants: 'MOI-RS, MOI-AL, MOI-XK, GIZ, DG-NEAR',
      agenda: 'Welcome\nNeeds mapping 2027\nAny other business',
      decisions: 'The needs mapping template is agreed; Board: adopt the regional needs list',
      actionItems: 'Share the draft SOP | MOI-RS | 2027-02-15\nCirculate the template | IISG-SEC | 15.2.2027',
    });
    expect(id).toBe('MT-2027-001');
    const m = (await t.store.meetings.get(t.sec, id))!;
    expect(m).toMatchObject({ state: 'scheduled', version: 1, posts: [] });
    expect(m.startsAt.toISOString()).toBe('2027-01-20T09:00:00.000Z');
    expect(m.data).toMatchObject({ type: 'support-group', chairs: ['IISG-SEC', 'MOI-ME'], decisions: ['The needs mapping template is agreed', 'Board: adopt the regional needs list'] });
    expect(m.actionItems.map((i) => [i._id, i.ownerOrg, i.due, i.status])).toEqual([
      ['MT-2027-001/1', 'MOI-RS', '2027-02-15', 'open'],
      ['MT-2027-001/2', 'IISG-SEC', '2027-02-15', 'open'],
    ]);
    expect((await t.store.audit.history(t.sec, 'meeting', id)).map((a) => a.action)).toEqual(['create']);
  });

  it('posts the summary once to the configured channel and remembers the post', async () => {
    const r = await t.say(t.sec, `meeting post ${id}`);
    expect(textOf(r)).toBe(`Posted the summary of *${id}* to Slack ${CHANNEL}.`);
    expect(t.posts()).toHaveLength(1);
    const posted = t.posts()[0]!;
    expect(posted.body.channel).toBe(CHANNEL);
    const text = blocksText(posted.body.blocks);
    expect(text).toContain('*12th WBBSi Support Group meeting* (MT-2027-001)');
    expect(text).toContain('*Date:* 20 January 2027 at 10:00 CET (scheduled)');
    expect(text).toContain('*Chairs:* IISG Secretariat, Montenegro MoI');
    expect(text).toContain('*Participants (5):* Serbia MoI, Albania MoI, Kosovo* MoI, GIZ, DG NEAR');
    expect(text).toContain('• *Proposal to the IISG Board:* adopt the regional needs list');
    expect(text).toContain('• MT-2027-001/1 Share the draft SOP — *Serbia MoI*, due 15 February 2027 · _open_');
    expect(text.split(KOSOVO_FOOTNOTE)).toHaveLength(2); // the footnote, once
    expect((await t.store.meetings.get(t.sec, id))!.posts).toMatchObject([{ platform: 'slack', target: CHANNEL, ref: expect.stringMatching(/^\d+\.\d+$/) }]);
  });

  it('an edit of the posted meeting updates that post instead of posting again', async () => {
    let r = await t.say(t.sec, `meeting edit ${id}`);
    expect(textOf(r)).toMatch(/Here are your changes to \*MT-2027-001\*\. Please check them/);
    r = await t.click(t.sec, 'form.edit', button(r, 'Edit a field').value);
    expect(textOf(r)).toMatch(/Which answer would you like to change/);
    r = await t.say(t.sec, 'Venue');
    expect(textOf(r)).toMatch(/\*Venue\*/);
    r = await t.say(t.sec, 'Online (MS Teams)');
    expect(textOf(r)).toMatch(/Venue: Online \(MS Teams\)/);
    r = await t.click(t.sec, 'form.submit', button(r, 'Save changes').value);
    expect(textOf(r)).toBe(`Saved *${id}*, version 2. The change is recorded in the history.`);

    expect(t.posts()).toHaveLength(1);
    expect(t.updates()).toHaveLength(1);
    const [post] = (await t.store.meetings.get(t.sec, id))!.posts;
    expect(t.updates()[0]!.body).toMatchObject({ channel: CHANNEL, ts: post!.ref });
    expect(blocksText(t.updates()[0]!.body.blocks)).toContain('*Venue:* Online (MS Teams)');
    const audit = await t.store.audit.history(t.sec, 'meeting', id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', changes: [{ field: 'venue', from: '"Sarajevo, RCC"', to: '"Online (MS Teams)"' }] });
    expect((await t.store.meetings.versions(t.sec, id)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('posting again, or marking it held, updates the same post', async () => {
    let r = await t.say(t.sec, `meeting post ${id}`);
    expect(textOf(r)).toMatch(/already posted in Slack #wbbsi-support-group: I updated it there/);
    r = await t.say(t.sec, `meeting done ${id}`);
    expect(textOf(r)).toMatch(/is marked as held/);
    expect(t.posts()).toHaveLength(1);
    expect(t.updates()).toHaveLength(3);
    expect(blocksText(t.updates().at(-1)!.body.blocks)).toContain('*Date:* 20 January 2027 at 10:00 CET\n');
  });

  it('a member cannot record, post, edit or close meetings, but can list and export them', async () => {
    for (const cmd of ['meeting new', `meeting post ${id}`, `meeting edit ${id}`, `meeting done ${id}`]) {
      expect(textOf(await t.say(ana, cmd))).toMatch(/^Sorry, \*meeting (new|post|edit|done)\* is for the IISG Secretariat/);
    }
    expect(textOf(await t.click(ana, 'form.start', 'meeting'))).toMatch(/^Sorry, only the IISG Secretariat records meetings/);
    expect(t.posts()).toHaveLength(1);
    expect(t.updates()).toHaveLength(3);
    expect((await t.store.meetings.list(t.sec)).map((m) => m._id)).toEqual([id]);

    const list = await t.say(ana, 'meeting list');
    expect(textOf(list)).toContain(`*${id}* 12th WBBSi Support Group meeting`);
    expect(textOf(list)).toContain('MT-2027-001/1 Share the draft SOP — *Serbia MoI*, due 15 February 2027 · _open_');
    expect(button(list, 'Done: MT-2027-001/1').action).toBe('action.done');
    const exported = await t.say(ana, `meeting export ${id}`);
    expect(exported.files?.[0]).toMatchObject({ name: 'MT-2027-001.md', mimeType: 'text/markdown' });
  });

  it('the whole form (Slack modal, Teams card, console) ends in the same meetings service', async () => {
    const r = await t.core.conversation.handle(t.sec, { text: 'meeting new' }, { mode: 'form', platform: 'console' });
    const draft = (await t.store.drafts.get(t.sec, r.form!.draftId))!;
    const raw = { type: 'cross-pillar', title: 'IISG cross-pillar meeting', startsAt: '3.3.2027 09:30', venue: 'Brussels', participants: 'DG-NEAR, MOI-XK', actionItems: 'Draft the Board note | IISG-SEC | 2027-03-20' };
    const bad = await t.core.conversation.engine.submitWholeForm(t.sec, draft, { ...raw, actionItems: 'Draft the Board note | NOBODY | 2027-03-20' });
    expect(bad.formErrors).toEqual({ actionItems: '"NOBODY" is not an organisation in the roster. Use its name as in the roster, e.g. Serbia MoI.' });
    const ok = await t.core.conversation.engine.submitWholeForm(t.sec, draft, raw);
    expect(textOf(ok)).toBe('Thank you. I have saved meeting *MT-2027-002*.');
    const m = (await t.store.meetings.get(t.sec, 'MT-2027-002'))!;
    expect(m.startsAt.toISOString()).toBe('2027-03-03T08:30:00.000Z');
    expect(m.actionItems).toMatchObject([{ _id: 'MT-2027-002/1', ownerOrg: 'IISG-SEC', due: '2027-03-20', status: 'open' }]);
  });

  it('an edit started from an older version is refused, not silently overwriting the newer one', async () => {
    const stale = await t.core.conversation.handle(t.sec, { text: `meeting edit ${id}` }, { mode: 'form', platform: 'console' });
    const staleDraft = (await t.store.drafts.get(t.sec, stale.form!.draftId))!;
    let r = await t.say(t.sec, `meeting edit ${id}`);
    await t.click(t.sec, 'form.edit', button(r, 'Edit a field').value);
    await t.say(t.sec, 'Title');
    r = await t.say(t.sec, '12th WBBSi Support Group meeting (Sarajevo)');
    r = await t.click(t.sec, 'form.submit', button(r, 'Save changes').value);
    expect(textOf(r)).toMatch(/^Saved \*MT-2027-001\*, version 4/);
    await expect(t.core.conversation.engine.submitWholeForm(t.sec, staleDraft, { venue: 'Belgrade' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(textOf(await t.click(t.sec, 'form.submit', staleDraft._id))).toMatch(/Someone else changed this meeting while you were editing/);
    expect((await t.store.meetings.get(t.sec, id))!.data.venue).toBe('Online (MS Teams)');
  });

  it('without a configured channel it posts where the command was typed', async () => {
    const local = await openMeetingCore({ now: '2027-01-21T09:00:00Z', env: { SLACK_CHANNEL: '' } });
    local.app.slack.addChannel('C0SECRET');
    try {
      const mid = await recordByChat(local, local.sec, { type: 'bilateral', title: 'RS–ME bilateral on joint patrols', startsAt: '2027-01-25 14:30', venue: 'Podgorica' });
      const noChannel = await local.say(local.sec, `meeting post ${mid}`);
      expect(textOf(noChannel)).toMatch(/No Support Group channel is configured/);
      const here = await local.core.conversation.handle(local.sec, { text: `meeting post ${mid}` }, { mode: 'chat', platform: 'slack', channel: { platform: 'slack', id: 'C0SECRET' } });
      expect(textOf(here)).toBe(`Posted the summary of *${mid}* to Slack C0SECRET.`);
      expect(local.app.slack.accepted('chat.postMessage').map((c) => c.body.channel)).toEqual(['C0SECRET']);
    } finally {
      await local.close();
    }
  });
});
