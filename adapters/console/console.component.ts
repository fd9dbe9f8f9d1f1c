import type { Component, ComponentFactory } from '../component';
import { consoleApi } from './console-api';
import { ConsoleFiles } from './console-files';
import { consoleImportRoute } from './console-import';
import { ConsoleNotifier } from './console-notifier';
import { mountConsolePage } from './console-page';

/**
 * The trial console at /console: pick a person from the roster, talk to the bot, fill whole forms,
 * see the records, receive reminders and "the database is back" messages (the pending-replay
 * component sends those through core.notifier). Same core as Slack and Teams. Off unless
 * `consoleEnabled` (default: on outside production).
 */
export const createConsoleComponent: ComponentFactory = ({ core, http, config, logger }) => {
  if (!config.consoleEnabled) return null;
  const files = new ConsoleFiles();
  const notifier = new ConsoleNotifier({ store: core.store, files, now: () => core.clock.now() });
  http.use('/console/api/import', consoleImportRoute({ core, logger, notifier, files })); // before the JSON API and its 404
  const api = consoleApi({ core, config, logger, notifier, files });
  http.use('/console/api', api.router);
  mountConsolePage(http);

  let registered = false;
  const component: Component = {
    name: 'console',
    async start() {
      // Registered when the server starts, after every factory has run: the console reaches
      // everyone, so it must come after Slack and Teams. A CLI run (never started) does not queue
      // messages to a page nobody will see, and so does not mark them delivered.
      if (!registered) core.notifier.add(notifier);
      registered = true;
    },
    async stop() {},
    idle: () => api.idle(),
  };
  return component;
};
