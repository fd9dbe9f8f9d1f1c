import type { Component, ComponentContext } from '../component';
import { serveFileLink } from '../../src/files/file-download';
import { teamsAddresses } from './conversation-refs';
import { createTurnHandlers } from './inbound/turn-handlers';
import { mountMessagesRoute } from './inbound/messages-route';
import { Outbound, type OutboundOptions } from './outbound/outbound';
import { useOwnRetryPolicy } from './outbound/sdk-retry';
import { useRequestTimeout } from './outbound/sdk-timeout';
import { ReplySender } from './reply-sender';
import { policyFor } from './service-url';
import { createTeamsAdapter } from './teams-adapter';
import { createTeamsApplication } from './teams-bot';
import { TeamsNotifier } from './teams-notifier';

/** Marks the app's Express once `GET /files/:token` is mounted (another adapter may mount it too). */
const FILE_ROUTE_MOUNTED = 'wbbsiFileLinksMounted';

/**
 * Microsoft Teams, end to end: `POST /api/messages` (Bot Framework activities → the core), replies as
 * Adaptive Cards, the Teams notifier for proactive messages, and `GET /files/:token` for report
 * downloads. All Teams code lives under adapters/teams; the core only sees `conversation.handle`,
 * the Notifier port and the file links. Null when Teams is not configured.
 */
export function createTeamsComponent(ctx: ComponentContext, opts: { outbound?: OutboundOptions } = {}): Component | null {
  const { core, http, config } = ctx;
  if (!config.teams) return null;
  const logger = ctx.logger.child({ component: 'teams' });
  const { adapter, appId } = createTeamsAdapter(config.teams, logger);
  useOwnRetryPolicy(adapter);
  useRequestTimeout(adapter); // every Bot Connector call of a turn gives up after 15 s

  const outbound = new Outbound(opts.outbound);
  const serviceUrls = policyFor(config.teams);
  const addresses = teamsAddresses(core.store, serviceUrls);
  const sender = new ReplySender({ adapter, appId, outbound, files: core.files, timezone: config.timezone, logger });
  const notifier = new TeamsNotifier({ adapter, appId, store: core.store, addresses, outbound, files: core.files, timezone: config.timezone, logger, tenantId: config.teams.tenantId });
  const turns = createTurnHandlers({ core, sender, addresses, notifier, logger });
  const app = createTeamsApplication({ adapter, appId, turns, sender, logger });

  mountMessagesRoute(http, { adapter, app, maxBodyBytes: config.maxBodyBytes, serviceUrls, logger });
  if (!http.locals[FILE_ROUTE_MOUNTED]) {
    http.locals[FILE_ROUTE_MOUNTED] = true;
    http.get('/files/:token', (req, res) => serveFileLink(core.files, req.params.token, res));
  }
  core.notifier.add(notifier);

  return {
    name: 'teams',
    start: async () => undefined,
    // Replies still being prepared after their turn (slow reports) are delivered before we stop.
    stop: () => sender.drain(),
    idle: () => sender.drain(),
  };
}
