import type { Actor } from '../../src/domain/actor';
import { simulate, wallClock } from '../reminders/harness';
import { addPerson } from '../support/people';
import { button, textOf } from '../support/test-core';
import { openMeetingCore, recordMeeting, type MeetingTestCore } from './meeting-harness';

const HOUR = 3600_000;

describe('action items are chased after the meeting, once before the due date and once on it', () => {
  let t: MeetingTestCore;
  let ana: Actor;
  let bojan: Actor;
  let arta: Actor;
  const run = (at: Date) => t.core.meetings.runJobs(at);
  /** "2027-02-10 10:00 before MT-2027-001/1": what a person received, on their wall clock. */
  const received = (who: Actor) =>
    t.notifier.to(who.personId).map((s) => `${wallClock(s.at, 'Europe/Sarajevo')} ${/is due today/.test(s.message.text) ? 'on' : 'before'} ${/\((MT-[^)]+)\)\n/.exec(s.message.text)?.[1]}`);

  beforeAll(async () => {
    t = await openMeetingCore({ now: '2027-01-20T12:00:00Z' });
    ana = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'UANA0001' });
    bojan = await addPerson(t.store, { name: 'Bojan Deputy', email: 'bojan@mup.rs', orgCode: 'MOI-RS', deputyOf: ana.personId });
    arta = await addPerson(t.store, { name: 'Arta Hoxha', email: 'arta@mb.gov.al', orgCode: 'MOI-AL', teamsId: 'aad-arta' });
    await recordMeeting(t, t.sec, {
      type: 'support-group',
      title: '12th WBBSi Support Group meeting',
      startsAt: '2027-01-20T09:00:00Z',
      venue: 'Sarajevo',
      actionItems: [
        { text: 'Share the draft SOP', ownerOrg: 'MOI-RS', due: '2027-02-15' },
        { text: 'Circulate the needs template', ownerOrg: 'MOI-AL', due: '2027-02-22' },
      ],
    });
  });
  afterAll(() => t.close());

  it('reminds the focal point at 10:00 three working days before and on the due date, once each', async () => {
    // Every 3 hours (and twice at 10:00 on the due days), as the scheduler would, for four weeks.
    await simulate(t.clock, run, { from: '2027-01-20T00:00:00Z', to: '2027-02-16T00:00:00Z', stepMs: 3 * HOUR }, {
      '2027-02-10T09:00:00Z': () => run(new Date('2027-02-10T09:00:00Z')),
      '2027-02-15T09:00:00Z': () => run(new Date('2027-02-15T09:00:00Z')),
    });
    expect(received(ana)).toEqual(['2027-02-10 10:00 before MT-2027-001/1', '2027-02-15 10:00 on MT-2027-001/1']);
    expect(received(bojan)).toEqual([]); // the deputy stands in only while the focal point is away
    expect(received(arta)).toEqual([]); // her item is due a week later
    const first = t.notifier.to(ana.personId)[0]!.message;
    expect(first.text).toMatch(/^Dear Ana, a reminder from the IISG Secretariat: an action item for Serbia MoI from \*12th WBBSi Support Group meeting\* \(20 January 2027\) is due on Monday 15 February 2027\./);
    expect(first.buttons?.map((b) => [b.label, b.action, b.value])).toEqual([
      ['Done', 'action.done', 'MT-2027-001/1'],
      ['Need more time', 'action.more-time', 'MT-2027-001/1'],
      ['Comment', 'action.comment', 'MT-2027-001/1'],
    ]);
  });

  it('"Need more time" asks for a date and re-arms both reminders; "Done" closes an item for good', async () => {
    const reminder = t.notifier.to(ana.personId).at(-1)!;
    let r = await t.click(ana, 'action.more-time', reminder.message.buttons![1]!.value);
    expect(textOf(r)).toMatch(/Until when do you need for MT-2027-001\/1 “Share the draft SOP”\? It is due on Monday 15 February 2027/);
    // A week, two weeks, a month from today (16 February), on working days.
    expect(r.messages[0]!.buttons!.map((b) => b.value)).toEqual(['MT-2027-001/1|2027-02-23', 'MT-2027-001/1|2027-03-02', 'MT-2027-001/1|2027-03-18']);
    r = await t.say(ana, 'more time MT-2027-001/1 1.3.2027');
    expect(textOf(r)).toMatch(/MT-2027-001\/1 “Share the draft SOP” is now due on Monday 1 March 2027/);
    r = await t.say(ana, 'action comment MT-2027-001/1 Waiting for the legal service.');
    expect(textOf(r)).toMatch(/your comment on MT-2027-001\/1 is recorded/i);

    const replies: string[] = [];
    await simulate(t.clock, run, { from: '2027-02-16T00:00:00Z', to: '2027-03-02T00:00:00Z', stepMs: 3 * HOUR }, {
      // The day after her reminder, Arta clicks its "Done" button (after Ana, who may not).
      '2027-02-18T10:00:00Z': async () => {
        const done = button({ messages: [t.notifier.to(arta.personId)[0]!.message] }, 'Done');
        replies.push(textOf(await t.click(ana, done.action, done.value)), textOf(await t.click(arta, done.action, done.value)), textOf(await t.click(arta, done.action, done.value)));
      },
    });
    expect(replies[0]).toMatch(/^Sorry, action item MT-2027-001\/2 is for Albania MoI\. Only Albania MoI or the IISG Secretariat can change it/);
    expect(replies[1]).toBe('Thank you. MT-2027-001/2 “Circulate the needs template” is closed; there will be no more reminders for it.');
    expect(replies[2]).toMatch(/is already done/);
    expect(received(ana).slice(2)).toEqual(['2027-02-24 10:00 before MT-2027-001/1', '2027-03-01 10:00 on MT-2027-001/1']);
    expect(received(arta)).toEqual(['2027-02-17 10:00 before MT-2027-001/2']); // closed before its due date: no second reminder
  });

  it('a closed item is never chased again, and closing is audited', async () => {
    expect(textOf(await t.click(ana, 'action.done', 'MT-2027-001/1'))).toMatch(/is closed/);
    const sent = t.notifier.sent.length;
    await simulate(t.clock, run, { from: '2027-03-02T00:00:00Z', to: '2027-04-15T00:00:00Z', stepMs: 6 * HOUR });
    expect(t.notifier.sent.length).toBe(sent);
    const m = (await t.store.meetings.get(t.sec, 'MT-2027-001'))!;
    expect(m.actionItems.map((i) => [i._id, i.status, i.due])).toEqual([
      ['MT-2027-001/1', 'done', '2027-03-01'],
      ['MT-2027-001/2', 'done', '2027-02-22'],
    ]);
    const audit = await t.store.audit.history(t.sec, 'meeting', 'MT-2027-001');
    expect(audit.map((a) => `${a.action} by ${a.actorName}`)).toEqual([
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

  it('the status is visible in meeting list', async () => {
    const text = textOf(await t.say(arta, 'meeting list'));
    expect(text).toContain('MT-2027-001/1 Share the draft SOP — *Serbia MoI*, due 1 March 2027 · _done_');
    expect(text).toContain('_“Waiting for the legal service.” — Ana Petrović, 16 February 2027_');
    expect(text).toContain('MT-2027-001/2 Circulate the needs template — *Albania MoI*, due 22 February 2027 · _done_');
  });
});
