import { spawn, type ChildProcess } from 'node:child_process';
import { testServerUri, uniqueDbName } from '../support/test-db';

export interface AppProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process ends; rejects after `ms` (the process is then killed). */
  exit(ms?: number): Promise<number | null>;
  /** Resolves once stdout has a line matching `re`; rejects after `ms` or when the process ends first. */
  waitForLine(re: RegExp, ms?: number): Promise<string>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * `npm start`'s program (app/main.ts) as its own node process, with exactly the environment given
 * (plus PATH and HOME) over a fresh database of the test server: what an operator starts.
 */
export function startAppProcess(env: Record<string, string>): AppProcess {
  const mongodbUri = testServerUri().replace(/\/(\?|$)/, `/${uniqueDbName('proc')}$1`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', PORT: '0', MONGODB_URI: mongodbUri, SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const within = <T>(p: Promise<T>, ms: number, what: string) =>
    Promise.race([
      p,
      new Promise<T>((_, reject) =>
        setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${what} within ${ms} ms; stdout: ${out.slice(-2000)} stderr: ${err.slice(-2000)}`));
        }, ms).unref(),
      ),
    ]);

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit: (ms = 45_000) => within(exited, ms, 'the process did not exit'),
    waitForLine: (re, ms = 45_000) =>
      within(
        new Promise<string>((resolve, reject) => {
          const check = () => {
            const line = out.split('\n').find((l) => re.test(l));
            if (line !== undefined) {
              child.stdout!.off('data', check);
              resolve(line);
            }
          };
          child.stdout!.on('data', check);
          void exited.then((code) => reject(new Error(`the process exited (${code}) before printing ${re}; stderr: ${err.slice(-2000)}`)));
          check();
        }),
        ms,
        `no line matching ${re}`,
      ),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await within(exited, 30_000, 'the process did not stop');
    },
  };
}
