import { SYSTEM_ACTOR, type Actor } from '../../src/domain/actor';
import type { Delivered } from '../support/delivery-log';
import { SLACK_GROUP_CHANNEL, TEAMS_GROUP_CHANNEL, startNotifyApp, type NotifyApp } from '../support/notify-app';
import { slashCommand } from '../support/slack-payloads';
import { sendCommand } from '../support/slack-signing';
import { textOf } from '../support/teams-kit';
import { DAY, HOUR, simulate, wallClock } from './harness';

type Who = Actor & { slackId?: string; teamsId?: string };

/**
 * Q4 2026 from 1 December 2026 to 20 January 2027, the job run every hour as the scheduler would
 * (it wakes every 15 minutes; in whole-hour timezones the hourly ticks hit the same 10:00 sends),
 * with people acting in between by clicking the buttons they received. Messages go through the real
 * Slack and Teams notifiers to the stand-ins. Two people have neither a Slack nor a Teams id, so
 * their reminders fail and are retried as the delivery ledger says (a day later); one of them gets
 * a Slack id on 4 December and the waiting reminder reaches him on its next try; the other is
 * listed for the Secretariat as not reachable.
 * Expected dates come from the default calendar: window opens Tue 1 Dec, two weeks before quarter
 * end Thu 17 Dec, last working day Thu 31 Dec, five days before the deadline (Sun 10 Jan → Fri
 * 8 Jan), deadline Fri 15 Jan, escalation Mon 18 Jan; 10:00 local.
 */
