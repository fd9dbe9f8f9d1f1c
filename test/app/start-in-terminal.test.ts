import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess } from '../security/app-process';
import { runInTerminal } from '../support/terminal-process';
import { testServerUri, uniqueDbName } from '../support/test-db';

const root = process.cwd();
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SHELL: '/bin/sh', TERM: 'xterm-256color' });

/** `npm start` as a person types it in a terminal: tools/start.mjs → app/main.ts (compiled) → FerretDB. */
describe('npm start in a terminal', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-start-tty-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('shows a short banner with the console URL and readable logs, and Ctrl-C stops it cleanly (exit 0, no warning)', async () => {
    // The default path is the embedded database; a run of the suite against MongoDB uses that instead.
    const mongodbUri = process.env.MONGODB_URI ? testServerUri().replace(/\/(\?|$)/, `/${uniqueDbName('tty')}$1`) : '';
    const term = runInTerminal('exec node tools/start.mjs', { ...baseEnv(), PORT: '0', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}) });
    try {
      await term.waitFor(/Stop:\s+Ctrl-C/, 240_000); // compiling first can take a while on a busy machine
      const shown = term.screen();
      const url = /Try it:\s+(http:\/\/localhost:\d+)\/console/.exec(shown)?.[1];
      expect(url).toBeDefined();
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true }); // the URL shown is where the bot is
      const banner = shown.slice(shown.indexOf('WBBSi bot is running.'));
      expect(banner.trim().split('\n').length).toBeLessThanOrEqual(8);
      expect(shown).not.toMatch(/go: downloading/);
      expect(shown).not.toMatch(/\{"level":/); // no JSON lines for a person
      expect(shown).toMatch(/^\d\d:\d\d:\d\d INFO {2}wbbsi-bot is up {2}host=127\.0\.0\.1 port=\d+/m);

      const before = shown.length;
      term.pressCtrlC();
      expect(await term.exit(60_000)).toBe(0);
      const afterCtrlC = term.screen().slice(before);
      expect(afterCtrlC).toMatch(/INFO {2}wbbsi-bot stopped/);
      expect(afterCtrlC).not.toMatch(/WARN|ERROR|FATAL|\{"level":/);
      if (!mongodbUri) expect(existsSync(join(dataDir, 'ferretdb.json'))).toBe(false); // the database was stopped by the app, in order
    } finally {
      term.kill();
    }
  }, 300_000);

  it('logs JSON lines when stdout is not a terminal (a service manager, a pipe), and stops without a warning', async () => {
    const proc = startAppProcess({ DATA_DIR: join(dataDir, 'piped') });
    try {
      await proc.waitForLine(/Open http:\/\/localhost:\d+\/console to try the bot/);
    } finally {
      await proc.stop();
    }
    const lines = proc.stdout().trim().split('\n');
    const entries = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['wbbsi-bot is up', 'stopping', 'wbbsi-bot stopped']));
    expect(entries.filter((e) => e.level >= 40 && !/Teams local mode/.test(e.msg))).toEqual([]);
  }, 120_000);
});

/** The embedded database's one-time build: Go's progress is kept back unless the build fails. */
describe('building the embedded database', () => {
  let dir: string;
  beforeEach(() => {
    // A copy of the build script and its Go sources, so nothing is cached yet, and a stand-in `go`
    // that prints what a first build prints: a `go: downloading …` line per module (55 for FerretDB).
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-build-'));
    mkdirSync(join(dir, 'tools', 'ferretdb'), { recursive: true });
    copyFileSync(join(root, 'tools', 'build-ferretdb.mjs'), join(dir, 'tools', 'build-ferretdb.mjs'));
    for (const f of readdirSync(join(root, 'tools', 'ferretdb'))) copyFileSync(join(root, 'tools', 'ferretdb', f), join(dir, 'tools', 'ferretdb', f));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(
      join(dir, 'bin', 'go'),
      [
        '#!/bin/sh',
        'if [ "$1" = version ]; then echo "go version go1.26.8 linux/amd64"; exit 0; fi',
        'i=0; while [ $i -lt 55 ]; do echo "go: downloading example.org/module$i v1.$i.0" >&2; i=$((i+1)); done',
        'if [ -n "$FAKE_GO_FAIL" ]; then echo "./main.go:47:2: undefined: ferretdb.Nope" >&2; exit 1; fi',
        'out=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done',
        'printf "#!/bin/sh\\n" > "$out"; chmod +x "$out"',
      ].join('\n'),
    );
    chmodSync(join(dir, 'bin', 'go'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const build = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(dir, 'tools', 'build-ferretdb.mjs')], { encoding: 'utf8', env: { ...baseEnv(), PATH: `${join(dir, 'bin')}:${process.env.PATH}`, ...env } });

  it('says once what it does, and nothing of Go’s progress when the build succeeds', () => {
    const r = build();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(new RegExp(`^${dir}/\\.cache/ferretdb/wbbsi-ferretdb-[0-9a-f]{12}$`));
    expect(r.stderr.trim().split('\n')).toEqual(['Building the embedded database (FerretDB 1.24.2) once; this takes a few minutes…']);
  });

  it('shows Go’s whole output, and what to do, when the build fails', () => {
    const r = build({ FAKE_GO_FAIL: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Building the embedded database failed \(go build in tools\/ferretdb, exit code 1\)/);
    expect(r.stderr).toContain('./main.go:47:2: undefined: ferretdb.Nope');
    expect(r.stderr).toContain('go: downloading example.org/module54 v1.54.0');
    expect(r.stderr).toMatch(/set MONGODB_URI/);
    expect(existsSync(join(dir, '.cache', 'ferretdb'))).toBe(true);
    expect(readdirSync(join(dir, '.cache', 'ferretdb'))).toEqual([]); // no half-built program is kept
  });
});
