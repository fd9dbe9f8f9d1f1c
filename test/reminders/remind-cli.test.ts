import type { Actor } from '../../src/domain/actor';
import { addPerson } from '../support/people';
import { blocksText } from '../support/slack-payloads';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { openTestDb, type TestDb } from '../support/test-db';
import { runWbbsi } from '../support/wbbsi-cli';

/**
 * `wbbsi remind` as an operator runs it: a child process against the test database, sending
 * through the real Slack notifier to the Slack stand-in. Ana and Greta are on Slack; Marko (North
 * Macedonia's focal point) has no chat id, so he cannot be reached.
 */
describe('wbbsi remind (command line)', () => {
  let db: TestDb;
  let slack: SlackStandin;
  let ana: Actor;
  let greta: Actor;
  let marko: Actor;
  const wbbsi = (...args: string[]) =>
    runWbbsi(args, { dbName: db.dbName, env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'cli-test-secret', SLACK_API_URL: slack.apiUrl } });

  beforeAll(async () => {
    db = await openTestDb({ now: '2026-11-20T09:00:00Z' });
    slack = await startSlackStandin();
    slack.addUser('U0ANACLI', 'U0GRETACLI');
    ana = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'U0ANACLI' });
    greta = await addPerson(db.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', timezone: 'America/New_York', slackId: 'U0GRETACLI' });
    marko = await addPerson(db.store, { name: 'Marko Stojanovski', email: 'marko@mvr.gov.mk', orgCode: 'MOI-MK' });
    const milica = await addPerson(db.store, { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    await db.store.checkins.nilReturn(milica, '2026-Q4');
  });
  afterAll(async () => {
    await slack.close();
    await db.close();
  });

  it('`remind plan --at` prints who would be reminded and why, and who cannot be reached, and sends nothing', async () => {
    const { code, stdout, stderr } = await wbbsi('remind', 'plan', '--at', '2026-12-01T09:00:00Z');
    expect(code === 0 ? 'exit 0' : `exit ${code}: ${stderr}`).toBe('exit 0');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Reminder plan as of 2026-12-01T09:00:00.000Z (2026-12-01 10:00 Europe/Sarajevo); nothing is sent by "plan".');
    expect(lines[1]).toBe('Would send 2 message(s):');
    expect(stdout).toContain(`  • nudge → Ana Petrović [MOI-RS], due 2026-12-01 10:00 Europe/Sarajevo\n      key: nudge|MOI-RS|2026-Q4|opening|${ana.personId}\n      why: Serbia MoI has not reported for 2026-Q4; reminder 1 of 4 (opening) due 2026-12-01 10:00 Europe/Sarajevo; focal point`);
    expect(stdout).toContain(`key: nudge|MOI-MK|2026-Q4|opening|${marko.personId}`);
    expect(stdout).toContain('Montenegro MoI: nil-return for 2026-Q4, no reminders');
    expect(stdout).not.toContain(greta.personId); // 04:00 in New York: not due yet
    expect(stdout).toContain('Cannot be reached (1):\n  ! Marko Stojanovski [MOI-MK]: no Slack or Teams id in the roster');
    expect(await db.store.deliveries.list()).toEqual([]);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  }, 120_000);

  it('`remind run` sends through Slack, exits 1 for the one that failed, and a re-plan shows what was handled and who waits for a retry', async () => {
    const plan = await wbbsi('remind', 'plan', '--at', '2026-12-01T15:00:00Z');
    expect(plan.stdout).toContain('Would send 3 message(s):');
    expect(plan.stdout).toContain(`key: nudge|GIZ|2026-Q4|opening|${greta.personId}`);

    const started = Date.now();
    const run = await wbbsi('remind', 'run', '--at', '2026-12-01T15:00:00Z');
    const ended = Date.now();
    expect(run.code).toBe(1); // a delivery failed: it will be retried
    expect(run.stdout).toMatch(/^Reminder run as of 2026-12-01T15:00:00\.000Z: 3 due, (2 sent, 1 failed|1 failed, 2 sent)\.\n/); // counts in the order the sends ended
    // The ledger keeps real time (--at only says which reminders are due): the retry is a day after the attempt.
    const failed = /^ {2}failed: (\S+): (.*) \(retry from (\S+)\)\n$/.exec(run.stderr)!;
    expect(failed.slice(1, 3)).toEqual([`nudge|MOI-MK|2026-Q4|opening|${marko.personId}`, `no platform can reach person ${marko.personId}`]);
    const retryAt = new Date(failed[3]!).getTime();
    expect(retryAt).toBeGreaterThanOrEqual(started + 24 * 3600_000);
    expect(retryAt).toBeLessThanOrEqual(ended + 24 * 3600_000);
    // What Slack received: one direct message each, as blocks with the reminder's buttons.
    const sent = slack.accepted('chat.postMessage');
    expect(sent.map((c) => c.body.channel).sort()).toEqual(['D0ANACLI', 'D0GRETACLI']);
    expect(blocksText(sent.find((c) => c.body.channel === 'D0ANACLI')!.body.blocks)).toMatch(/^Dear Ana, the IISG Secretariat asks every Support Group member/);
    expect(blocksText(sent.find((c) => c.body.channel === 'D0GRETACLI')!.body.blocks)).toContain('Deadline: Friday 15 January 2027, 18:00 your time.');
    const ledger = await db.store.deliveries.list();
    expect(ledger.map((d) => [d._id, d.status]).sort()).toEqual(
      [
        [`nudge|GIZ|2026-Q4|opening|${greta.personId}`, 'sent'],
        [`nudge|MOI-MK|2026-Q4|opening|${marko.personId}`, 'failed'],
        [`nudge|MOI-RS|2026-Q4|opening|${ana.personId}`, 'sent'],
      ].sort(),
    );

    const again = await wbbsi('remind', 'plan', '--at', '2026-12-01T15:00:00Z');
    expect(again.stdout).toContain('Would send nothing.');
    expect(again.stdout).toContain('Already handled: 3 message(s)');
    expect(again.stdout).toContain(`Cannot be reached (1):\n  ! Marko Stojanovski [MOI-MK]: no Slack or Teams id in the roster (1 message(s) waiting, next try ${failed[3]})`);
    expect(slack.accepted('chat.postMessage')).toHaveLength(2); // plan sends nothing
  }, 180_000);

  it('refuses a time it cannot read', async () => {
    const { code, stderr } = await wbbsi('remind', 'plan', '--at', 'next tuesday');
    expect(code).toBe(2);
    expect(stderr).toContain('--at needs a time such as 2026-12-01T09:00:00Z');
  }, 120_000);
});
