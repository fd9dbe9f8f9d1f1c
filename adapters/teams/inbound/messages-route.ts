import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';
import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from '../../../src/support/logger';
import { serviceHostOf, serviceUrlAllowed, type ServiceUrlPolicy } from '../service-url';
import { activityProblems } from './activity-schema';

/**
 * `POST /api/messages`: JSON up to the configured body size (bigger: 413, broken JSON: 400, both from
 * the app's error handler), then a minimal check of the activity (400 with what is wrong), then the
 * Bot Framework adapter (authentication, unless in local mode) and the teams-ai Application. An
 * activity whose `serviceUrl` is not one the bot may talk to (see service-url.ts) is refused with 403
 * before the adapter sees it: nothing is stored for it and nothing is sent there.
 */
export function mountMessagesRoute(
  http: Express,
  deps: { adapter: TeamsAdapter; app: Application; maxBodyBytes: number; serviceUrls: ServiceUrlPolicy; logger: Logger },
): void {
  const json = express.json({ limit: deps.maxBodyBytes });
  http.post('/api/messages', json, async (req: Request, res: Response) => {
    const problems = activityProblems(req.body);
    if (problems) {
      deps.logger.info({ problems }, 'malformed Teams activity refused');
      res.status(400).json({ ok: false, error: 'invalid_activity', problems });
      return;
    }
    const serviceUrl = (req.body as { serviceUrl: string }).serviceUrl;
    if (!serviceUrlAllowed(serviceUrl, deps.serviceUrls)) {
      deps.logger.warn({ serviceHost: serviceHostOf(serviceUrl), policy: deps.serviceUrls }, 'Teams activity with a foreign serviceUrl refused');
      res.status(403).json({ ok: false, error: 'service_url_refused' });
      return;
    }
    // Express's request and response are what botbuilder's structural Request/Response describe.
    await deps.adapter.process(req as unknown as BotRequest, res as unknown as BotResponse, async (ctx) => {
      await deps.app.run(ctx);
    });
  });
}
