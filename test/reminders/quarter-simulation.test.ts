import type { Actor } from '../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import { handleNudgeAction } from '../../src/reminders/nudge-actions';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { DAY, HOUR, harness, simulate, wallClock, type Harness } from './harness';

/**
 * Q4 2026 from 1 December 2026 to 20 January 2027, the job run every hour as the scheduler would
 * (it wakes every 15 minutes; in whole-hour timezones the hourly ticks hit the same 10:00 sends),
 * with people acting in between. Expected dates come from the default calendar: window opens Tue
 * 1 Dec, two weeks before quarter end Thu 17 Dec, last working day Thu 31 Dec, five days before the
 * deadline (Sun 10 Jan → Fri 8 Jan), deadline Fri 15 Jan, escalation Mon 18 Jan; 10:00 local.
 */
describe('a whole quarter of reminders (Q4 2026, real database, hourly ticks)', () => {
  let db: TestDb;
  let h: Harness;
  const p: Record<string, Actor> = {};
  const zone: Record<string, string> = {};
  let actionReplies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDb({ now: '2026-11-30T12:00:00Z' });
    h = harness(db.store, db.clock);
    const add = async (key: string, person: Parameters<typeof addPerson>[1], deputyOf?: string) => {
      p[key] = await addPerson(db.store, { ...person, ...(deputyOf ? { deputyOf: p[deputyOf]!.personId } : {}) });
      zone[p[key]!.personId] = person.timezone ?? 'Europe/Sarajevo';
    };
    await add('ana', { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'U0ANA' });
    await add('marko', { name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS' }, 'ana');
    await add('milica', { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    await add('nikola', { name: 'Nikola Radović', email: 'nikola@gov.me', orgCode: 'MOI-ME' }, 'milica');
    await add('arta', { name: 'Arta Krasniqi', email: 'arta@rks-gov.net', orgCode: 'MOI-XK' });
    await add('besnik', { name: 'Besnik Gashi', email: 'besnik@rks-gov.net', orgCode: 'MOI-XK' }, 'arta');
    await add('arben', { name: 'Arben Hoxha', email: 'arben@asp.gov.al', orgCode: 'MOI-AL', awayUntil: '2026-12-10' });
    await add('elira', { name: 'Elira Dervishi', email: 'elira@asp.gov.al', orgCode: 'MOI-AL' }, 'arben');
    await add('james', { name: 'James Carter', email: 'james@fcdo.gov.uk', orgCode: 'UK-RSC', timezone: 'Europe/London' });
    await add('greta', { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', timezone: 'America/New_York' });
    await add('hans', { name: 'Hans Weber', email: 'hans@giz.de', orgCode: 'GIZ', timezone: 'America/New_York' });
    await add('sead', { name: 'Sead Hodžić', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });

    const core = { store: db.store, clock: db.clock, config: h.config, reminders: h.reminders };
    const update = (who: string, title: string) => db.store.records.create(p[who]!, 'update', { kind: 'action', title, country: 'RS' });
    actionReplies = {};
    const ticks = await simulate(db.clock, (at) => h.reminders.run(at), { from: '2026-12-01T00:00:00Z', to: '2027-01-20T23:00:00Z', stepMs: HOUR }, {
      // Greta got the opening reminder at 10:00 New York time and asks to be reminded in 3 days.
      '2026-12-01T15:30:00Z': async () => {
        actionReplies.snooze = (await handleNudgeAction(core, p.greta!, 'nudge.snooze', '2026-Q4')).text;
      },
      '2026-12-02T10:00:00Z': () => update('ana', 'Border police reorganisation'),
      '2026-12-17T13:00:00Z': async () => {
        actionReplies.nil = (await handleNudgeAction(core, p.milica!, 'nudge.nil-return', '2026-Q4')).text;
      },
      '2026-12-18T10:00:00Z': () => update('arben', 'New border crossing at Qafë Thanë'),
      '2026-12-21T15:00:00Z': () => update('hans', 'Training for border guards'),
    });
    expect(ticks).toBe(51 * 24);
  }, 600_000);
  afterAll(() => db.close());

  const local = (who: string) => h.notifier.to(p[who]!.personId).map((s) => wallClock(s.at, zone[p[who]!.personId]!));

  it('an organisation that reports after the opening reminder receives nothing more', () => {
    expect(local('ana')).toEqual(['2026-12-01 10:00']);
    expect(local('marko')).toEqual([]);
  });

  it('a nil return after the second reminder stops the third', () => {
    expect(actionReplies.nil).toMatch(/Nothing new this quarter” is recorded for Montenegro MoI for 2026-Q4/);
    expect(local('milica')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00']);
    expect(local('nikola')).toEqual(['2026-12-17 10:00']);
  });

  it('an organisation that never reports gets every reminder, and its deputy the last note', () => {
    expect(local('arta')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00']);
    expect(local('besnik')).toEqual(['2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00', '2027-01-18 10:00']);
    const last = h.notifier.to(p.besnik!.personId).at(-1)!.message;
    expect(last.text).toMatch(/^Dear Besnik, the deadline for the 2026-Q4 update has passed\. Kosovo\* MoI has not reported yet/);
    expect(last.buttons?.map((b) => b.action)).not.toContain('nudge.snooze');
    expect(last.footnote).toBe(KOSOVO_FOOTNOTE);
  });

  it('a focal point away on leave is replaced by the deputy, and is reminded again once back', () => {
    expect(local('arben')).toEqual(['2026-12-17 10:00']);
    expect(local('elira')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00']);
    expect(h.notifier.to(p.elira!.personId)[0]!.message.text).toContain('as deputy of Arben Hoxha, who is away until Thursday 10 December 2026');
  });

  it('a snooze delays exactly that person’s next reminder by 3 days; a colleague is not affected', () => {
    expect(actionReplies.snooze).toBe('Of course. I will remind you again on Friday 4 December 2026 at 10:00.');
    expect(local('greta')).toEqual(['2026-12-01 10:00', '2026-12-04 10:00', '2026-12-17 10:00']);
    const [first, second] = h.notifier.to(p.greta!.personId);
    expect(second!.at.getTime() - first!.at.getTime()).toBe(3 * DAY);
    expect(local('hans')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00']);
  });

  it('sends at 10:00 on each person’s own clock, across the year boundary (London, New York, Sarajevo)', () => {
    expect(local('james')).toEqual(['2026-12-01 10:00', '2026-12-17 10:00', '2026-12-31 10:00', '2027-01-08 10:00', '2027-01-18 10:00']);
    expect(h.notifier.to(p.james!.personId).map((s) => s.at.toISOString().slice(11, 16))).toEqual(Array(5).fill('10:00'));
    expect(h.notifier.to(p.greta!.personId)[0]!.at.toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(h.notifier.to(p.ana!.personId)[0]!.at.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('reminders are short, polite, with the deadline on the reader’s clock and one-click buttons', () => {
    const ana = h.notifier.to(p.ana!.personId)[0]!.message;
    expect(ana.text.split('\n')[0]).toBe(
      'Dear Ana, the IISG Secretariat asks every Support Group member for a short quarterly update. Serbia MoI has not reported for 2026-Q4 yet. Deadline: Friday 15 January 2027.',
    );
    expect(ana.buttons?.map((b) => `${b.action}:${b.value}`)).toEqual(['form.start:update', 'form.start:need', 'nudge.nil-return:2026-Q4', 'nudge.snooze:2026-Q4']);
    const greta = h.notifier.to(p.greta!.personId)[0]!.message;
    expect(greta.text).toContain('Deadline: Friday 15 January 2027, 18:00 your time.');
    expect(greta.buttons?.map((b) => `${b.action}:${b.value}`)).toEqual(['form.start:update', 'form.start:response', 'nudge.nil-return:2026-Q4', 'nudge.snooze:2026-Q4']);
    expect(h.notifier.to(p.james!.personId)[0]!.message.text).toContain('Deadline: Friday 15 January 2027, 23:00 your time.');
  });

  it('after the deadline the Secretariat gets one digest, in person and in the channel', () => {
    const digests = [...h.notifier.to(p.sead!.personId), ...h.notifier.to('slack:#wbbsi-status')];
    expect(digests.map((d) => wallClock(d.at, 'Europe/Sarajevo'))).toEqual(['2027-01-18 10:00', '2027-01-18 10:00']);
    for (const { message } of digests) {
      const field = (prefix: string) => message.fields!.find((f) => f.label.startsWith(prefix))!.value;
      expect(field('Reported (3)')).toBe('Albania MoI, GIZ, Serbia MoI');
      expect(field('Nothing new this quarter (1)')).toBe('Montenegro MoI');
      const overdue = field('Overdue (15)').split(', ');
      expect(overdue).toEqual(expect.arrayContaining(['Kosovo* MoI', 'United Kingdom RSC', 'DG NEAR']));
      expect(overdue).not.toContain('Serbia MoI');
      expect(message.text).toContain('4 of 19 Support Group members have reported');
      expect(message.footnote).toBe(KOSOVO_FOOTNOTE);
      expect(JSON.stringify([message.text, message.fields])).not.toMatch(/Kosovo(?!\*)/);
    }
  });

  it('sent each message exactly once and recorded it in the ledger', async () => {
    const ledger = await db.store.deliveries.list();
    const sent = ledger.filter((d) => d.status === 'sent');
    expect(sent).toHaveLength(h.notifier.sent.length);
    expect(ledger.filter((d) => d.status !== 'sent')).toEqual([]);
    expect(new Set(h.notifier.sent.map((s) => `${s.to}@${s.at.toISOString()}`)).size).toBe(h.notifier.sent.length);
    expect(h.notifier.sent).toHaveLength(1 + 2 + 1 + 4 + 4 + 1 + 2 + 5 + 3 + 2 + 2);
  });
});
