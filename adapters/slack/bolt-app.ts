import { App, ExpressReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/support/logger';
import { lazyAuthorize } from './authorize';
import { slackLogger } from './bolt-logger';
import { SLACK_EVENTS_PATH, slackRequestGuard } from './request-guard';
import { REQUEST_TIMEOUT_MS, webClientOptions } from './web-client';

export interface BoltSetup {
  bolt: App;
  socketMode: boolean;
}

/**
 * The Bolt app and its receiver. HTTP: an ExpressReceiver mounted on the app's own Express server
 * at POST /slack/events (behind our guard), never listening by itself. Socket Mode (SLACK_APP_TOKEN
 * set): a SocketModeReceiver and no HTTP route, for workspaces that cannot reach a public URL.
 * Nothing here calls Slack: start-up works offline.
 */
export function createBoltApp(opts: { config: Config; http: Express; logger: Logger; web: WebClient }): BoltSetup {
  const slack = opts.config.slack!;
  const logger = slackLogger(opts.logger);
  let receiver: Receiver;
  if (slack.appToken) {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      // apps.connections.open goes to SLACK_API_URL too; the socket client keeps its own reconnect retries.
      installerOptions: { clientOptions: { timeout: REQUEST_TIMEOUT_MS, ...(slack.apiUrl ? { slackApiUrl: webClientOptions(slack, opts.logger).slackApiUrl } : {}) } },
    });
  } else {
    // Registered before the receiver, whose constructor mounts its router on `http` at once.
    opts.http.post(SLACK_EVENTS_PATH, ...slackRequestGuard({ signingSecret: slack.signingSecret, maxBodyBytes: opts.config.maxBodyBytes, logger: opts.logger }));
    receiver = new ExpressReceiver({
      signingSecret: slack.signingSecret,
      app: opts.http,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      bodyLimit: opts.config.maxBodyBytes,
    });
  }
  const bolt = new App({
    receiver,
    authorize: lazyAuthorize(opts.web, slack.botToken, opts.logger),
    clientOptions: webClientOptions(slack, opts.logger),
    logger,
    convoStore: false,
    extendedErrorHandler: true,
  });
  return { bolt, socketMode: Boolean(slack.appToken) };
}
