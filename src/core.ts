import { join } from 'node:path';
import type { ReportingCalendarSettings } from './calendar/calendar-config';
import { createCalendar } from './calendar/reporting-calendar';
import type { Config } from './config';
import { createConversation } from './conversation/conversation';
import type { SinkMap } from './conversation/submit-port';
import type { Store } from './db/store';
import { createFileLinks } from './files/file-links';
import type { FeatureModule, Job, ModuleContext } from './module';
import { featureModules } from './modules';
import type { CompositeNotifier } from './notify/composite-notifier';
import { createSubmissionService } from './submissions/submission.service';
import { XlsxAppendices } from './render/xlsx-appendix';
import type { Clock } from './support/clock';
import type { Logger } from './support/logger';

/**
 * The platform-neutral core: everything Slack, Teams, the console, the CLI and the jobs call.
 * Built once per app from the store, the clock, the logger and the notifier.
 */
export interface CoreDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Adapters add their platform's notifier to it when they start. */
  notifier: CompositeNotifier;
  /** Other calendar rules than REPORTING_CALENDAR (tests); holidays and timezone still come from the config. */
  calendarRules?: Partial<ReportingCalendarSettings>;
}

/**
 * Builds the shared services once (calendar, file links, the submission service, the
 * conversation), then every feature module, and installs them all in one loop: their commands and
 * actions into the conversation, their form sinks into the submission service, their jobs into the
 * list the scheduler wakes. Nothing registers itself anywhere else.
 */
export function createCore(deps: CoreDeps) {
  const { config, store, clock, logger } = deps;
  const calendar = createCalendar(config, deps.calendarRules);
  const files = createFileLinks({ store, clock, secret: config.fileLinkSecret, publicUrl: config.publicUrl });
  const sinks: SinkMap = {};
  const submissions = createSubmissionService({ store, clock, calendar, sinks });
  const conversation = createConversation({
    store,
    clock,
    timezone: config.timezone,
    logger,
    submitter: submissions,
    pendingJournal: join(config.dataDir, 'pending-inputs.jsonl'),
    rateLimitPerMinute: config.rateLimitPerMinute,
    // Half the database connections at most, so that commands always find one free.
    submissionsAtOnce: Math.floor(config.dbPoolSize / 2),
  });
  const ctx: ModuleContext = { ...deps, calendar, files, forms: conversation.engine, submitter: submissions, xlsxAppendices: new XlsxAppendices() };
  const modules = featureModules(ctx);
  const installed: FeatureModule[] = Object.values(modules);
  const jobs: Job[] = [];
  for (const m of installed) {
    conversation.install(m);
    Object.assign(sinks, m.sinks);
    jobs.push(...(m.jobs ?? []));
  }

  return {
    ...deps,
    calendar,
    files,
    submissions,
    conversation,
    modules: installed,
    jobs,
    /** Records after they are saved: history and the audit log (the CLI's `history` and `audit`). */
    records: modules.submissions.api,
    reminders: modules.reminders.api,
    meetings: modules.meetings.api,
    products: modules.products.api,
    reports: modules.reports.api,
    roster: modules.roster.api,
    spreadsheets: modules.spreadsheets.api,
    /** Each module's start-up step, in module order (first-start seeds); then the first reporting quarter, kept once. */
    async start(): Promise<void> {
      for (const m of installed) await m.onStart?.();
      // After the roster seed: a new database's first quarter is the one its roster was created in.
      calendar.startReportingAt(await store.settings.firstReportingQuarter());
    },
  };
}
export type Core = ReturnType<typeof createCore>;
