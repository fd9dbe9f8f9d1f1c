import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '../../src/domain/actor';
import { addPerson } from '../support/people';
import { openTestDb, testServerUri, type TestDb } from '../support/test-db';

const exec = promisify(execFile);

/**
 * The Secretariat's controls on the server (issue 15): `wbbsi history`, `wbbsi audit` (text and
 * CSV), `wbbsi exempt` (and --undo), and `wbbsi report status` showing the quarters before the
 * first reporting quarter as "not due" — each run as an operator runs it, a child process.
 */
describe('wbbsi history, audit, exempt and report status (command line)', () => {
  let db: TestDb;
  let dataDir: string;
  let ana: Actor;
  let sead: Actor;
  let needId: string;

  beforeAll(async () => {
    // The database is created (its roster loaded) on 2 December 2026: reporting starts with 2026-Q4.
    db = await openTestDb({ now: '2026-12-02T09:00:00Z' });
    dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-cli-'));
    ana = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' });
    sead = await addPerson(db.store, { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
    const need = await db.store.records.create(ana, 'need', {
      country: 'RS', title: 'Thermal cameras', needType: 'operational', perspective: 'prevention', theme: 'border-surveillance',
      description: 'Eight thermal cameras with masts.', justification: 'Night-time crossings go undetected.', beneficiaryInstitution: 'Border Police', priority: 'high', timeframe: 'short', status: 'proposed',
    });
    needId = need._id;
    db.clock.set('2026-12-03T10:00:00Z');
    await db.store.records.moveNeed(sead, needId, 'validated');
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

  it('`history` prints a record’s versions: when, who, what changed', async () => {
    const { code, stdout, stderr } = await wbbsi('history', needId.toLowerCase());
    expect(code === 0 ? 'exit 0' : `exit ${code}: ${stderr}`).toBe('exit 0');
    expect(stdout.trim().split('\n')).toEqual([
      `History of ${needId} — Thermal cameras (need, Serbia MoI)`,
      '• v1 · 2 December 2026, 10:00 · Ana Petrović: created',
      '• v2 · 3 December 2026, 11:00 · Sead Kovač: Decision chain: Proposed by the partner → Validated by the Secretariat',
    ]);
    const missing = await wbbsi('history', 'NM-2026-RS-999');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr.trim()).toBe('I could not find NM-2026-RS-999 among the records you can see.');
  }, 120_000);

  it('`exempt` exempts an organisation for a range with the reason, and `--undo` undoes it; both audited', async () => {
    const usage = await wbbsi('exempt', 'MNZ-SI', '2026-Q4');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Usage: wbbsi exempt/);
    const done = await wbbsi('exempt', 'Slovenia', 'MoI', '2026-Q4', '2027-Q1', '--reason', 'reorganisation of the ministry');
    expect(done.stdout.trim()).toBe('Slovenia MoI is exempt for 2026-Q4 and 2027-Q1 (reorganisation of the ministry). It will get no reminders for those quarters, and the status shows the reason.');
    expect((await db.store.checkins.get(sead, 'MNZ-SI', '2027-Q1'))).toMatchObject({ state: 'exempt', note: 'reorganisation of the ministry' });
    const undone = await wbbsi('exempt', 'MNZ-SI', '2027-Q1', '--undo');
    expect(undone.stdout.trim()).toBe('Slovenia MoI is no longer exempt for 2027-Q1: it is due again and will be reminded.');
    expect(await db.store.checkins.get(sead, 'MNZ-SI', '2027-Q1')).toBeNull();
    expect((await db.store.audit.history(sead, 'checkin', 'MNZ-SI|2027-Q1')).map((a) => [a.action, a.actorName])).toEqual([
      ['exempt', 'wbbsi command line'],
      ['unexempt', 'wbbsi command line'],
    ]);
  }, 180_000);

  it('`audit` exports the log as CSV, by record, person and dates', async () => {
    const file = join(dataDir, 'audit.csv');
    const run = await wbbsi('audit', '--record', needId, '--from', '2026-12-01', '--to', '31.12.2026', '--format', 'csv', '--out', file);
    expect(run.stdout.trim()).toBe(`Wrote ${file} (2 entries).`);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('When (UTC),Who,Person id,Organisation,Action,Entity,Id,Field,From,To,Note');
    expect(lines.filter((l) => l.includes(',create,record,'))).toHaveLength(11); // one row per field of the new need
    expect(lines.at(-1)).toBe(`2026-12-03T10:00:00.000Z,Sead Kovač,${sead.personId},IISG-SEC,step,record,${needId},status,"""proposed""","""validated""",`);
    const byPerson = await wbbsi('audit', '--person', 'sead@rcc.int');
    expect(byPerson.stdout).toMatch(/^Audit log — by Sead Kovač:\n• 3 December 2026, 11:00 · Sead Kovač · step record NM-2026-RS-001 · status: "proposed" → "validated"/);
    const nobody = await wbbsi('audit', '--person', 'nobody@example.org');
    expect(nobody).toMatchObject({ code: 1 });
    expect(nobody.stderr.trim()).toBe('I cannot find "nobody@example.org" on the roster. Please give the e-mail address.');
  }, 180_000);

  it('`report status` shows the quarters before reporting started as “not due”, never overdue', async () => {
    const { stdout } = await wbbsi('report', 'status', 'MOI-RS', '2026-Q2', '2026-Q4', '--format', 'csv');
    const rows = stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[1]).toBe('Serbia MoI,Not due,Not due,Reported: 1 need');
    expect(stdout).not.toMatch(/Overdue/);
  }, 120_000);
});
