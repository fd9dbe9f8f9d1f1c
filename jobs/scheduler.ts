import cron, { type ScheduledTask } from 'node-cron';
import type { Component } from '../src/component';
import type { Config } from '../src/config';
import type { Job } from '../src/module';
import type { Logger } from '../src/support/logger';

/**
 * The only file that imports node-cron. Cron only wakes the feature modules' jobs; what is due "as
 * of now" is decided by plain code that takes the time as an argument, so tests and the
 * `wbbsi remind` command run the same logic at any instant without waiting.
 */
export const CRON: Record<Job['every'], string> = {
  'quarter-hour': '0,15,30,45 * * * *',
  day: '17 3 * * *',
};

export interface SchedulerComponent extends Component {
  /** The next wake-up times of the first quarter-hourly job (empty until started). */
  nextRuns(count: number): Date[];
}

export interface SchedulerDeps {
  core: { jobs: readonly Job[]; clock: { now(): Date } };
  config: Pick<Config, 'schedulerEnabled' | 'timezone'>;
  logger: Logger;
}

export function createScheduler({ core, config, logger }: SchedulerDeps): SchedulerComponent | null {
  if (!config.schedulerEnabled) return null;
  let tasks: ScheduledTask[] = [];
  const guarded = (job: Job) => async () => {
    const at = core.clock.now();
    try {
      const result = await job.run(at);
      if (result === null) logger.debug({ job: job.name, at }, 'slot already taken by another instance');
    } catch (err) {
      logger.error({ err, job: job.name, at }, 'scheduled job failed; the next slot will try again');
    }
  };
  return {
    name: 'scheduler',
    async start() {
      // schedule() starts the task at once, so it is called here, not when the app is composed.
      const sorted = [...core.jobs].sort((a, b) => (a.every === b.every ? 0 : a.every === 'quarter-hour' ? -1 : 1));
      tasks = sorted.map((job) => cron.schedule(CRON[job.every], guarded(job), { timezone: config.timezone, noOverlap: true, name: job.name }));
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
