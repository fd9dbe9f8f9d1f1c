import type { Actor } from '../../src/domain/actor';
import { RecordingNotifier } from '../support/recording-notifier';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { harness, secondStore } from './harness';

/**
 * Exactly once under re-runs, concurrent instances, crashes and failing deliveries. Every test has
 * its own database and ten focal points of ten organisations, all due the opening reminder at
 * 10:00 Sarajevo time on 1 December 2026.
 */
const OPENING = new Date('2026-12-01T09:00:00Z');
const ORGS = ['MOI-AL', 'MOS-BA', 'MOI-XK', 'MOI-ME', 'MOI-MK', 'MOI-RS', 'RCC', 'UNODC', 'DCAF', 'GIZ'];
const MIN = 60_000;

async function setup(): Promise<{ db: TestDb; people: Actor[] }> {
  const db = await openTestDb({ now: OPENING.toISOString() });
  const people: Actor[] = [];
  for (const [i, orgCode] of ORGS.entries()) {
    people.push(await addPerson(db.store, { name: `Person ${i}`, email: `p${i}@example.org`, orgCode, slackId: `U${i}` }));
  }
  return { db, people };
}

const ids = (n: RecordingNotifier) => n.sent.map((s) => s.to).sort();
const expectEachOnce = (sent: string[], people: Actor[]) => expect([...sent].sort()).toEqual(people.map((p) => p.personId).sort());

describe('exactly-once reminders (real database)', () => {
  let db: TestDb;
  let people: Actor[];
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => ({ db, people } = await setup()));
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    await db.close();
  });

  it('running the job twice for the same instant sends each message once', async () => {
    const h = harness(db.store, db.clock);
    const first = await h.reminders.run(OPENING);
    const second = await h.reminders.run(OPENING);
    expectEachOnce(ids(h.notifier), people);
    expect(first.counts).toEqual({ sent: people.length });
    expect(second.outcomes).toEqual([]);
  });

  it('two instances (two connections to the same database) running at the same moment send each message once', async () => {
    const other = await secondStore(db, db.clock);
    closers.push(other.close);
    const a = harness(db.store, db.clock);
    const b = harness(other.store, db.clock);
    const c = harness(other.store, db.clock);
    await Promise.all([a.reminders.run(OPENING), b.reminders.run(OPENING), c.reminders.run(OPENING)]);
    expectEachOnce([...ids(a.notifier), ...ids(b.notifier), ...ids(c.notifier)], people);

    // The next step, again all at once, after an hour of ticks from both instances.
    const twoWeeks = new Date('2026-12-17T09:00:00Z');
    db.clock.set(twoWeeks);
    await Promise.all([a.reminders.run(twoWeeks), b.reminders.run(twoWeeks), a.reminders.run(twoWeeks), c.reminders.run(twoWeeks)]);
    const all = [...a.notifier.sent, ...b.notifier.sent, ...c.notifier.sent];
    expect(all).toHaveLength(2 * people.length);
    expect(new Set(all.map((s) => `${s.to}|${s.at.toISOString()}`)).size).toBe(2 * people.length);
  });

  it('a crash in the middle of the fan-out, then a re-run, completes it with no duplicates', async () => {
    const h = harness(db.store, db.clock);
    h.notifier.dieAfter(3, 'throw');
    const crashed = await h.reminders.run(OPENING);
    expect(h.notifier.sent).toHaveLength(3);
    expect(crashed.counts.unknown).toBe(people.length - 3);

    // Restarted at once: the unfinished claims are still leased, so nothing is sent twice meanwhile.
    h.notifier.revive();
    expect((await h.reminders.run(OPENING)).outcomes.filter((o) => o.outcome.status === 'sent')).toEqual([]);
    // Once the lease has expired the rest goes out, exactly once.
    db.clock.set(new Date(OPENING.getTime() + 11 * MIN));
    await h.reminders.run(db.clock.now());
    await h.reminders.run(db.clock.now());
    expectEachOnce(ids(h.notifier), people);
  });

  it('a process killed mid fan-out is completed by a restarted instance, nobody messaged twice', async () => {
    const dying = harness(db.store, db.clock, { service: { concurrency: 4 } });
    dying.notifier.dieAfter(2, 'hang');
    void dying.reminders.run(OPENING); // never finishes: four sends stuck, like a killed process
    await dying.notifier.whenHanging(4);

    const other = await secondStore(db, db.clock);
    closers.push(other.close);
    const restarted = harness(other.store, db.clock);
    await restarted.reminders.run(OPENING);
    expect(restarted.notifier.sent).toHaveLength(people.length - 2 - 4); // the stuck four are still leased
    db.clock.set(new Date(OPENING.getTime() + 11 * MIN));
    await restarted.reminders.run(db.clock.now());
    expectEachOnce([...ids(dying.notifier), ...ids(restarted.notifier)], people);
  });

  it('a rate-limited recipient is retried by later runs after the backoff; the others are not held up', async () => {
    const h = harness(db.store, db.clock);
    const slow = people[4]!.personId;
    h.notifier.failTimes(slow, 2, 2 * MIN);
    const first = await h.reminders.run(OPENING);
    expect(first.counts).toEqual({ sent: people.length - 1, failed: 1 });
    const failed = first.outcomes.find((o) => o.outcome.status === 'failed')!.outcome;
    expect(failed).toMatchObject({ nextAttemptAt: new Date(OPENING.getTime() + 2 * MIN) });

    const at = (min: number) => {
      db.clock.set(new Date(OPENING.getTime() + min * MIN));
      return h.reminders.run(db.clock.now());
    };
    expect((await at(1)).outcomes).toEqual([]); // before Retry-After: not even attempted
    expect((await at(2)).counts).toEqual({ failed: 1 }); // second failure
    expect((await at(3)).outcomes).toEqual([]);
    expect((await at(4)).counts).toEqual({ sent: 1 });
    expect((await at(15)).outcomes).toEqual([]);
    expectEachOnce(ids(h.notifier), people);
    const doc = (await db.store.deliveries.list()).find((d) => d.recipient === `person:${slow}`)!;
    expect(doc).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('an unknown user fails alone, is logged in the ledger and tried again the next day', async () => {
    const h = harness(db.store, db.clock);
    const unknown = people[2]!.personId;
    h.notifier.refuse(unknown, 'user_not_found');
    await h.reminders.run(OPENING);
    expect(ids(h.notifier)).toEqual(people.map((p) => p.personId).filter((id) => id !== unknown).sort());
    const doc = (await db.store.deliveries.list()).find((d) => d.recipient === `person:${unknown}`)!;
    expect(doc).toMatchObject({ status: 'failed', lastError: 'user_not_found', nextAttemptAt: new Date(OPENING.getTime() + 24 * 3600_000) });

    const nextDay = new Date(OPENING.getTime() + 24 * 3600_000);
    db.clock.set(nextDay);
    const attemptsBefore = h.notifier.attempts;
    await h.reminders.run(nextDay);
    expect(h.notifier.attempts - attemptsBefore).toBe(1); // only the failed one is tried again
  });
});
