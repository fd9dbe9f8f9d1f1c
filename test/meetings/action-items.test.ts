import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { simulate, wallClock } from '../reminders/harness';
import type { Delivered } from '../support/delivery-log';
import { startNotifyApp, type NotifyApp } from '../support/notify-app';
import { blocksText } from '../support/slack-payloads';
import { textOf } from '../support/teams-kit';

const HOUR = 3600_000;
const ANA = 'U0ANAACT';
const ARTA = { aad: 'aad-arta-hoxha', name: 'Arta Hoxha' };

/**
 * Through the real app, its Slack and Teams notifiers and the stand-ins: Ana (Serbia) is on Slack,
 * Arta (Albania) on Teams, Milica (Montenegro) has no chat id. Each clicks or types in their own
 * chat; Milica's reminder is recorded as failed and she is listed for the Secretariat.
 */
describe('action items are chased after the meeting, once before the due date and once on it', () => {
  let app: NotifyApp;
  let sec: Actor;
  let ana: Actor;
  let bojan: Actor;
  let milica: Actor;
  const run = (at: Date) => app.tick(at, (x) => app.app.core.meetings.runJobs(x));
  const chasers = (who: { slackId?: string; teamsId?: string }): Delivered[] => app.to(who).filter((d) => d.by === 'job');
  /** "2027-02-10 10:00 before MT-2027-001/1": what a person received, on their wall clock. */
  const received = (who: { slackId?: string; teamsId?: string }) =>
    chasers(who).map((d) => `${wallClock(d.at, 'Europe/Sarajevo')} ${/is due today/.test(d.text) ? 'on' : 'before'} ${/\((MT-[^)]+)\)\n/.exec(d.text)?.[1]}`);

  beforeAll(async () => {
    app = await startNotifyApp({ now: '2027-01-20T12:00:00Z' });
    sec = await app.person({ name: 'Sead Secretariat', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
    ana = await app.person({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
    bojan = await app.person({ name: 'Bojan Deputy', email: 'bojan@mup.rs', orgCode: 'MOI-RS', deputyOf: ana.personId });
    await app.person({ name: ARTA.name, email: 'arta@mb.gov.al', orgCode: 'MOI-AL', teamsId: ARTA.aad });
    milica = await app.person({ name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    const res = await app.app.core.submissions.submit(sec, getForm('meeting')!, {
      type: 'support-group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-01-20T09:00:00Z',
      venue: 'Sarajevo',
      actionItems: [
        { text: 'Share the draft SOP', ownerOrg: 'MOI-RS', due: '2027-02-15' },
        { text: 'Circulate the needs template', ownerOrg: 'MOI-AL', due: '2027-02-22' },
        { text: 'Send the contact list', ownerOrg: 'MOI-ME', due: '2027-02-15' },
      ],
    });
    expect(res).toMatchObject({ ok: true, id: 'MT-2027-001' });
  });
  afterAll(() => app.stop());

  it('reminds the focal point at 10:00 three working days before and on the due date, once each, on their platform', async () => {
    // Every 3 hours (and twice at 10:00 on the due days), as the scheduler would, for four weeks.
    await simulate(app.clock, run, { from: '2027-01-20T00:00:00Z', to: '2027-02-16T00:00:00Z', stepMs: 3 * HOUR }, {
      '2027-02-10T09:00:00Z': () => run(new Date('2027-02-10T09:00:00Z')),
      '2027-02-15T09:00:00Z': () => run(new Date('2027-02-15T09:00:00Z')),
    });
    expect(received({ slackId: ANA })).toEqual(['2027-02-10 10:00 before MT-2027-001/1', '2027-02-15 10:00 on MT-2027-001/1']);
    expect(app.to({ teamsId: ARTA.aad })).toEqual([]); // her item is due a week later
    const first = chasers({ slackId: ANA })[0]!;
    expect(first.platform).toBe('slack');
    expect(first.text).toMatch(/^Dear Ana, a reminder from the IISG Secretariat: an action item for Serbia MoI from \*12th WBBSi Support Group meeting\* \(20 January 2027\) is due on Monday 15 February 2027\./);
    expect(first.buttons).toEqual(['Done', 'Need more time', 'Comment']);
    expect(first.actions).toEqual(['action.done:MT-2027-001/1', 'action.more-time:MT-2027-001/1', 'action.comment:MT-2027-001/1']);
    // The deputy stands in only while the focal point is away: nothing was even tried for Bojan.
    const ledger = await app.app.core.store.deliveries.list();
    expect(ledger.filter((d) => d.recipient === `person:${bojan.personId}`)).toEqual([]);
  });

  it('records the reminders of a focal point without a chat id as failed, and lists her for the Secretariat', async () => {
    const failed = (await app.app.core.store.deliveries.list()).filter((d) => d.recipient === `person:${milica.personId}`);
    expect(failed.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(failed.every((d) => d.lastError === `no platform can reach person ${milica.personId}`)).toBe(true);
    const status = await app.app.core.conversation.handle(sec, { text: 'status' }, { mode: 'chat', platform: 'console' });
    expect(status.messages.map((m) => m.text).join('\n')).toContain('• Milica Vuković (MOI-ME): no Slack or Teams id in the roster');
  });

  it('"Need more time" asks for a date and re-arms both reminders; "Done" closes an item for good', async () => {
    const reminder = chasers({ slackId: ANA }).at(-1)!;
    const asked = await app.slackClick(ANA, reminder, { button: 'Need more time' });
    expect(blocksText(asked.body.blocks)).toMatch(/Until when do you need for MT-2027-001\/1 “Share the draft SOP”\? It is due on Monday 15 February 2027/);
    // A week, two weeks, a month from today (16 February), on working days.
    const values = (asked.body.blocks as { elements?: { value?: string }[] }[]).flatMap((b) => b.elements ?? []).map((e) => e.value);
    expect(values).toEqual(['MT-2027-001/1|2027-02-23', 'MT-2027-001/1|2027-03-02', 'MT-2027-001/1|2027-03-18']);
    expect(blocksText((await app.slackSay(ANA, 'more time MT-2027-001/1 1.3.2027')).body.blocks)).toMatch(/MT-2027-001\/1 “Share the draft SOP” is now due on Monday 1 March 2027/);
    expect(blocksText((await app.slackSay(ANA, 'action comment MT-2027-001/1 Waiting for the legal service.')).body.blocks)).toMatch(/your comment on MT-2027-001\/1 is recorded/i);

    const replies: string[] = [];
    await simulate(app.clock, run, { from: '2027-02-16T00:00:00Z', to: '2027-03-02T00:00:00Z', stepMs: 3 * HOUR }, {
      // The day after her reminder Arta clicks its "Done" button twice; Ana tries to close Albania's item first.
      '2027-02-18T10:00:00Z': async () => {
        replies.push(blocksText((await app.slackSay(ANA, 'action done MT-2027-001/2')).body.blocks));
        const card = chasers({ teamsId: ARTA.aad })[0]!;
        replies.push(textOf(await app.teamsClick(ARTA, card, 'Done')), textOf(await app.teamsClick(ARTA, card, 'Done')));
      },
    });
    expect(replies[0]).toMatch(/^Sorry, action item MT-2027-001\/2 is for Albania MoI\. Only Albania MoI or the IISG Secretariat can change it/);
    expect(replies[1]).toBe('Thank you. MT-2027-001/2 “Circulate the needs template” is closed; there will be no more reminders for it.');
    expect(replies[2]).toMatch(/is already done/);
    expect(received({ slackId: ANA }).slice(2)).toEqual(['2027-02-24 10:00 before MT-2027-001/1', '2027-03-01 10:00 on MT-2027-001/1']);
    expect(received({ teamsId: ARTA.aad })).toEqual(['2027-02-17 10:00 before MT-2027-001/2']); // closed before its due date: no second reminder
    expect(chasers({ teamsId: ARTA.aad })[0]!.platform).toBe('teams');
  });

  it('a closed item is never chased again, and closing is audited', async () => {
    expect(blocksText((await app.slackSay(ANA, 'action done MT-2027-001/1')).body.blocks)).toMatch(/is closed/);
    expect(blocksText((await app.slackSay(ANA, 'action done MT-2027-001/3')).body.blocks)).toMatch(/is for Montenegro MoI\. Only Montenegro MoI or the IISG Secretariat can change it/);
    const before = app.log.all.length;
    await simulate(app.clock, run, { from: '2027-03-02T00:00:00Z', to: '2027-04-15T00:00:00Z', stepMs: 6 * HOUR });
    expect(app.log.all.slice(before).filter((d) => d.by === 'job')).toEqual([]); // Montenegro's item is still open, but Milica cannot be reached
    const m = (await app.app.core.store.meetings.get(sec, 'MT-2027-001'))!;
    expect(m.actionItems.filter((i) => i._id !== 'MT-2027-001/3').map((i) => [i._id, i.status, i.due])).toEqual([
      ['MT-2027-001/1', 'done', '2027-03-01'],
      ['MT-2027-001/2', 'done', '2027-02-22'],
    ]);
    const audit = await app.app.core.store.audit.history(sec, 'meeting', 'MT-2027-001');
    expect(audit.map((a) => `${a.action} by ${a.actorName}`).slice(0, 5)).toEqual([
      'create by Sead Secretariat',
      'action-more-time by Ana Petrović',
      'action-comment by Ana Petrović',
      'action-done by Arta Hoxha',
      'action-done by Ana Petrović',
    ]);
    expect(audit[3]!.changes).toEqual([
      { field: 'actionItems', from: expect.stringContaining('MT-2027-001/2 [open]'), to: expect.stringContaining('MT-2027-001/2 [done]') },
    ]);
  });

  it('the status is visible in meeting list, typed in Teams', async () => {
    const text = textOf(await app.teamsSay(ARTA, 'meeting list'));
    expect(text).toContain('MT-2027-001/1 Share the draft SOP — **Serbia MoI**, due 1 March 2027 · _done_');
    expect(text).toContain('_“Waiting for the legal service.” — Ana Petrović, 16 February 2027_');
    expect(text).toContain('MT-2027-001/2 Circulate the needs template — **Albania MoI**, due 22 February 2027 · _done_');
    expect(text).toContain('MT-2027-001/3 Send the contact list — **Montenegro MoI**, due 15 February 2027 · _open, overdue_');
  });
});
