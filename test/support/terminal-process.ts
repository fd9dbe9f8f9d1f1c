import { spawn, type ChildProcess } from 'node:child_process';

export interface TerminalProcess {
  child: ChildProcess;
  /** Everything the terminal showed so far, without colour codes and carriage returns. */
  screen(): string;
  /** Resolves once the screen has text matching `re`; rejects after `ms` or when the process ends first. */
  waitFor(re: RegExp, ms: number): Promise<void>;
  /** Types Ctrl-C: the terminal sends SIGINT to its whole foreground process group, as for a person. */
  pressCtrlC(): void;
  /** The program's exit code (script -e passes it on); rejects after `ms` (the process is then killed). */
  exit(ms: number): Promise<number | null>;
  kill(): void;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g; // eslint-disable-line no-control-regex

/**
 * Runs a shell command in a pseudo-terminal (util-linux `script`), so the program sees a terminal on
 * stdout and stderr exactly as when a person types the command, and Ctrl-C reaches it through the
 * terminal's line discipline.
 */
export function runInTerminal(command: string, env: Record<string, string>, cwd = process.cwd()): TerminalProcess {
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let raw = '';
  child.stdout!.on('data', (d: Buffer) => (raw += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (raw += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const screen = () => raw.replace(ANSI, '').replace(/\r/g, '');
  const kill = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timeout = (ms: number, what: string) =>
    new Promise<never>((_, reject) =>
      setTimeout(() => {
        kill();
        reject(new Error(`${what} within ${ms} ms; the terminal showed:\n${screen().slice(-3000)}`));
      }, ms).unref(),
    );
  return {
    child,
    screen,
    waitFor: (re, ms) =>
      Promise.race([
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (re.test(screen())) {
              child.stdout!.off('data', check);
              resolve();
            }
          };
          child.stdout!.on('data', check);
          void exited.then((code) => reject(new Error(`exited (${code}) before showing ${re}:\n${screen().slice(-3000)}`)));
          check();
        }),
        timeout(ms, `nothing matching ${re}`),
      ]),
    pressCtrlC: () => child.stdin!.write('\u0003'),
    exit: (ms) => Promise.race([exited, timeout(ms, 'the program did not exit')]),
    kill,
  };
}
