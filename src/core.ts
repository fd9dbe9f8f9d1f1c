import type { Config } from './config';
import type { Store } from './db/store';
import { CompositeNotifier } from './notify/composite-notifier';
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
  return {
    ...deps,
  };
}
export type Core = ReturnType<typeof createCore>;
