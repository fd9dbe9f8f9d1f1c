import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServerUri } from './test-db';

export interface CliResult {
  /** The process's exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

/** The database `dbName` on the test run's server, as MONGODB_URI. */
export function mongodbUriOf(dbName: string): string {
  const uri = testServerUri().replace(/\/(\?|$)/, `/${dbName}$1`);
  return uri.includes('directConnection') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}directConnection=true`;
}

/**
 * `wbbsi <args>` as an operator runs it on the server: its own Node process with the app's
 * environment, against the test database `dbName`. Started with tsx on app/wbbsi.ts (the
 * `npm run wbbsi` path): compiling the project for dist/ takes longer than the whole CLI suite, and
 * the compiled and the tsx-run command are the same source.
 */
export function runWbbsi(args: string[], opts: { dbName: string; env?: Record<string, string>; dataDir?: string; timeoutMs?: number }): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MONGODB_URI: mongodbUriOf(opts.dbName),
    DATA_DIR: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wbbsi-cli-')),
    TIMEZONE: 'Europe/Sarajevo',
    LOG_LEVEL: 'silent',
    ...opts.env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'app/wbbsi.ts', ...args], { env, cwd: join(__dirname, '..', '..'), timeout: opts.timeoutMs ?? 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
