import { runWbbsi, type CliResult } from '../support/wbbsi-cli';

/** `wbbsi …` against database `dbName` with the import's data folder (its uploads and drafts). */
export const wbbsi = (dbName: string, dataDir: string, ...args: string[]): Promise<CliResult> =>
  runWbbsi(args, { dbName, dataDir, timeoutMs: 120_000 });

/** "exit 0" or "exit 1: <stderr>", so a failing expectation shows why. */
export const exitOf = (r: CliResult) => (r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`);
