import type { ComponentFactory } from '../component';
import type { SlackDeps } from './context';
import { registerActionHandler } from './handlers/action.handler';
import { registerAppHomeHandler } from './handlers/app-home.handler';
import { registerAppMentionHandler } from './handlers/app-mention.handler';
import { registerCommandHandler } from './handlers/command.handler';
import { registerErrorHandler } from './handlers/error.handler';
import { registerFileShareHandler } from './handlers/file-share.handler';
import { registerMessageImHandler } from './handlers/message-im.handler';
import { registerViewHandlers } from './handlers/view.handlers';
import { SerialQueue } from './serial-queue';
import { SlackNotifier } from './slack-notifier';
import { createWebClient } from './web-client';

/**
 * The bot in Slack: slash command, DMs, buttons, modals, App Home, and the Slack notifier.
 * Null when Slack is not configured; Bolt is only loaded when it is.
 */
export const createSlackComponent: ComponentFactory = async ({ core, http, config, logger }) => {
  if (!config.slack) return null;
  const { createBoltApp } = await import('./bolt-app');
  const log = logger.child({ component: 'slack' });
  const web = createWebClient(config.slack, log);
  core.notifier.add(new SlackNotifier({ web, store: core.store, logger: log }));

  const { bolt, socketMode } = createBoltApp({ config, http, logger: log, web });
  const deps: SlackDeps = { core, web, logger: log, queue: new SerialQueue(log), pillar: config.pillar };
  registerCommandHandler(bolt, deps);
  registerActionHandler(bolt, deps);
  registerViewHandlers(bolt, deps);
  registerMessageImHandler(bolt, deps);
  registerFileShareHandler(bolt, deps);
  registerAppHomeHandler(bolt, deps);
  registerAppMentionHandler(bolt, deps);
  // Interactions we do not offer (shortcuts, external selects) still get their ack.
  bolt.shortcut(/.*/, async ({ ack }) => ack());
  bolt.options(/.*/, async ({ ack }) => ack({ options: [] }));
  registerErrorHandler(bolt, deps);

  return {
    name: 'slack',
    async start() {
      if (!socketMode) return; // HTTP: the app's server already routes /slack/events
      // Connecting must not hold up (or fail) the rest of the app: Socket Mode reconnects by itself.
      bolt.start().then(
        () => log.info('Slack Socket Mode connected'),
        (err: unknown) => log.error({ err }, 'Slack Socket Mode could not connect; check SLACK_APP_TOKEN'),
      );
    },
    idle: () => deps.queue.idle(),
    async stop() {
      if (socketMode) await bolt.stop().catch((err: unknown) => log.warn({ err }, 'Slack Socket Mode stop failed'));
      await deps.queue.idle();
    },
  };
};
