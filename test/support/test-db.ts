import { randomBytes } from 'node:crypto';
import { connect } from '../../src/db/database';
import { createStore, type Store } from '../../src/db/store';
import { ManualClock } from '../../src/support/clock';
import { silentLogger } from '../../src/support/logger';
import { seedDefaultRoster } from '../../src/roster/roster.service';

export interface TestDb {
  uri: string;
  dbName: string;
  store: Store;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The test run's database server (started by global-setup, or MONGODB_URI). */
export function testServerUri(): string {
  const uri = process.env.WBBSI_TEST_MONGODB_URI;
  if (!uri) throw new Error('WBBSI_TEST_MONGODB_URI is not set: run the tests with `npm test`.');
  return uri;
}

export function uniqueDbName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A fresh database with the default roster, dropped by close(). */
export async function openTestDb(opts: { now?: string; seed?: boolean } = {}): Promise<TestDb> {
  const uri = testServerUri();
  const dbName = uniqueDbName();
  const db = await connect(withDirect(uri), dbName, silentLogger);
  const clock = new ManualClock(new Date(opts.now ?? '2026-12-02T09:00:00Z'));
  const store = createStore({ models: db.models, clock, timezone: 'Europe/Sarajevo', pillar: 'WBBSi' });
  if (opts.seed !== false) await seedDefaultRoster(store);
  return {
    uri,
    dbName,
    store,
    clock,
    close: async () => {
      await db.connection.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
}

function withDirect(uri: string): string {
  return uri.includes('directConnection') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}directConnection=true`;
}
