import type { Actor } from '../../src/domain/actor';
import { handleNudgeAction, NUDGE_ACTIONS } from '../../src/reminders/nudge-actions';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { harness, type Harness } from './harness';

/** The reminder buttons, answered with one short message each (refusals included). */
describe('handleNudgeAction (real database)', () => {
  let db: TestDb;
  let h: Harness;
  let ana: Actor;
  let observer: Actor;
  let core: Parameters<typeof handleNudgeAction>[0];

  beforeAll(async () => {
    db = await openTestDb({ now: '2027-01-05T10:00:00Z' });
    h = harness(db.store, db.clock);
    core = { store: db.store, clock: db.clock, config: h.config, reminders: h.reminders };
    ana = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    observer = await addPerson(db.store, { name: 'Olga Observer', email: 'olga@example.org', orgCode: 'MOI-AL', role: 'observer' });
  });
  afterAll(() => db.close());

  it('a nil return in January counts for the quarter being chased (2026-Q4), once', async () => {
    const first = await handleNudgeAction(core, ana, 'nudge.nil-return', '2026-Q4');
    expect(first.text).toBe('Thank you. “Nothing new this quarter” is recorded for Serbia MoI for 2026-Q4; there will be no more reminders for this quarter.');
    expect(await db.store.checkins.isSettled('MOI-RS', '2026-Q4')).toBe(true);
    // Said twice: already recorded, nothing new is written (issue 15, item 5).
    expect((await handleNudgeAction(core, ana, 'nudge.nil-return', '2026-Q4')).text).toBe('“Nothing new” for 2026-Q4 is already recorded for Serbia MoI (on Tuesday 5 January 2027). Nothing more is needed.');
    expect((await handleNudgeAction(core, ana, 'nudge.snooze', '2026-Q4')).text).toBe('Serbia MoI has already reported for 2026-Q4, so there is nothing to remind you of.');
  });

  it('refuses quarters that have not opened, nonsense values and people who do not report', async () => {
    expect((await handleNudgeAction(core, ana, 'nudge.nil-return', '2027-Q2')).text).toBe('Reporting for 2027-Q2 has not opened yet.');
    expect((await handleNudgeAction(core, ana, 'nudge.snooze', '{"$gt":""}')).text).toBe('That is not a reporting quarter such as 2026-Q4.');
    expect((await handleNudgeAction(core, observer, 'nudge.nil-return', '2026-Q4')).text).toBe('Sorry, only members report for their organisation.');
    expect(await db.store.checkins.isSettled('MOI-AL', '2026-Q4')).toBe(false);
    expect((await handleNudgeAction(core, ana, 'fresh.confirm', 'DU-2026-XX-999')).text).toBe('I could not find that record.');
    expect((await handleNudgeAction(core, ana, 'form.start', 'update')).text).toBe('I did not understand that request.');
    expect(NUDGE_ACTIONS).not.toContain('form.start');
  });

  it('a snooze answers with the time on the person’s own clock and is stored for the planner', async () => {
    const greta = await addPerson(db.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', timezone: 'America/New_York' });
    db.clock.set(new Date('2027-01-08T16:00:00Z')); // Friday 11:00 in New York
    expect((await handleNudgeAction(core, greta, 'nudge.snooze', '2026-Q4')).text).toBe('Of course. I will remind you again on Monday 11 January 2027 at 10:00.');
    expect(await db.store.snoozes.forQuarters(['2026-Q4'])).toEqual([
      expect.objectContaining({ personId: greta.personId, orgCode: 'GIZ', snoozedAt: new Date('2027-01-08T16:00:00Z'), until: new Date('2027-01-11T15:00:00Z') }),
    ]);
  });
});
