import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/support/project-root';

/** What the benchmark asks the app process to do (see bench-app.ts). */
export type AppCommand =
  | { id: number; cmd: 'drafts'; users: string[] }
  | { id: number; cmd: 'plan'; at: string }
  | { id: number; cmd: 'remind'; at: string }
  | { id: number; cmd: 'advance'; ms: number }
  | { id: number; cmd: 'memory'; gc?: boolean }
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

/** How the app and the floor run: compiled to JavaScript like `npm start` runs the app, or through tsx. */
export interface Runtime {
  name: string;
  /** Path of a bench file (e.g. "bench-app.ts") and the node options to run it with. */
  entry(file: string): { path: string; execArgv: string[] };
}

/**
 * Compiles the bench processes and what they import with tsc into .cache/bench-build (inside the
 * project, so node_modules resolve), so memory is measured without a TypeScript loader in the
 * process, as in production. Falls back to tsx if compiling fails.
 */
export async function prepareRuntime(files: string[], log: (line: string) => void): Promise<Runtime> {
  const root = projectRoot();
  const dir = join(root, '.cache', 'bench-build');
  mkdirSync(dir, { recursive: true });
  const tsconfig = {
    extends: '../../tsconfig.json',
    compilerOptions: { noEmit: false, outDir: '.', rootDir: '../..', sourceMap: false, incremental: true, tsBuildInfoFile: './.tsbuildinfo', types: ['node'] },
    include: [],
    files: files.map((f) => `../../test/bench/${f}`),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  try {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: root, maxBuffer: 1 << 24 });
    return { name: 'node (compiled with tsc)', entry: (file) => ({ path: join(dir, 'test', 'bench', file.replace(/\.ts$/, '.js')), execArgv: [] }) };
  } catch (err) {
    log(`bench: could not compile (${String((err as { stdout?: string }).stdout ?? err).slice(0, 500)}); running through tsx instead`);
    return { name: 'node + tsx (TypeScript compiled on load)', entry: (file) => ({ path: join(__dirname, file), execArgv: ['--import', 'tsx'] }) };
  }
}

/** Starts a bench file in its own Node process with an IPC channel; resolves when it says it is ready. */
export function startChild(runtime: Runtime, file: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const { path, execArgv } = runtime.entry(file);
  // BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the app process.
  const extra = file === 'bench-app.ts' ? (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const proc: ChildProcess = fork(path, [], {
    execArgv: [...execArgv, ...extra],
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
