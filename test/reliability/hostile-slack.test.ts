import { connect } from '../../src/db/database';
import { silentLogger } from '../../src/support/logger';
import { addPerson } from '../support/people';
import { slashCommand } from '../support/slack-payloads';
import { sendCommand, SIGNING_SECRET } from '../support/slack-signing';
import { startSlackStandin, type SlackStandin } from '../support/slack-standin';
import { startTestApp, type TestApp } from '../support/test-app';
import { testServerUri } from '../support/test-db';
import { disguisedSlackLinks, FORBIDDEN_IN_SLACK, GENERIC_ERROR } from './hostile/corpus';
import { changedCounts, errorCapture, runCases, storedCounts, suspiciousDocuments } from './hostile/harness';
import { slackCases } from './hostile/slack-cases';

/**
 * POST /slack/events under the hostile corpus (test/fixtures/hostile, test/reliability/hostile):
 * every request is refused with a 4xx or answered politely, nothing is stored that should not be,
 * nothing Slack receives carries a mass mention, a typed mention or a link that hides its
 * destination, no request takes the "unexpected error" path, and the server keeps serving.
 */
const MEMBER = 'UHOSTILE1';

describe('POST /slack/events: hostile and malformed requests', () => {
  const capture = errorCapture();
  let slack: SlackStandin;
  let t: TestApp;
  let stopped = false;

  beforeAll(async () => {
    slack = await startSlackStandin();
    slack.addUser(MEMBER, 'U0SEC0001');
    slack.addChannel('C0SUPPORT01');
    t = await startTestApp({ env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl }, logger: capture.logger });
    await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: MEMBER });
    await addPerson(t.app.core.store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat', slackId: 'U0SEC0001' });
  });
  afterAll(async () => {
    if (!stopped) await t.stop();
    await slack.close();
  });

  it('refuses or answers politely every one of them, stores nothing and keeps serving', async () => {
    const core = t.app.core;
    const greta = await addPerson(core.store, { name: 'Greta', email: 'greta@giz.de', orgCode: 'GIZ' });
    const foreign = await core.conversation.engine.start(greta, 'response', 'form', { fresh: true });
    // The member opens the update form as a modal (the view the submissions below carry).
    const since = slack.calls.length;
    await sendCommand(t.url, slashCommand({ user: MEMBER, text: 'update', responseUrl: slack.responseUrl('open') }));
    const openView = (await slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
    const posted = {
      channel: `D${MEMBER.slice(1)}`,
      ts: '1796200000.000001',
      text: 'Your draft',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'draft.continue', text: { type: 'plain_text', text: 'Continue' }, value: 'x' }] }],
    };
    const cases = slackCases({ url: t.url, member: MEMBER, responseUrl: slack.responseUrl, openView, posted, foreignDraftId: foreign.form!.draftId });
    expect(cases.length).toBeGreaterThanOrEqual(50);

    const before = await storedCounts(t);
    const mark = slack.calls.length;
    expect(await runCases(cases)).toEqual([]);

    // Still serving: health, and a real command answered (its reply also means the member's queue is done).
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const last = slack.calls.length;
    expect((await sendCommand(t.url, slashCommand({ user: MEMBER, text: 'help', responseUrl: slack.responseUrl('sentinel') }))).status).toBe(200);
    await slack.waitFor('response_url', { since: last, where: (c) => c.path.endsWith('/sentinel'), timeoutMs: 30_000 });

    // A member claiming to be the Secretariat in the payload is still a member.
    const forged = slack.calls.find((c) => c.method === 'response_url' && /\/role\d+$/.test(c.path));
    expect(String(forged?.body.text)).toMatch(/is for the IISG Secretariat/);

    // Only dedupe keys and the member's DM address may have been written.
    expect(changedCounts(before, await storedCounts(t), ['seenKeys', 'addresses', 'drafts'])).toEqual({});
    expect((await core.store.drafts.openFor(await core.conversation.identify({ platform: 'slack', userId: MEMBER }).then((a) => a!))).length).toBe(1);
    expect((await core.store.addresses.list('slack', 'person')).map((a) => a.key).filter((k) => k !== MEMBER)).toEqual([]);
    expect(await suspiciousDocuments(t)).toEqual([]);

    // Let every reply still in flight finish (stopping drains the Slack adapter's queue), then
    // check everything Slack received.
    const dbName = t.dbName;
    await t.app.stop();
    stopped = true;
    const outbound = slack.calls.slice(mark).map((c) => JSON.stringify(c.body));
    const leaks = outbound.flatMap((p) => [...FORBIDDEN_IN_SLACK.filter(([, re]) => re.test(p)).map(([what]) => `${what}: ${p.slice(0, 300)}`), ...disguisedSlackLinks(p)]);
    expect(leaks).toEqual([]);
    expect(outbound.filter((p) => GENERIC_ERROR.test(p))).toEqual([]);
    expect(capture.errors).toEqual([]);
    const base = testServerUri();
    const db = await connect(base.includes('directConnection') ? base : `${base}${base.includes('?') ? '&' : '?'}directConnection=true`, dbName, silentLogger);
    await db.connection.dropDatabase();
    await db.close();
  }, 240_000);
});
