import type { Actor } from '../../src/domain/actor';
import { startNotifyApp, type NotifyApp } from '../support/notify-app';
import { HOUR, simulate, wallClock } from './harness';

/**
 * The job running hourly from 14 October to 2 December 2026, through the end of summer time in
 * Europe (25 October) and in the United States (1 November). The Q3 escalation (Fri 16 October)
 * is sent in summer time, the Q4 opening (Tue 1 December) in winter time: both at 10:00 local.
 * The app "comes back" on 14 October: of the Q3 reminders it missed (quarter end, final call) only
 * the latest, still relevant one is sent, once, at once. Lejla is on Slack and Tom on Teams (real
 * notifiers, stand-ins); Emma has no chat id, so her messages are attempted at the same local
 * hours and recorded as failed.
 */
describe('daylight-saving changes do not move the local sending hour (real database, Slack and Teams)', () => {
  let app: NotifyApp;
  const people: Record<string, { actor: Actor; tz: string; slackId?: string; teamsId?: string }> = {};

  beforeAll(async () => {
    // The group has reported since Q3 (a database created in October would otherwise start with Q4).
    app = await startNotifyApp({ now: '2026-10-01T00:00:00Z', env: { FIRST_REPORTING_QUARTER: '2026-Q3' } });
    for (const [key, orgCode, tz, ids] of [
      ['lejla', 'MOS-BA', 'Europe/Sarajevo', { slackId: 'U0LEJLA' }],
      ['tom', 'UNODC', 'America/New_York', { teamsId: 'aad-tom-unodc' }],
      ['emma', 'UK-RSC', 'Europe/London', {}],
    ] as const) {
      people[key] = { actor: await app.person({ name: `${key} Example`, email: `${key}@example.org`, orgCode, timezone: tz, ...ids }), tz, ...ids };
    }
    await simulate(app.clock, (at) => app.tick(at, (x) => app.app.core.reminders.run(x)), { from: '2026-10-14T00:00:00Z', to: '2026-12-02T23:00:00Z', stepMs: HOUR });
  }, 300_000);
  afterAll(() => app.stop());

  it.each([
    ['lejla', 'slack', ['2026-10-16T08:00:00.000Z', '2026-12-01T09:00:00.000Z']],
    ['tom', 'teams', ['2026-10-16T14:00:00.000Z', '2026-12-01T15:00:00.000Z']],
  ])('%s gets the Q3 last note and the Q4 opening at 10:00 local on %s, whatever the UTC offset', (key, platform, utc) => {
    const [catchUp, ...scheduled] = app.to(people[key]!);
    expect([catchUp, ...scheduled].map((d) => d!.platform)).toEqual([platform, platform, platform]);
    expect(catchUp!.at.toISOString()).toBe('2026-10-14T00:00:00.000Z');
    expect(catchUp!.text).toContain('a last friendly reminder before the deadline');
    expect(scheduled.map((s) => wallClock(s.at, people[key]!.tz))).toEqual(['2026-10-16 10:00', '2026-12-01 10:00']);
    expect(scheduled.map((s) => s.at.toISOString())).toEqual(utc);
    expect(scheduled[0]!.text).toContain('the deadline for the 2026-Q3 update has passed');
    expect(scheduled[1]!.text).toContain('has not reported for 2026-Q4 yet');
  });

  it('attempts Emma’s at the same local hours (London), and records each as failed: she has no chat id', async () => {
    const emma = people.emma!;
    const tried = (await app.app.core.store.deliveries.list()).filter((d) => d.recipient === `person:${emma.actor.personId}`);
    expect(tried.map((d) => [d._id.split('|').slice(2, 4).join(' '), d.createdAt.toISOString(), d.status])).toEqual([
      ['2026-Q3 final-call', '2026-10-14T00:00:00.000Z', 'failed'],
      ['2026-Q3 escalation', '2026-10-16T09:00:00.000Z', 'failed'], // 10:00 BST
      ['2026-Q4 opening', '2026-12-01T10:00:00.000Z', 'failed'], // 10:00 GMT
    ]);
    for (const d of tried) expect(d.lastError).toBe(`no platform can reach person ${emma.actor.personId}`);
    expect(app.to(emma)).toEqual([]);
  });
});
