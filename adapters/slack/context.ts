import type { WebClient } from '@slack/web-api';
import type { Core } from '../../src/core';
import type { Logger } from '../../src/support/logger';
import type { SerialQueue } from './serial-queue';

/** What every Slack listener needs. */
export interface SlackDeps {
  core: Core;
  /** The bot's Web API client (one queue, one retry policy for all calls). */
  web: WebClient;
  logger: Logger;
  queue: SerialQueue;
  /** The pillar's name for headers ("WBBSi"). */
  pillar: string;
}
