import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-ferretdb';

/**
 * The databases the benchmark compares on the same work, each a FerretDB 1.24.2 of our own
 * program (tools/ferretdb) on its own storage:
 *  - `sqlite`: SQLite files with our `_id` index (what the app runs);
 *  - `sqlite-stock`: SQLite files, FerretDB as shipped (no `_id` index): the "before";
 *  - `postgresql`: FerretDB's PostgreSQL backend, when a server answers on 127.0.0.1:5432
 *    (trust auth, user postgres), in a throw-away database dropped at the end.
 */
export interface BenchDatabase {
  name: 'sqlite' | 'sqlite-stock' | 'postgresql' | 'external';
  description: string;
  /** mongodb://…/ without a database name (each part picks its own). */
  uri: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const PG = { host: '127.0.0.1', port: 5432 };

export function postgresReachable(timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect(PG);
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

const baseUri = (e: EmbeddedDatabase) => e.uri.replace(/\/[^/?]*\?.*$/, '/');

async function embedded(name: BenchDatabase['name'], description: string, opts: { idIndex?: boolean; postgresqlUrl?: string }, cleanup?: () => Promise<void>): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `wbbsi-bench-${name}-`));
  const e = await startEmbeddedDatabase({ dataDir: dir, dbName: 'unused', startTimeoutMs: 120_000, ...opts });
  return {
    name,
    description,
    uri: baseUri(e),
    stop: async () => {
      await e.stop();
      rmSync(dir, { recursive: true, force: true });
      await cleanup?.();
    },
  };
}

export async function startBenchDatabases(want: readonly BenchDatabase['name'][], log: (line: string) => void): Promise<BenchDatabase[]> {
  const out: BenchDatabase[] = [];
  if (process.env.MONGODB_URI) {
    out.push({ name: 'external', description: 'MONGODB_URI', uri: process.env.MONGODB_URI, stop: async () => undefined });
    return out;
  }
  if (want.includes('sqlite')) out.push(await embedded('sqlite', 'FerretDB 1.24.2, SQLite, with our _id index', {}));
  if (want.includes('sqlite-stock')) out.push(await embedded('sqlite-stock', 'FerretDB 1.24.2, SQLite, as shipped (no _id index)', { idIndex: false }));
  if (want.includes('postgresql')) {
    if (!(await postgresReachable())) {
      log('PostgreSQL: nothing answers on 127.0.0.1:5432, so its figures are left out.');
    } else {
      const pgDb = `wbbsi_bench_${Date.now().toString(36)}`;
      const psql = (sql: string) => run('psql', ['-h', PG.host, '-p', String(PG.port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
      try {
        await psql(`CREATE DATABASE ${pgDb}`);
        const version = (await run('psql', ['-h', PG.host, '-U', 'postgres', '-d', pgDb, '-Atc', 'SHOW server_version'])).stdout.trim();
        out.push(
          await embedded('postgresql', `FerretDB 1.24.2, PostgreSQL ${version} backend (127.0.0.1:5432)`, { postgresqlUrl: `postgres://postgres@${PG.host}:${PG.port}/${pgDb}` }, async () => {
            await psql(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`).catch(() => undefined);
          }),
        );
      } catch (err) {
        log(`PostgreSQL: could not create a throw-away database (${String((err as Error).message).split('\n')[0]}), so its figures are left out.`);
      }
    }
  }
  return out;
}
