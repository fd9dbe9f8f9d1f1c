import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '../../src/domain/actor';
import { addPerson } from '../support/people';
import { openTestDb, testServerUri, type TestDb } from '../support/test-db';

const exec = promisify(execFile);

/** `wbbsi remind` as an operator runs it: a child process against the test server's database. */
describe('wbbsi remind (command line)', () => {
  let db: TestDb;
  let dataDir: string;
  let ana: Actor;
  let greta: Actor;

  beforeAll(async () => {
    db = await openTestDb({ now: '2026-11-20T09:00:00Z' });
    dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-cli-'));
    ana = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    greta = await addPerson(db.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', timezone: 'America/New_York' });
    const milica = await addPerson(db.store, { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    await db.store.checkins.nilReturn(milica, '2026-Q4');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function wbbsi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const base = testServerUri();
    const uri = base.replace(/\/(\?|$)/, `/${db.dbName}$1`);
    const env = {
      ...process.env,
      MONGODB_URI: uri.includes('directConnection') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}directConnection=true`,
      DATA_DIR: dataDir,
      TIMEZONE: 'Europe/Sarajevo',
      LOG_LEVEL: 'silent',
    };
    try {
      const { stdout, stderr } = await exec('npx', ['tsx', 'app/wbbsi.ts', ...args], { env, cwd: process.cwd(), timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it('`remind plan --at` prints who would be reminded and why, and sends nothing', async () => {
    const { code, stdout, stderr } = await wbbsi('remind', 'plan', '--at', '2026-12-01T09:00:00Z');
    expect(code === 0 ? 'exit 0' : `exit ${code}: ${stderr}`).toBe('exit 0');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Reminder plan as of 2026-12-01T09:00:00.000Z (2026-12-01 10:00 Europe/Sarajevo); nothing is sent by "plan".');
    expect(lines[1]).toBe('Would send 1 message(s):');
    expect(lines[2]).toBe('  • nudge → Ana Petrović [MOI-RS], due 2026-12-01 10:00 Europe/Sarajevo');
    expect(lines[3]).toBe(`      key: nudge|MOI-RS|2026-Q4|opening|${ana.personId}`);
    expect(lines[4]).toBe('      why: Serbia MoI has not reported for 2026-Q4; reminder 1 of 4 (opening) due 2026-12-01 10:00 Europe/Sarajevo; focal point');
    expect(stdout).toContain('Montenegro MoI: nil-return for 2026-Q4, no reminders');
    expect(stdout).not.toContain(greta.personId); // 04:00 in New York: not due yet
    expect(await db.store.deliveries.list()).toEqual([]);
  }, 120_000);

  it('`remind plan` later that day includes New York; `remind run` records each send so a re-plan shows it handled', async () => {
    const plan = await wbbsi('remind', 'plan', '--at', '2026-12-01T15:00:00Z');
    expect(plan.stdout).toContain('Would send 2 message(s):');
    expect(plan.stdout).toContain(`key: nudge|GIZ|2026-Q4|opening|${greta.personId}`);

    const run = await wbbsi('remind', 'run', '--at', '2026-12-01T15:00:00Z');
    expect(run.stdout).toContain('Reminder run as of 2026-12-01T15:00:00.000Z: 2 due');
    const ledger = await db.store.deliveries.list();
    expect(ledger.map((d) => d._id).sort()).toEqual([`nudge|GIZ|2026-Q4|opening|${greta.personId}`, `nudge|MOI-RS|2026-Q4|opening|${ana.personId}`].sort());

    const again = await wbbsi('remind', 'plan', '--at', '2026-12-01T15:00:00Z');
    expect(again.stdout).toContain('Would send nothing.');
    expect(again.stdout).toContain('Already handled: 2 message(s)');
  }, 180_000);

  it('refuses a time it cannot read', async () => {
    const { code, stderr } = await wbbsi('remind', 'plan', '--at', 'next tuesday');
    expect(code).toBe(2);
    expect(stderr).toContain('--at needs a time such as 2026-12-01T09:00:00Z');
  }, 120_000);
});