describe('a whole quarter of reminders (Q4 2026, real database, Slack and Teams notifiers, hourly ticks)', () => {
  let app: NotifyApp;
  const p: Record<string, Who> = {};
  const zone: Record<string, string> = {};
  const replies: Record<string, string> = {};

  beforeAll(async () => {
    app = await startNotifyApp({ now: '2026-11-30T12:00:00Z' });
    const add = async (key: string, person: Parameters<NotifyApp['person']>[0], deputyOf?: string) => {
      const actor = await app.person({ ...person, ...(deputyOf ? { deputyOf: p[deputyOf]!.personId } : {}) });
      p[key] = { ...actor, ...(person.slackId ? { slackId: person.slackId } : {}), ...(person.teamsId ? { teamsId: person.teamsId } : {}) };
      zone[actor.personId] = person.timezone ?? 'Europe/Sarajevo';
    };
    await add('ana', { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'U0ANA' });
    await add('marko', { name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS' }, 'ana');
    await add('milica', { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME', teamsId: 'aad-milica-vukovic' });
    await add('nikola', { name: 'Nikola Radović', email: 'nikola@gov.me', orgCode: 'MOI-ME' }, 'milica'); // no chat id
    await add('arta', { name: 'Arta Krasniqi', email: 'arta@rks-gov.net', orgCode: 'MOI-XK', slackId: 'U0ARTA' });
    await add('besnik', { name: 'Besnik Gashi', email: 'besnik@rks-gov.net', orgCode: 'MOI-XK', teamsId: 'aad-besnik-gashi' }, 'arta');
    await add('arben', { name: 'Arben Hoxha', email: 'arben@asp.gov.al', orgCode: 'MOI-AL', slackId: 'U0ARBEN', awayUntil: '2026-12-10' });
    await add('elira', { name: 'Elira Dervishi', email: 'elira@asp.gov.al', orgCode: 'MOI-AL', teamsId: 'aad-elira-dervishi' }, 'arben');
    await add('james', { name: 'James Carter', email: 'james@fcdo.gov.uk', orgCode: 'UK-RSC', slackId: 'U0JAMES', timezone: 'Europe/London' });
    await add('greta', { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', teamsId: 'aad-greta-huber', timezone: 'America/New_York' });
    await add('hans', { name: 'Hans Weber', email: 'hans@giz.de', orgCode: 'GIZ', timezone: 'America/New_York' }); // no chat id
    await add('sead', { name: 'Sead Hodžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEAD' });

    const store = app.app.core.store;
    const update = (who: string, title: string) => store.records.create(p[who]!, 'update', { kind: 'action', title, country: 'RS' });
    /** A click on the latest reminder the person got in Teams; the bot's answer is kept. */
    const click = async (who: string, button: string | RegExp, at: string) => {
      const card = reminders(who).at(-1)!.teams!;
      replies[who] = textOf(await app.kit.click({ aad: p[who]!.teamsId!, name: p[who]!.name }, card, button));
      app.log.mark(new Date(at), 'reply');
    };
    const run = (at: Date) => app.tick(at, (x) => app.app.core.reminders.run(x));
    const ticks = await simulate(app.clock, run, { from: '2026-12-01T00:00:00Z', to: '2027-01-20T23:00:00Z', stepMs: HOUR }, {
      // Greta got the opening reminder at 10:00 New York time and asks to be reminded in 3 days.
      '2026-12-01T15:30:00Z': () => click('greta', 'Remind me in 3 days', '2026-12-01T15:30:00Z'),
      '2026-12-02T10:00:00Z': () => update('ana', 'Border police reorganisation'),
      // The Secretariat adds Hans's Slack id to the roster (he is in the Slack workspace).
      '2026-12-04T12:00:00Z': async () => {
        app.slack.addUser('U0HANS');
        await store.people.upsert(SYSTEM_ACTOR, { name: 'Hans Weber', email: 'hans@giz.de', orgCode: 'GIZ', role: 'member', timezone: 'America/New_York', slackId: 'U0HANS' });
        p.hans = { ...p.hans!, slackId: 'U0HANS' };
      },
      '2026-12-17T13:00:00Z': () => click('milica', 'Nothing new this quarter', '2026-12-17T13:00:00Z'),
      '2026-12-18T10:00:00Z': () => update('arben', 'New border crossing at Qafë Thanë'),
      '2026-12-21T15:00:00Z': () => update('hans', 'Training for border guards'),
    });
    expect(ticks).toBe(51 * 24);
  }, 600_000);
  afterAll(() => app.stop());

  /** The reminders a person received, on their platform (not the bot's answers to their clicks). */
  const reminders = (who: string): Delivered[] => app.to(p[who]!).filter((d) => d.by === 'job');
  const local = (who: string) => reminders(who).map((d) => wallClock(d.at, zone[p[who]!.personId]!));
  const ledger = () => app.app.core.store.deliveries.list();

  it('an organisation that reports after the opening reminder receives nothing more', () => {
    expect(local('ana')).toEqual(['2026-12-01 10:00']);
    expect(reminders('ana')[0]!.platform).toBe('slack');
    expect(local('marko')).toEqual([]);
  });

  it('a nil return clicked in Teams after the second reminder stops the third', () => {
    expect(replies.milica).toMatch(/Nothing new this quarter” is recorded for Montenegro MoI for 2026-Q4/);
    expect(local('milica')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00']);
    expect(reminders('milica').map((d) => d.platform)).toEqual(['teams', 'teams']);
  });

  it('an organisation that never reports gets every reminder, and its deputy the last note', () => {
    expect(local('arta')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00']);
    expect(local('besnik')).toEqual(['2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00', '2027-01-18 10:00']);
    const last = reminders('besnik').at(-1)!;
    expect(last.platform).toBe('teams');
    expect(last.text).toMatch(/^Dear Besnik, the deadline for the 2026-Q4 update has passed\. Kosovo\* MoI has not reported yet/);
    expect(last.actions).not.toContain('nudge.snooze:2026-Q4');
    expect(last.text).toContain('This designation is without prejudice to positions on status'); // the Kosovo* footnote, on the card
  });

  it('a focal point away on leave is replaced by the deputy, and is reminded again once back', () => {
    expect(local('arben')).toEqual(['2026-12-17 10:00']);
    expect(local('elira')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00']);
    expect(reminders('elira')[0]!.text).toContain('as deputy of Arben Hoxha, who is away until Thursday 10 December 2026');
  });

  it('a snooze clicked in Teams delays exactly that person’s next reminder by 3 days; a colleague is not affected', () => {
    expect(replies.greta).toBe('Of course. I will remind you again on Friday 4 December 2026 at 10:00.');
    expect(local('greta')).toEqual(['2026-12-01 10:00', '2026-12-04 10:00', '2026-12-17 10:00']);
    const [first, second] = reminders('greta');
    expect(second!.at.getTime() - first!.at.getTime()).toBe(3 * DAY);
  });

  it('sends at 10:00 on each person’s own clock, across the year boundary (London, New York, Sarajevo)', () => {
    expect(local('james')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00', '2027-01-18 10:00']);
    expect(reminders('james').map((d) => d.at.toISOString().slice(11, 16))).toEqual(Array(5).fill('10:00'));
    expect(reminders('greta')[0]!.at.toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(reminders('ana')[0]!.at.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('reminders are short, polite, with the deadline on the reader’s clock and one-click buttons, as Slack blocks and Teams cards', () => {
    const ana = reminders('ana')[0]!;
    expect(ana.text.split('\n')[0]).toBe(
      'Dear Ana, the IISG Secretariat asks every Support Group member for a short quarterly update. Serbia MoI has not reported for 2026-Q4 yet. Deadline: Friday 15 January 2027.',
    );
    expect(ana.actions).toEqual(['form.start:update', 'form.start:need', 'nudge.nil-return:2026-Q4', 'nudge.snooze:2026-Q4']);
    expect(ana.buttons).toEqual(['Add an update', 'Add a need', 'Nothing new this quarter', 'Remind me in 3 days']);
    const greta = reminders('greta')[0]!;
    expect(greta.text).toContain('Deadline: Friday 15 January 2027, 18:00 your time.');
    expect(greta.actions).toEqual(['form.start:update', 'form.start:response', 'nudge.nil-return:2026-Q4', 'nudge.snooze:2026-Q4']);
    expect(reminders('james')[0]!.text).toContain('Deadline: Friday 15 January 2027, 23:00 your time.');
  });

  it('after the deadline the Secretariat gets one digest, in person and in both Support Group channels', () => {
    const digests = [...reminders('sead'), ...app.log.in(SLACK_GROUP_CHANNEL), ...app.log.in(TEAMS_GROUP_CHANNEL)];
    expect(digests.map((d) => `${d.platform} ${wallClock(d.at, 'Europe/Sarajevo')}`)).toEqual(['slack 2027-01-18 10:00', 'slack 2027-01-18 10:00', 'teams 2027-01-18 10:00']);
    for (const { text } of digests) {
      expect(text).toMatch(/Reported \(3\)\**\n\**Albania MoI, GIZ, Serbia MoI/);
      expect(text).toMatch(/Nothing new this quarter \(1\)\**\n\**Montenegro MoI/);
      const overdue = /Overdue \(15\)\**\n\**([^\n]+)/.exec(text)![1]!.split(', ');
      expect(overdue).toEqual(expect.arrayContaining(['Kosovo* MoI', 'United Kingdom RSC', 'DG NEAR']));
      expect(overdue).not.toContain('Serbia MoI');
      expect(text).toContain('4 of 19 Support Group members have reported');
      expect(text).toContain('This designation is without prejudice to positions on status');
      expect(text.replace(/\n\* This designation[^\n]*/, '')).not.toMatch(/Kosovo(?!\*)/); // the footnote names the Kosovo declaration itself
    }
  });

  it('records a reminder to someone without a chat id as failed, and retries it a day later while it is due', async () => {
    const failed = (await ledger()).filter((d) => d.status === 'failed');
    // Nikola: due on 17 December at 10:00, tried then, next try a day later; Milica's nil return that afternoon ended it.
    expect(failed).toEqual([
      expect.objectContaining({
        _id: `nudge|MOI-ME|2026-Q4|two-weeks|${p.nikola!.personId}`,
        attempts: 1,
        lastError: `no platform can reach person ${p.nikola!.personId}`,
        nextAttemptAt: new Date('2026-12-18T09:00:00Z'),
      }),
    ]);
    expect(local('nikola')).toEqual([]);
  });

  it('delivers the waiting reminder on its next daily try once the person has a Slack id', async () => {
    // Hans's opening reminder failed on 1, 2 and 3 December; his Slack id came on the 4th.
    expect((await app.app.core.store.deliveries.get(`nudge|GIZ|2026-Q4|opening|${p.hans!.personId}`))).toMatchObject({ status: 'sent', attempts: 4 });
    expect(local('hans')).toEqual(['2026-12-04 10:00', '2026-12-17 10:00']);
    expect(reminders('hans').map((d) => d.platform)).toEqual(['slack', 'slack']);
    expect(reminders('hans')[0]!.text).toMatch(/^Dear Hans, the IISG Secretariat asks/);
  });

  it('lists who cannot be reached, and why, in the Secretariat’s status', async () => {
    const { res, answer } = await (async () => {
      const since = app.slack.calls.length;
      const r = await sendCommand(app.url, slashCommand({ user: 'U0SEAD', text: 'status', responseUrl: app.slack.responseUrl('status') }));
      return { res: r, answer: await app.slack.waitFor('response_url', { since }) };
    })();
    expect(res.status).toBe(200);
    const text = JSON.stringify(answer.body);
    expect(text).toContain('Cannot be reached (1):');
    expect(text).toContain('• Nikola Radović (MOI-ME): no Slack or Teams id in the roster');
    expect(text).not.toContain('Hans Weber'); // reached since his Slack id was added
  });

  it('sent each message exactly once and recorded it in the ledger', async () => {
    const all = await ledger();
    const sent = all.filter((d) => d.status === 'sent');
    const jobs = app.log.all.filter((d) => d.by === 'job');
    expect(sent).toHaveLength(jobs.length);
    expect(all.filter((d) => d.status !== 'sent').map((d) => d.recipient)).toEqual([`person:${p.nikola!.personId}`]);
    expect(new Set(jobs.map((d) => `${d.conversation}@${d.at.toISOString()}`)).size).toBe(jobs.length);
    // ana 1, milica 2, arta 4, besnik 4, arben 1, elira 2, james 5, greta 3, hans 2, sead 1, Slack channel 1, Teams channel 1
    expect(jobs).toHaveLength(1 + 2 + 4 + 4 + 1 + 2 + 5 + 3 + 2 + 1 + 1 + 1);
  });
});
