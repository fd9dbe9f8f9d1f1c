import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../app/app';
import { loadConfig } from '../../src/config';
import { seedDefaultRoster } from '../../src/roster/roster.service';
import { ManualClock, type Clock } from '../../src/support/clock';
import { createLogger, silentLogger, type Logger } from '../../src/support/logger';
import { testServerUri, uniqueDbName } from './test-db';

export interface TestApp {
  app: App;
  url: string;
  dbName: string;
  mongodbUri: string;
  clock: Clock;
  stop(): Promise<void>;
}

/**
 * The real app (all adapters the env enables) on a loopback port, over its own database in the
 * test server. `env` is the app's environment (e.g. SLACK_SIGNING_SECRET, SLACK_API_URL).
 */
export async function startTestApp(opts: { env?: Record<string, string>; clock?: Clock; dbName?: string; logger?: Logger } = {}): Promise<TestApp> {
  const dbName = opts.dbName ?? uniqueDbName('app');
  const base = testServerUri();
  const mongodbUri = base.replace(/\/(\?|$)/, `/${dbName}$1`);
  const dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-app-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: mongodbUri,
    DATA_DIR: dataDir,
    SCHEDULER_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '10000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  });
  const logger = opts.logger ?? (process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger);
  const clock = opts.clock ?? new ManualClock(new Date('2026-12-02T09:00:00Z'));
  const app = await createApp({ config, logger, clock, dbName });
  await seedDefaultRoster(app.core.store);
  await app.start();
  return {
    app,
    url: app.url,
    dbName,
    mongodbUri,
    clock,
    stop: async () => {
      await app.core.store.ctx.models.organisations.db.dropDatabase().catch(() => undefined);
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
