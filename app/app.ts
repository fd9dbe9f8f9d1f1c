import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Component, ComponentFactory } from '../adapters/component';
import { exposureRisk, type Config } from '../src/config';
import { createCore, type Core } from '../src/core';
import { openDatabase, type Database } from '../src/db/database';
import { securePrivateDir } from '../src/db/embedded-ferretdb';
import { createStore } from '../src/db/store';
import { CompositeNotifier } from '../src/notify/composite-notifier';
import { systemClock, type Clock } from '../src/support/clock';
import { randomId, type IdGenerator } from '../src/support/ids';
import { createLogger, type Logger } from '../src/support/logger';
import { createHttpApp, finishHttpApp, listen, type RunningServer } from './server';
import { healthRoute } from './health';


export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  newId?: IdGenerator;
  /** Reuse an open database (tests); otherwise one is opened from the config. */
  database?: Database;
  dbName?: string;
  /**
   * Mount the adapters and jobs (default). The `wbbsi` command line passes false unless its command
   * sends messages: then no platform SDK is loaded and nothing listens.
   */
  components?: boolean;
}

/** The app would expose an unauthenticated surface to the network: it refuses to start (see `exposureRisk`). */
export class InsecureExposureError extends Error {
  override name = 'InsecureExposureError';
}

export interface App {
  core: Core;
  http: Express;
  database: Database;
  /** Set after start(). */
  port: number;
  /** The address the server listens on (after start()). */
  host: string;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every component has finished the work it accepted (tests wait on it instead of sleeping). */
  idle(): Promise<void>;
}

/**
 * Composition root: opens the database (embedded FerretDB unless MONGODB_URI is set), seeds the
 * roster on first start, builds the core, mounts the adapters on one HTTP server.
 */
export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  securePrivateDir(config.dataDir); // the outage journal lives here even with MONGODB_URI
  const database =
    opts.database ??
    (await openDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, dbName: opts.dbName, logger, poolSize: config.dbPoolSize }));
  const store = createStore({ models: database.models, clock, newId: opts.newId ?? randomId, timezone: config.timezone, pillar: config.pillar });
  const notifier = new CompositeNotifier([]);
  const core = createCore({ config, store, clock, logger, notifier });
  await core.start(); // first-start seeds (roster, products): a CLI run on a fresh database needs them too
  const http = createHttpApp(logger);
  const components: Component[] = [];
  http.get('/healthz', healthRoute(database, () => components.map((c) => c.name)));
  for (const factory of opts.components === false ? [] : await loadComponentFactories()) {
    const c = await factory({ core, http, config, logger });
    if (c) components.push(c);
  }
  finishHttpApp(http, logger);

  let server: RunningServer | undefined;
  const app: App = {
    core,
    http,
    database,
    port: 0,
    host: '',
    url: '',
    async start() {
      checkExposure(config, logger);
      server = await listen(http, config.port, config.host);
      app.port = server.port;
      app.host = (server.server.address() as AddressInfo).address;
      app.url = `http://127.0.0.1:${server.port}`;
      for (const c of components) await c.start();
      logger.info({ host: app.host, port: server.port, components: components.map((c) => c.name), database: database.kind }, 'wbbsi-bot is up');
    },
    async idle() {
      await Promise.all(components.map((c) => c.idle?.()));
    },
    async stop() {
      // Stop taking work first, then background jobs, then the database.
      await server?.close();
      for (const c of [...components].reverse()) await c.stop().catch((err) => logger.warn({ err, component: c.name }, 'stop failed'));
      if (!opts.database) await database.close();
      logger.info('wbbsi-bot stopped');
    },
  };
  return app;
}


/**
 * Refuses to listen where an unauthenticated surface would be reachable from the network, unless
 * ALLOW_INSECURE_TRIAL=true accepts the risk; then every start says so, loudly.
 */
function checkExposure(config: Config, logger: Logger): void {
  const risk = exposureRisk(config);
  if (!risk) return;
  if (!config.allowInsecureTrial) throw new InsecureExposureError(`Refusing to start. ${risk}`);
  logger.warn({ host: config.host }, `INSECURE TRIAL (ALLOW_INSECURE_TRIAL=true): ${risk}`);
}

/** Adapters and jobs, in mount order. Each returns null when its platform is not configured. */
async function loadComponentFactories(): Promise<ComponentFactory[]> {
  const { componentFactories } = await import('./components');
  return componentFactories;
}
