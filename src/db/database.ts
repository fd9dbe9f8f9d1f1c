import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { createModels, type Models } from './models';
import { ensureIndexes } from './indexes';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-ferretdb';
import type { Logger } from '../support/logger';

export interface Database {
  connection: Connection;
  models: Models;
  /** Set when we started FerretDB ourselves. */
  embedded?: EmbeddedDatabase;
  kind: 'embedded-ferretdb' | 'external';
  isUp(): boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  mongodbUri?: string;
  dataDir: string;
  dbName?: string;
  logger: Logger;
  poolSize?: number;
}

/**
 * Connects to MONGODB_URI, or starts the embedded FerretDB in dataDir and connects to it.
 * Commands are not buffered while disconnected: a call fails fast so the caller can keep the
 * person's answer and retry, instead of hanging for the driver's default 10 s.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = opts.mongodbUri;
  if (!uri) {
    // A running app already serves this data folder: share its FerretDB (two servers on one SQLite
    // folder would each cache their own view of the collections).
    uri = await runningEmbeddedUri(opts.dataDir);
    if (!uri) {
      embedded = await startEmbeddedDatabase({ dataDir: opts.dataDir, dbName: opts.dbName ?? 'wbbsi' });
      uri = embedded.uri;
      writeFileSync(lockFile(opts.dataDir), JSON.stringify({ uri, pid: process.pid }), { mode: 0o600 });
      opts.logger.info({ dataDir: opts.dataDir }, 'embedded database (FerretDB 1.24, SQLite) started');
    }
  }
  try {
    const db = await connect(uri, opts.dbName, opts.logger, { poolSize: opts.poolSize });
    return {
      ...db,
      embedded,
      kind: embedded ? 'embedded-ferretdb' : 'external',
      close: async () => {
        await db.close();
        if (embedded) {
          await embedded.stop();
          rmSync(lockFile(opts.dataDir), { force: true });
        }
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/**
 * `poolSize` bounds the operations in flight. The default is small on purpose: FerretDB's SQLite has
 * a single writer, so more connections only add waiting inside SQLite (its busy handler sleeps and
 * retries) where the driver's queue would serve them in order. Measured with `npm run bench`, 10 at
 * once: p99 ack 1.7 s with 20 connections, 0.9 s with 4 (2 and 3 measured the same as 4). MongoDB
 * deployments with heavy reporting may raise it (DB_POOL_SIZE).
 */
export async function connect(uri: string, dbName: string | undefined, logger: Logger, opts: { poolSize?: number } = {}) {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5000,
    connectTimeoutMS: 5000,
    socketTimeoutMS: 30000,
    maxPoolSize: opts.poolSize ?? 4,
  });
  let closing = false; // our own close() also emits 'disconnected': that is a normal stop, not a warning
  connection.on('disconnected', () => (closing ? logger.debug('database connection closed') : logger.warn('database disconnected')));
  connection.on('reconnected', () => logger.info('database reconnected'));
  await connection.asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  return {
    connection,
    models,
    isUp: () => connection.readyState === 1,
    close: () => {
      closing = true;
      return connection.close();
    },
  };
}

const lockFile = (dataDir: string) => join(dataDir, 'ferretdb.json');

async function runningEmbeddedUri(dataDir: string): Promise<string | undefined> {
  try {
    const { uri, pid } = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as { uri: string; pid: number };
    if (pid === process.pid) return undefined;
    process.kill(pid, 0); // throws when that process is gone
    const probe = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1500 });
    await probe.asPromise();
    await probe.close();
    return uri;
  } catch {
    return undefined;
  }
}
