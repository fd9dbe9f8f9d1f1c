import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson } from '../support/people';
import { startSlackGate, type SlackGate } from '../support/slack-gate';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { openTestDb, testServerUri, type TestDb } from '../support/test-db';
import { SEND_CONCURRENCY } from '../../src/reminders/reminder.service';

/**
 * `wbbsi remind run` killed (SIGKILL) in the middle of a fan-out, then run again: everyone gets the
 * reminder, nobody gets it twice. The process is a real child process against the test database
 * and a Slack stand-in behind a gate that stops answering chat.postMessage after five messages, so
 * at the moment of the kill five reminders are delivered and the other seven are in flight (the
 * reminder service sends up to SEND_CONCURRENCY at a time, more than seven).
 *
 * The ledger documents one window it cannot close: a message Slack accepted whose `sent` mark the
 * process did not write before dying is sent again. The test kills only once every accepted message
 * is marked `sent` in the ledger, i.e. outside that window; the calls in flight were never accepted.
 */
const AT = '2026-12-01T09:00:00Z'; // 10:00 in Sarajevo: the opening reminder of 2026-Q4 is due
const ORGS = ['MOI-AL', 'MOI-ME', 'MOI-MK', 'MOI-RS'];
const PER_ORG = 3;
const DELIVERED_BEFORE_KILL = 5;
const IN_FLIGHT = Math.min(SEND_CONCURRENCY, ORGS.length * PER_ORG - DELIVERED_BEFORE_KILL);

describe('reminder fan-out killed half way and restarted', () => {
  let db: TestDb;
  let slack: SlackStandin;
  let gate: SlackGate;
  let dataDir: string;
  const slackIds: string[] = [];

  beforeAll(async () => {
    db = await openTestDb({ now: AT });
    slack = await startSlackStandin({ tokens: ['xoxb-kill-test'] });
    gate = await startSlackGate(slack);
    dataDir = mkdtempSync(join(tmpdir(), 'wbbsi-kill-'));
    for (const [o, orgCode] of ORGS.entries()) {
      for (let i = 0; i < PER_ORG; i++) {
        const slackId = `UKILL${o}${i}00`;
        slackIds.push(slackId);
        slack.addUser(slackId);
        await addPerson(db.store, { name: `Focal ${o}.${i}`, email: `focal${o}${i}@example.org`, orgCode, slackId });
      }
    }
  });
  afterAll(async () => {
    await gate.close();
    await slack.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `wbbsi remind run …` as its own node process (not through npx: SIGKILL must reach it). */
  function wbbsi(apiUrl: string, args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
    const base = testServerUri().replace(/\/(\?|$)/, `/${db.dbName}$1`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/wbbsi.ts', 'remind', 'run', '--at', AT, ...args], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        MONGODB_URI: base.includes('directConnection') ? base : `${base}${base.includes('?') ? '&' : '?'}directConnection=true`,
        DATA_DIR: dataDir,
        TIMEZONE: 'Europe/Sarajevo',
        LOG_LEVEL: 'silent',
        SLACK_SIGNING_SECRET: 'kill-test-secret',
        SLACK_BOT_TOKEN: 'xoxb-kill-test',
        SLACK_API_URL: apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
    return { child, done };
  }

  const ledger = () => db.store.deliveries.list();
  const accepted = () => slack.accepted('chat.postMessage');

  /** Bounded polling of the ledger (the child writes it asynchronously). */
  async function ledgerUntil(what: string, ok: (docs: Awaited<ReturnType<typeof ledger>>) => boolean, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const docs = await ledger();
      if (ok(docs)) return docs;
      if (Date.now() > deadline) throw new Error(`ledger never showed ${what}: ${docs.map((d) => d.status).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('completes the fan-out after a restart and messages nobody twice', async () => {
    gate.hangAfter('chat.postMessage', DELIVERED_BEFORE_KILL);
    const first = wbbsi(gate.apiUrl, ['--lease-seconds', '1']);
    await gate.whenHung(IN_FLIGHT, 90_000);
    // Outside the at-most-once window: every message Slack accepted is recorded as sent.
    await ledgerUntil(`${DELIVERED_BEFORE_KILL} sent`, (docs) => docs.filter((d) => d.status === 'sent').length === DELIVERED_BEFORE_KILL);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    expect(accepted()).toHaveLength(DELIVERED_BEFORE_KILL);
    const afterKill = await ledger();
    const stuck = afterKill.filter((d) => d.status === 'claimed');
    expect(stuck).toHaveLength(IN_FLIGHT); // claimed by the dead process, outcome unknown to the ledger

    // Those claims are leased for one second (--lease-seconds 1): wait out exactly that lease.
    const leaseEnds = Math.max(...stuck.map((d) => new Date(d.leaseUntil).getTime()));
    await new Promise((r) => setTimeout(r, Math.max(0, leaseEnds - Date.now() + 100)));

    // Restarted, with Slack answering again.
    const second = await wbbsi(slack.apiUrl, []).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Reminder run as of 2026-12-01T09:00:00.000Z: ${slackIds.length} due, ${slackIds.length - DELIVERED_BEFORE_KILL} sent`);

    const perChannel = new Map<string, number>();
    for (const c of accepted()) perChannel.set(String(c.body.channel), (perChannel.get(String(c.body.channel)) ?? 0) + 1);
    expect([...perChannel.keys()].sort()).toEqual(slackIds.map((id) => `D${id.slice(1)}`).sort());
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    const final = await ledger();
    expect(final).toHaveLength(slackIds.length);
    expect(final.every((d) => d.status === 'sent')).toBe(true);
    expect(final.filter((d) => d.attempts === 2)).toHaveLength(IN_FLIGHT); // those taken over after the lease
  }, 240_000);
});
