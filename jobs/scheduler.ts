import cron, { type ScheduledTask } from 'node-cron';
import type { Component } from '../src/component';
import type { Config } from '../src/config';
import type { Logger } from '../src/support/logger';
import type { Core } from '../src/core';
import { runMeetingJobs } from '../src/meetings/meeting.service';
import type { RunReport } from '../src/reminders/reminder.service';

/**
 * The only file that imports node-cron. Cron only wakes the jobs; what is due "as of now" is
 * decided by plain code that takes the time as an argument (src/reminders), so tests and the
 * `wbbsi remind` command run the same logic at any instant without waiting.
 */
export const REMINDER_CRON = '0,15,30,45 * * * *';
export const PURGE_CRON = '17 3 * * *';
const SLOT_MS = 15 * 60_000;
const DAY_MS = 24 * 3600_000;

type JobCore = Pick<Core, 'store' | 'reminders' | 'clock'>;

/**
 * One reminder run per quarter-hour slot across all instances: the first to claim the slot runs it,
 * the others skip. Skipping is safe because every message goes through the delivery ledger anyway;
 * the claim only spares the database a redundant plan. A run that dies half way is completed by the
 * next slot.
 */
export async function runReminderSlot(core: JobCore, at: Date): Promise<RunReport | null> {
  const slot = new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS).toISOString();
  if (!(await core.store.seenKeys.claim(`slot|reminders|${slot}`, 3 * DAY_MS))) return null;
  return core.reminders.run(at);
}

/** Daily: drop expired seen keys and download files (FerretDB has no TTL indexes). Once per day across instances. */
export async function runPurgeSlot(core: JobCore, at: Date): Promise<number | null> {
  if (!(await core.store.seenKeys.claim(`slot|purge|${at.toISOString().slice(0, 10)}`, 3 * DAY_MS))) return null;
  return (await core.store.seenKeys.purgeExpired()) + (await core.store.files.purgeExpired());
}

export interface SchedulerComponent extends Component {
  /** The next wake-up times of the reminder job (empty until started). */
  nextRuns(count: number): Date[];
}

export function createScheduler({ core, config, logger }: { core: Core; config: Config; logger: Logger }): SchedulerComponent | null {
  if (!config.schedulerEnabled) return null;
  let tasks: ScheduledTask[] = [];
  const guarded = (name: string, job: (at: Date) => Promise<unknown>) => async () => {
    const at = core.clock.now();
    try {
      const result = await job(at);
      if (result === null) logger.debug({ job: name, at }, 'slot already taken by another instance');
    } catch (err) {
      logger.error({ err, job: name, at }, 'scheduled job failed; the next slot will try again');
    }
  };
  return {
    name: 'scheduler',
    async start() {
      // schedule() starts the task at once, so it is called here, not when the app is composed.
      const options = { timezone: config.timezone, noOverlap: true };
      tasks = [
        cron.schedule(REMINDER_CRON, guarded('reminders', (at) => runReminderSlot(core, at)), { ...options, name: 'reminders' }),
        cron.schedule(REMINDER_CRON, guarded('consultations', (at) => core.products.runConsultationJobs(at)), { ...options, name: 'consultations' }),
        cron.schedule(REMINDER_CRON, guarded('meetings', (at) => runMeetingJobs(core, at)), { ...options, name: 'meetings' }),
        cron.schedule(PURGE_CRON, guarded('purge', (at) => runPurgeSlot(core, at)), { ...options, name: 'purge-seen-keys' }),
      ];
    },
    async stop() {
      for (const t of tasks) await t.destroy();
      tasks = [];
    },
    nextRuns(count: number) {
      return tasks[0]?.getNextRuns(count) ?? [];
    },
  };
}
