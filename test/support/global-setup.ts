import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';

declare global {
  var __WBBSI_TEST_DB__: EmbeddedDatabase | undefined;
}

/**
 * One FerretDB for the whole run, on a throw-away directory; each test file uses its own database
 * in it. With MONGODB_URI set, that server is used instead and nothing is started.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.WBBSI_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wbbsi-test-db-'));
  const db = await startEmbeddedDatabase({ dataDir: dir, dbName: 'unused', startTimeoutMs: 120_000 });
  globalThis.__WBBSI_TEST_DB__ = db;
  process.env.WBBSI_TEST_MONGODB_URI = db.uri.replace('/unused?', '/?');
  process.env.WBBSI_TEST_DB_DIR = dir;
}
