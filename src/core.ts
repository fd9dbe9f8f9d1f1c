import { join } from 'node:path';
import type { Config } from './config';
import { createConversation } from './conversation/conversation';
import type { Store } from './db/store';
import { CompositeNotifier } from './notify/composite-notifier';
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
  const submissions = createSubmissionService({ store: deps.store, clock: deps.clock, timezone });
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
    submissions,
    conversation,
  };
}
export type Core = ReturnType<typeof createCore>;
