import { loadConfig, type Config } from '../../src/config';
import { connect } from '../../src/db/database';
import { createStore, type Store } from '../../src/db/store';
import { localParts } from '../../src/domain/quarter';
import { CompositeNotifier } from '../../src/notify/composite-notifier';
import type { ReportingCalendarSettings } from '../../src/calendar/calendar-config';
import { createCalendar } from '../../src/calendar/reporting-calendar';
import { createReminderService, type ReminderService, type ReminderServiceOptions } from '../../src/reminders/reminder.service';
import type { Clock } from '../../src/support/clock';
import { silentLogger } from '../../src/support/logger';
import { RecordingNotifier } from '../support/recording-notifier';
import { testServerUri, type TestDb } from '../support/test-db';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** The app's configuration as the environment would give it (Slack with a status channel). */
export function reminderConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    TIMEZONE: 'Europe/Sarajevo',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'test-secret',
    SLACK_CHANNEL: '#wbbsi-status',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export interface Harness {
  notifier: RecordingNotifier;
  reminders: ReminderService;
  config: Config;
}

/** A reminder service over `store`, sending through the production composite into a recorder. */
export function harness(
  store: Store,
  clock: Clock,
  opts: { config?: Config; notifier?: RecordingNotifier; service?: ReminderServiceOptions; calendar?: Partial<ReportingCalendarSettings> } = {},
): Harness {
  const config = opts.config ?? reminderConfig();
  const notifier = opts.notifier ?? new RecordingNotifier(clock);
  const reminders = createReminderService(
    { config, store, clock, logger: silentLogger, notifier: new CompositeNotifier([notifier]), calendar: createCalendar(config, opts.calendar) },
    { ledger: { leaseMs: 10 * 60_000 }, ...opts.service },
  );
  return { notifier, reminders, config };
}

/** A second connection and store over the same database: what a second app instance has. */
export async function secondStore(db: TestDb, clock: Clock): Promise<{ store: Store; close(): Promise<void> }> {
  const base = testServerUri();
  const uri = base.includes('directConnection') ? base : `${base}${base.includes('?') ? '&' : '?'}directConnection=true`;
  const conn = await connect(uri, db.dbName, silentLogger);
  return { store: createStore({ models: conn.models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' }), close: () => conn.close() };
}

/**
 * Moves the clock from `from` to `to` in steps, running the job at every step, as the scheduler
 * would; `at` hooks let people act at given instants (report, snooze) before that step's run.
 */
export async function simulate(
  clock: { set(at: Date): void },
  run: (at: Date) => Promise<unknown>,
  range: { from: string; to: string; stepMs: number },
  at: Record<string, () => Promise<unknown>> = {},
): Promise<number> {
  const hooks = Object.entries(at)
    .map(([t, fn]) => ({ t: new Date(t).getTime(), fn }))
    .sort((a, b) => a.t - b.t);
  let runs = 0;
  for (let t = new Date(range.from).getTime(); t <= new Date(range.to).getTime(); t += range.stepMs) {
    while (hooks.length && hooks[0]!.t <= t) {
      const h = hooks.shift()!;
      clock.set(new Date(h.t));
      await h.fn();
    }
    clock.set(new Date(t));
    await run(new Date(t));
    runs++;
  }
  return runs;
}

/** "2026-12-01 10:00" on the wall clock of `tz`. */
export function wallClock(at: Date, tz: string): string {
  const p = localParts(at, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
