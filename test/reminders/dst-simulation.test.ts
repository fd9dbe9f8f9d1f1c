import type { Actor } from '../../src/domain/actor';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { HOUR, harness, simulate, wallClock, type Harness } from './harness';

/**
 * The job running hourly from 14 October to 2 December 2026, through the end of summer time in
 * Europe (25 October) and in the United States (1 November). The Q3 escalation (Fri 16 October)
 * is sent in summer time, the Q4 opening (Tue 1 December) in winter time: both at 10:00 local.
 * The app "comes back" on 14 October: of the Q3 reminders it missed (quarter end, final call) only
 * the latest, still relevant one is sent, once, at once.
 */
describe('daylight-saving changes do not move the local sending hour (real database)', () => {
  let db: TestDb;
  let h: Harness;
  const people: Record<string, { actor: Actor; tz: string }> = {};

  beforeAll(async () => {
    db = await openTestDb({ now: '2026-10-01T00:00:00Z' });
    h = harness(db.store, db.clock);
    for (const [key, orgCode, tz] of [
      ['lejla', 'MOS-BA', 'Europe/Sarajevo'],
      ['tom', 'UNODC', 'America/New_York'],
      ['emma', 'UK-RSC', 'Europe/London'],
    ] as const) {
      people[key] = { actor: await addPerson(db.store, { name: `${key} Example`, email: `${key}@example.org`, orgCode, timezone: tz }), tz };
    }
    await simulate(db.clock, (at) => h.reminders.run(at), { from: '2026-10-14T00:00:00Z', to: '2026-12-02T23:00:00Z', stepMs: HOUR });
  }, 300_000);
  afterAll(() => db.close());

  const sends = (key: string) => h.notifier.to(people[key]!.actor.personId);

  it.each([
    ['lejla', ['2026-10-16T08:00:00.000Z', '2026-12-01T09:00:00.000Z']],
    ['tom', ['2026-10-16T14:00:00.000Z', '2026-12-01T15:00:00.000Z']],
    ['emma', ['2026-10-16T09:00:00.000Z', '2026-12-01T10:00:00.000Z']],
  ])('%s gets the Q3 last note and the Q4 opening at 10:00 local, whatever the UTC offset', (key, utc) => {
    const [catchUp, ...scheduled] = sends(key);
    expect(catchUp!.at.toISOString()).toBe('2026-10-14T00:00:00.000Z');
    expect(catchUp!.message.text).toContain('a last friendly reminder before the deadline');
    expect(scheduled.map((s) => wallClock(s.at, people[key]!.tz))).toEqual(['2026-10-16 10:00', '2026-12-01 10:00']);
    expect(scheduled.map((s) => s.at.toISOString())).toEqual(utc);
    expect(scheduled[0]!.message.text).toContain('the deadline for the 2026-Q3 update has passed');
    expect(scheduled[1]!.message.text).toContain('has not reported for 2026-Q4 yet');
  });
});
