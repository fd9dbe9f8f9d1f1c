import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler } from '../../jobs/scheduler';
import { runPurgeSlot } from '../../src/housekeeping/housekeeping.module';
import { runReminderSlot } from '../../src/reminders/reminders.module';
import { createCore } from '../../src/core';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import { silentLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { harness, reminderConfig, secondStore } from './harness';

/** The scheduler only wakes the job; nothing here waits for a real cron tick. */
describe('scheduler', () => {
  let db: TestDb;
  let dataDir: string;
  beforeEach(async () => {
    db = await openTestDb({ now: '2026-12-01T09:00:00Z' });
    dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-sched-'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const core = (env: Record<string, string>) =>
    createCore({ config: reminderConfig({ DATA_DIR: dataDir, ...env }), store: db.store, clock: db.clock, logger: silentLogger, notifier: new CompositeNotifier([]) });

  it('is not created when SCHEDULER_ENABLED=false', () => {
    const config = reminderConfig({ DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' });
    expect(createScheduler({ core: core({ SCHEDULER_ENABLED: 'false' }), config, logger: silentLogger })).toBeNull();
  });

  it('wakes on every quarter hour once started, and stops cleanly', async () => {
    const config = reminderConfig({ DATA_DIR: dataDir });
    const scheduler = createScheduler({ core: core({}), config, logger: silentLogger })!;
    expect(scheduler.nextRuns(2)).toEqual([]);
    await scheduler.start();
    try {
      const next = scheduler.nextRuns(4);
      expect(next).toHaveLength(4);
      for (const d of next) expect([d.getUTCMinutes() % 15, d.getUTCSeconds(), d.getUTCMilliseconds()]).toEqual([0, 0, 0]);
      expect(next[1]!.getTime() - next[0]!.getTime()).toBe(15 * 60_000);
    } finally {
      await scheduler.stop();
    }
    expect(scheduler.nextRuns(1)).toEqual([]);
  });

  it('two instances waking for the same slot: one runs it, and each message goes once', async () => {
    await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    await addPerson(db.store, { name: 'Arben Hoxha', email: 'arben@asp.gov.al', orgCode: 'MOI-AL' });
    const other = await secondStore(db, db.clock);
    try {
      const a = harness(db.store, db.clock);
      const b = harness(other.store, db.clock);
      const [ra, rb] = await Promise.all([
        runReminderSlot({ store: db.store, reminders: a.reminders }, new Date('2026-12-01T09:00:00.120Z')),
        runReminderSlot({ store: other.store, reminders: b.reminders }, new Date('2026-12-01T09:00:00.480Z')),
      ]);
      expect([ra, rb].filter((r) => r === null)).toHaveLength(1);
      expect(a.notifier.sent.length + b.notifier.sent.length).toBe(2);
      // The next slot is a new slot.
      const next = await runReminderSlot({ store: other.store, reminders: b.reminders }, new Date('2026-12-01T09:15:00Z'));
      expect(next).not.toBeNull();
      expect(a.notifier.sent.length + b.notifier.sent.length).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('purges expired seen keys once a day', async () => {
    await db.store.seenKeys.claim('old', 1000);
    await db.store.seenKeys.claim('fresh', 7 * 24 * 3600_000);
    // Under a minute: claims clear expired keys themselves only after that (test/security/seen-keys-expiry).
    db.clock.advance(30_000);
    const jobCore = { store: db.store, clock: db.clock, reminders: harness(db.store, db.clock).reminders };
    expect(await runPurgeSlot(jobCore, db.clock.now())).toBe(1);
    expect(await runPurgeSlot(jobCore, db.clock.now())).toBeNull();
    expect(await db.store.seenKeys.claim('old')).toBe(true);
    expect(await db.store.seenKeys.claim('fresh')).toBe(false);
  });
});
