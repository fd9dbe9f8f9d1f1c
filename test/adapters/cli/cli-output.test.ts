import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { addPerson } from '../../support/people';
import { openTestDb, testServerUri, type TestDb } from '../../support/test-db';

/** Slack, Teams (by their SDKs) and the scheduler: what a `wbbsi` command that sends nothing must not load. */
const PLATFORM_PACKAGES = /^(@slack\/|@microsoft\/|botbuilder|botframework-|node-cron$)/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** npm packages the process loaded. */
  packages: string[];
}

/**
 * `wbbsi` as an operator runs it on the server: a child process with the server's environment, here
 * one where Slack and Teams (local mode) are both configured, so the app would mount both.
 */
describe('wbbsi prints only its own output and loads only what the command needs', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDb({ now: '2026-11-20T09:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-cli-out-'));
    await addPerson(db.store, { name: 'Arta Krasniqi', email: 'arta@rks-gov.net', orgCode: 'MOI-XK' });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let runs = 0;
  function wbbsi(args: string[], env: Record<string, string> = {}): Promise<Run> {
    const packagesFile = join(dir, `packages-${++runs}.json`);
    const uri = testServerUri().replace(/\/(\?|$)/, `/${db.dbName}$1`);
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      MONGODB_URI: uri,
      DATA_DIR: join(dir, 'data'),
      TIMEZONE: 'Europe/Sarajevo',
      SLACK_BOT_TOKEN: 'xoxb-cli-test',
      SLACK_SIGNING_SECRET: 'cli-test-signing-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/', // never reached: nothing is sent in these runs
      TEAMS_LOCAL_MODE: 'true',
      WBBSI_LOADED_PACKAGES_FILE: packagesFile,
      ...env,
    };
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', './test/support/loaded-packages.mjs', '--import', 'tsx', 'app/wbbsi.ts', ...args],
        { env: childEnv, cwd: process.cwd(), timeout: 90_000 },
        (error, stdout, stderr) => {
          let packages: string[];
          try {
            packages = JSON.parse(readFileSync(packagesFile, 'utf8')) as string[];
          } catch {
            packages = ['(the child wrote no list)'];
          }
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, packages });
        },
      );
    });
  }

  it('`roster list`: the list on stdout, nothing on stderr, and neither Slack, Teams nor the scheduler loaded', async () => {
    const r = await wbbsi(['roster', 'list']);
    expect(r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`).toBe('exit 0');
    expect(r.stdout).toMatch(/^MOI-XK\s+Kosovo\* MoI \(Kosovo\*\) — wb-partner$/m);
    expect(r.stdout).toContain('Arta Krasniqi <arta@rks-gov.net> member');
    expect(r.stderr).toBe('');
    expect(r.packages).toContain('mongoose'); // the list is real: it saw the database driver load
    expect(r.packages.filter((p) => PLATFORM_PACKAGES.test(p))).toEqual([]);
  }, 120_000);

  it('`report status`: the Markdown report only, without the platform SDKs', async () => {
    const r = await wbbsi(['report', 'status', '2026-Q4', '--format', 'md']);
    expect(r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`).toBe('exit 0');
    expect(r.stdout).toMatch(/^# /m);
    expect(r.stdout).toContain('Kosovo* MoI');
    expect(r.stdout.split(KOSOVO_FOOTNOTE).length - 1).toBe(1); // the report's own footnote, not a second one
    expect(r.stderr).toBe('');
    expect(r.packages.filter((p) => PLATFORM_PACKAGES.test(p))).toEqual([]);
  }, 120_000);

  it('`remind plan` naming Kosovo* ends with the designation footnote, once', async () => {
    const r = await wbbsi(['remind', 'plan', '--at', '2026-12-01T09:00:00Z']);
    expect(r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`).toBe('exit 0');
    expect(r.stdout).toMatch(/why: Kosovo\* MoI has not reported for 2026-Q4/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(KOSOVO_FOOTNOTE);
    expect(lines.filter((l) => l === KOSOVO_FOOTNOTE)).toHaveLength(1);
    expect(r.stderr).toBe('');
    // Planning sends nothing, but only the configured platforms can say whom they reach.
    expect(r.packages).toEqual(expect.arrayContaining(['@slack/bolt', 'botbuilder']));
  }, 120_000);

  it('`remind run` sends, so it loads the configured platforms (the check above can see them)', async () => {
    const r = await wbbsi(['remind', 'run', '--at', '2026-11-20T09:00:00Z']); // before the window: nothing is due
    expect(r.code === 0 ? 'exit 0' : `exit ${r.code}: ${r.stderr}`).toBe('exit 0');
    expect(r.stdout).toContain('Reminder run as of 2026-11-20T09:00:00.000Z: 0 due');
    expect(r.packages).toEqual(expect.arrayContaining(['@slack/bolt', 'botbuilder']));
  }, 120_000);

  it('--verbose (or LOG_LEVEL) shows the logs, on stderr, and leaves stdout to the output', async () => {
    const verbose = await wbbsi(['roster', 'list', '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/"msg":"wbbsi-bot stopped"/); // JSON: stderr is a pipe here
    expect(verbose.stdout).not.toMatch(/"msg"/);
    const level = await wbbsi(['roster', 'list'], { LOG_LEVEL: 'info' });
    expect(level.stderr).toMatch(/"msg":"wbbsi-bot stopped"/);
  }, 120_000);
});
