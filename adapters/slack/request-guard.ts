import { isValidSlackRequest } from '@slack/bolt';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../src/support/logger';
import { checkSlackBody, FORM, JSON_TYPE } from './parse/slack-body';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Runs in front of Bolt's own handler on POST /slack/events: content type (415), body size
 * (`maxBodyBytes`, 413, via express.raw and the app's error handler), signature and timestamp (401),
 * then the body's shape (400). Bolt verifies the signature again and parses `req.rawBody`.
 */
export function slackRequestGuard(opts: { signingSecret: string; maxBodyBytes: number; logger: Logger }): RequestHandler[] {
  const contentType: RequestHandler = (req, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== FORM && type !== JSON_TYPE) {
      res.status(415).json({ ok: false, error: 'unsupported_media_type' });
      return;
    }
    req.headers['content-type'] = type; // Bolt compares the header exactly (no charset)
    next();
  };
  const verify = (req: Request, res: Response, next: NextFunction) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const body = raw.toString('utf8');
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    // Bolt refuses timestamps over 5 minutes old; Slack's own guidance refuses those 5 minutes ahead too.
    const skewed = !(Math.abs(Date.now() / 1000 - timestamp) <= MAX_SKEW_SECONDS);
    if (typeof signature !== 'string' || skewed || !isValidSlackRequest({ signingSecret: opts.signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } })) {
      opts.logger.warn({ path: req.path }, 'Slack request refused: bad or stale signature');
      res.status(401).json({ ok: false, error: 'invalid_signature' });
      return;
    }
    const check = raw.length ? checkSlackBody(req.headers['content-type'] as string, body) : ({ ok: false, status: 400, error: 'empty_body' } as const);
    if (!check.ok) {
      opts.logger.warn({ error: check.error }, 'Slack request refused: unexpected body');
      res.status(check.status).json({ ok: false, error: check.error });
      return;
    }
    if (check.answered) {
      opts.logger.warn(check.answered);
      res.status(200).end();
      return;
    }
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    next();
  };
  return [contentType, express.raw({ type: () => true, limit: opts.maxBodyBytes }), verify];
}
