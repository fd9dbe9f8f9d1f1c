import { BotConnectorStandin } from '../support/bot-connector-standin';
import { addPerson } from '../support/people';
import { TeamsKit, type TeamsPerson } from '../support/teams-kit';
import { startTestApp, type TestApp } from '../support/test-app';
import { GENERIC_ERROR, teamsLeaks } from './hostile/corpus';
import { changedCounts, errorCapture, runCases, storedCounts, suspiciousDocuments } from './hostile/harness';
import { teamsCases } from './hostile/teams-cases';

/**
 * POST /api/messages under the hostile corpus: every activity is refused with a 4xx or answered
 * politely, nothing is stored that should not be, no card carries a link that hides its destination
 * or a mention someone typed, nothing takes the "unexpected error" path, and the server keeps serving.
 */
describe('POST /api/messages: hostile and malformed activities', () => {
  const capture = errorCapture();
  const ana: TeamsPerson = { aad: '5e0c1a2b-3c4d-4e5f-8a9b-hostile00001', name: 'Ana Petrović' };
  let t: TestApp;
  let standin: BotConnectorStandin;
  let kit: TeamsKit;

  beforeAll(async () => {
    standin = await new BotConnectorStandin().start();
    t = await startTestApp({ env: { TEAMS_LOCAL_MODE: 'true' }, logger: capture.logger });
    kit = new TeamsKit(t.url, standin);
  });
  afterAll(async () => {
    await t.stop();
    await standin.stop();
  });

  it('refuses or answers politely every one of them, stores nothing and keeps serving', async () => {
    const core = t.app.core;
    const member = await addPerson(core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
    const greta = await addPerson(core.store, { name: 'Greta', email: 'greta@giz.de', orgCode: 'GIZ' });
    const foreign = await core.conversation.engine.start(greta, 'response', 'form', { fresh: true });
    // The member has talked to the bot before: their personal chat is known.
    expect((await kit.post(kit.activity('personal-message', ana, { text: 'help' }))).status).toBe(200);

    const newDraft = async () => (await core.conversation.engine.start(member, 'update', 'form', { fresh: true })).form!.draftId;
    const cases = teamsCases({ kit, member: ana, newDraft, foreignDraftId: foreign.form!.draftId });
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const before = await storedCounts(t);
    const mark = standin.calls.length;
    expect(await runCases(cases)).toEqual([]);

    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const sentinel = await kit.post(kit.activity('personal-message', ana, { text: 'mine' }));
    expect(sentinel.status).toBe(200);
    expect(sentinel.calls.length).toBeGreaterThan(0);

    // Dedupe keys, the member's conversation reference and the drafts the form cases opened may be written.
    expect(changedCounts(before, await storedCounts(t), ['seenKeys', 'addresses', 'drafts'])).toEqual({});
    expect((await core.store.addresses.list('teams', 'person')).map((a) => a.key)).toEqual([ana.aad]);
    expect(await suspiciousDocuments(t)).toEqual([]);

    const calls = standin.calls.slice(mark);
    expect(calls.flatMap((c) => teamsLeaks(c.body))).toEqual([]);
    const outbound = calls.map((c) => JSON.stringify(c.body));
    expect(outbound.filter((p) => GENERIC_ERROR.test(p))).toEqual([]);
    expect(outbound.some((p) => /is for the IISG Secretariat/.test(p))).toBe(true); // the forged role was a member's
    expect(capture.errors).toEqual([]);
  }, 240_000);
});
