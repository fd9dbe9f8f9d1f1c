import { runPurgeSlot } from '../../src/housekeeping/housekeeping.module';
import { runReminderSlot } from '../../src/reminders/reminders.module';
import type { ManualClock } from '../../src/support/clock';
import { addPerson } from '../support/people';
import { startSlackGate, type SlackGate } from '../support/slack-gate';
import { SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';
import { uniqueDbName } from '../support/test-db';
import { SEND_CONCURRENCY } from '../../src/reminders/reminder.service';

/**
 * Two app instances on one database, both with the scheduler's jobs: each quarter-hour slot runs on
 * one instance only, and each reminder goes out once, even when one instance's run is still busy
 * (Slack slow to answer it) while the other instance runs the next slot. The slot functions are the
 * ones the cron tasks call (jobs/scheduler.ts), called here for given instants instead of waiting.
 */
const OPENING = new Date('2026-12-01T09:00:00Z');
const at = (min: number, ms = 0) => new Date(OPENING.getTime() + min * 60_000 + ms);
const ORGS = ['MOI-AL', 'MOI-ME', 'MOI-MK', 'MOI-RS', 'MOS-BA', 'MOI-XK', 'GIZ', 'UNODC'];
/** Focal points per organisation: more people in all than one run sends at a time. */
const PER_ORG = Math.ceil((SEND_CONCURRENCY + 4) / ORGS.length);
const PEOPLE = ORGS.length * PER_ORG;
const IN_FLIGHT = SEND_CONCURRENCY;
const slackIdOf = (o: number, p: number) => `UTWO${o}${p}000`;

describe('two app instances with the scheduler on one database', () => {
  let slack: SlackStandin;
  let gate: SlackGate;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    slack = await startSlackStandin();
    gate = await startSlackGate(slack);
    const dbName = uniqueDbName('twoinst');
    const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test' };
    // Instance A reaches Slack through the gate (which can hold its calls), B directly.
    a = await startTestApp({ env: { ...env, SLACK_API_URL: gate.apiUrl }, dbName });
    b = await startTestApp({ env: { ...env, SLACK_API_URL: slack.apiUrl }, dbName });
    for (const t of [a, b]) (t.clock as ManualClock).set(OPENING);
    for (const [i, orgCode] of ORGS.entries()) {
      for (let p = 0; p < PER_ORG; p++) {
        slack.addUser(slackIdOf(i, p));
        await addPerson(a.app.core.store, { name: `Focal ${i}.${p}`, email: `focal${i}-${p}@example.org`, orgCode, slackId: slackIdOf(i, p) });
      }
    }
  });
  afterAll(async () => {
    await gate.release();
    await b.stop();
    await a.stop();
    await gate.close();
    await slack.close();
  });

  const clocks = (min: number, msA = 0, msB = 0) => {
    (a.clock as ManualClock).set(at(min, msA));
    (b.clock as ManualClock).set(at(min, msB));
  };

  it('runs each slot once, and sends each reminder once while runs of two slots overlap', async () => {
    // A's 09:00 run is still going at 09:14:50 (a long fan-out), and Slack is holding the messages
    // it has in flight (SEND_CONCURRENCY at a time).
    (a.clock as ManualClock).set(at(14, 50_000));
    gate.hangAfter('chat.postMessage', 0);
    const runA = runReminderSlot(a.app.core, at(0, 120));
    await gate.whenHung(IN_FLIGHT);
    // B wakes for the same slot a moment later: already taken.
    expect(await runReminderSlot(b.app.core, at(0, 480))).toBeNull();

    // A is still busy when B runs the next slot: B sends what A has not claimed, and nothing A holds.
    (b.clock as ManualClock).set(at(15));
    const b15 = await runReminderSlot(b.app.core, at(15));
    expect(b15).not.toBeNull();
    expect(b15!.counts).toEqual({ sent: PEOPLE - IN_FLIGHT });
    expect(await runReminderSlot(a.app.core, at(15, 300))).toBeNull();

    // Slack answers A again: A finishes those in flight and finds the rest already sent by B.
    await gate.release();
    const a0 = await runA;
    expect(a0!.counts).toEqual({ sent: IN_FLIGHT, 'already-sent': PEOPLE - IN_FLIGHT });

    // Later slots, on both instances at once: one runs each, nothing is sent again.
    for (const min of [30, 45, 60]) {
      clocks(min, 10, 20);
      const reports = await Promise.all([runReminderSlot(a.app.core, at(min, 10)), runReminderSlot(b.app.core, at(min, 20))]);
      expect(reports.filter((r) => r === null)).toHaveLength(1);
      expect(reports.find((r) => r !== null)!.outcomes).toEqual([]);
    }

    const perChannel = new Map<string, number>();
    for (const c of slack.accepted('chat.postMessage')) perChannel.set(String(c.body.channel), (perChannel.get(String(c.body.channel)) ?? 0) + 1);
    expect([...perChannel.keys()].sort()).toEqual(ORGS.flatMap((_, i) => Array.from({ length: PER_ORG }, (_, p) => `D${slackIdOf(i, p).slice(1)}`)).sort());
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect((await a.app.core.store.deliveries.list()).every((d) => d.status === 'sent')).toBe(true);
  });

  it('purges expired keys once a day across both instances', async () => {
    const day = new Date('2026-12-02T03:17:00Z');
    const results = await Promise.all([runPurgeSlot(a.app.core, day), runPurgeSlot(b.app.core, day)]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });
});
