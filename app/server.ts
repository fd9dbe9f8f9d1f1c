import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../src/support/logger';
import { errorReference } from '../src/support/ids';

/**
 * The one HTTP server Slack (/slack/events), Teams (/api/messages), the console (/console) and the
 * health check share. Body limits are set per route by the adapters; this sets the defaults.
 */
export function createHttpApp(logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.on('finish', () => {
      if (res.statusCode >= 500) logger.warn({ method: req.method, path: req.path, status: res.statusCode }, 'request failed');
    });
    next();
  });
  return app;
}

/** Last in the chain: unknown routes get 404, a body that could not be parsed gets 400, never a crash. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ ok: false, error: 'not_found' });
  });
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) {
      const ref = errorReference();
      logger.error({ err, ref, path: req.path }, 'unhandled error in request');
      if (!res.headersSent) res.status(500).json({ ok: false, error: 'internal_error', reference: ref });
      return;
    }
    if (!res.headersSent) res.status(status).json({ ok: false, error: err.type ?? 'bad_request' });
  });
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  const server = createServer(app);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: actual,
        // Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 10_000).unref();
          }),
      });
    });
  });
}
