import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testServerUri } from '../support/test-db';

const exec = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `wbbsi …` as an operator runs it on the server: a child process against the test database. */
export async function wbbsi(dbName: string, dataDir: string, ...args: string[]): Promise<CliResult> {
  const uri = testServerUri().replace(/\/(\?|$)/, `/${dbName}$1`);
  const env = {
    ...process.env,
    MONGODB_URI: uri.includes('directConnection') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}directConnection=true`,
    DATA_DIR: dataDir,
    TIMEZONE: 'Europe/Sarajevo',
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'adapters/cli/wbbsi.ts', ...args], { env, cwd: process.cwd(), timeout: 120_000, maxBuffer: 20 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** "exit 0" or "exit 1: <stderr>", so a failing expectation shows why. */
export const exitOf = (r: CliResult) => (r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`);
