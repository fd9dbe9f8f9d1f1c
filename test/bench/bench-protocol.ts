import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the benchmark asks the app process to do (see bench-app.ts). */
export type AppCommand =
  | { id: number; cmd: 'drafts'; users: string[] }
  | { id: number; cmd: 'plan'; at: string }
  | { id: number; cmd: 'remind'; at: string }
  | { id: number; cmd: 'advance'; ms: number }
  | { id: number; cmd: 'stop' };

export type AppReply = { id: number; ok: true; result: Record<string, unknown> } | { id: number; ok: false; error: string };

type Omit2<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface Child {
  pid: number;
  /** The first message the child sent (its URL). */
  ready: Record<string, unknown>;
  ask(c: Omit2<AppCommand>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resident memory now and its high-water mark, in MB (from /proc: this machine is Linux). */
  memory(): { rssMb: number; peakRssMb: number };
  kill(): void;
}

/** Starts a TypeScript file in its own Node process with an IPC channel; resolves when it says it is ready. */
export function startChild(file: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const proc: ChildProcess = fork(join(__dirname, file), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (r: AppReply) => void>();
  let seq = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within ${timeoutMs} ms`)), timeoutMs);
    proc.once('exit', (code) => reject(new Error(`${file} exited with code ${code} before it was ready`)));
    proc.on('message', (raw) => {
      const m = raw as AppReply;
      if (m.id !== 0) return pending.get(m.id)?.(m);
      clearTimeout(timer);
      if (!m.ok) return reject(new Error(m.error));
      resolve({
        pid: proc.pid!,
        ready: m.result,
        ask(c, askTimeoutMs = 600_000) {
          const id = (seq += 1);
          return new Promise((done, fail) => {
            const t = setTimeout(() => fail(new Error(`${file}: no answer to ${c.cmd} within ${askTimeoutMs} ms`)), askTimeoutMs);
            pending.set(id, (r) => {
              clearTimeout(t);
              pending.delete(id);
              if (r.ok) done(r.result);
              else fail(new Error(r.error));
            });
            proc.send({ ...c, id });
          });
        },
        memory: () => procMemory(proc.pid!),
        kill: () => proc.kill('SIGKILL'),
      });
    });
  });
}

export function procMemory(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, peakRssMb: Math.round(kb('VmHWM') / 102.4) / 10 };
}
