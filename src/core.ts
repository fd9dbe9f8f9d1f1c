import { join } from 'node:path';
import type { Config } from './config';
import { createConversation } from './conversation/conversation';
import type { Store } from './db/store';
import { createFileLinks } from './files/file-links';
import { registerMeetings } from './meetings/register-meetings';
import { CompositeNotifier } from './notify/composite-notifier';
import { registerProducts } from './products/register-products';
import { createReminderService } from './reminders/reminder.service';
import { registerReportCommands } from './reports/report-commands';
import { registerSpreadsheets } from './spreadsheets/register-spreadsheets';
import { createSpreadsheetService } from './spreadsheets/spreadsheet.service';
import { createSubmissionService } from './submissions/submission.service';
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
  notifier: CompositeNotifier;
}

export function createCore(deps: CoreDeps) {
  const timezone = deps.config.timezone;
  const submissions = createSubmissionService({ store: deps.store, clock: deps.clock, timezone, holidays: deps.config.holidays });
  const conversation = createConversation({
    store: deps.store,
    clock: deps.clock,
    timezone,
    logger: deps.logger,
    submissions,
    pendingJournal: join(deps.config.dataDir, 'pending-inputs.jsonl'),
    rateLimitPerMinute: deps.config.rateLimitPerMinute,
  });
  return {
    ...deps,
    reminders: createReminderService(deps),
    submissions,
    conversation,
    products: registerProducts(deps, conversation),
    meetings: registerMeetings({ ...deps, submissions, conversation }),
    reports: registerReportCommands({ ...deps, conversation }),
    spreadsheets: registerSpreadsheets(conversation, createSpreadsheetService({ store: deps.store, clock: deps.clock, timezone }), deps.logger),
    files: createFileLinks({ store: deps.store, clock: deps.clock, secret: deps.config.fileLinkSecret, publicUrl: deps.config.publicUrl }),
  };
}
export type Core = ReturnType<typeof createCore>;
