import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { projectRoot } from '../support/project-root';

const run = promisify(execFile);

export interface EmbeddedDatabase {
  /** mongodb:// URI with the database name and directConnection. */
  uri: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/** Builds (once, cached) and returns the path of the FerretDB program in tools/ferretdb. */
export async function ensureFerretdbBinary(): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [join(projectRoot(), 'tools', 'build-ferretdb.mjs')], {
      maxBuffer: 1 << 20,
    });
    return stdout.trim().split('\n').pop() as string;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new EmbeddedDatabaseError((e.stderr || e.message).trim());
  }
}

/**
 * Starts FerretDB (SQLite storage in dataDir) on a free loopback port and waits until it answers.
 * The child watches its stdin, so it also stops if this process dies without calling stop().
 */
export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  dbName: string;
  startTimeoutMs?: number;
  /** Fixed port (a restart on the same address); default: a free one. */
  port?: number;
  /** FerretDB's PostgreSQL backend at this URL instead of SQLite files (benchmarks compare the two). */
  postgresqlUrl?: string;
  /** SQLite: index `_id` in every collection (default). False runs FerretDB as shipped (benchmarks). */
  idIndex?: boolean;
}): Promise<EmbeddedDatabase> {
  const binary = await ensureFerretdbBinary();
  const dataDir = resolve(opts.dataDir);
  securePrivateDir(dataDir);
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the database
  // must outlive the app's orderly stop (we stop it last). -watch-stdin still ends it if we die.
  const args = ['-data', dataDir, '-listen', `127.0.0.1:${opts.port ?? 0}`, '-watch-stdin'];
  if (opts.postgresqlUrl) args.push('-postgresql-url', opts.postgresqlUrl);
  if (opts.idIndex === false) args.push('-id-index=false');
  const child = spawn(binary, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });

  const base = await new Promise<string>((resolveUri, reject) => {
    const timer = setTimeout(
      () => reject(new EmbeddedDatabaseError(`FerretDB did not start within ${opts.startTimeoutMs ?? 30000} ms. ${stderr}`)),
      opts.startTimeoutMs ?? 30000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolveUri((JSON.parse(line) as { uri: string }).uri);
      } catch {
        reject(new EmbeddedDatabaseError(`FerretDB printed an unexpected line: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new EmbeddedDatabaseError(`FerretDB exited with code ${code} before it was ready. ${stderr.trim()}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new EmbeddedDatabaseError(`Could not run ${binary}: ${err.message}`));
    });
  });

  const uri = `${base.replace(/\/$/, '')}/${opts.dbName}?directConnection=true`;
  return { uri, stop: () => stopChild(child) };
}

/** The files the app keeps in the data folder: SQLite databases (and -wal, -shm), FerretDB's port file, the journal. */
const DATA_FILES = /(\.sqlite(-wal|-shm|-journal)?|^ferretdb\.json|^pending-inputs\.jsonl)$/;

/**
 * The data folder is readable by its owner only (0700) and so are the app's files in it (0600), also
 * when they were created before with looser modes: records are members-only, and `ferretdb.json` names
 * a database port without authentication. (The FerretDB program creates new files private itself.)
 * A folder shared by design (sticky like /tmp, the file-system root, the home folder) keeps its mode;
 * only our files in it are tightened.
 */
export function securePrivateDir(dir: string): void {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const shared = (statSync(abs).mode & 0o1000) !== 0 || abs === parse(abs).root || abs === resolve(homedir());
  if (!shared) chmodSync(abs, 0o700);
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (entry.isFile() && DATA_FILES.test(entry.name)) chmodSync(join(abs, entry.name), 0o600);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
