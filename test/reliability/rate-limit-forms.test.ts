import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { viewSubmission } from '../support/slack-payloads';
import { sendInteraction } from '../support/slack-signing';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';

const ANA = 'UANARATE1';

/**
 * Whole forms go through the per-person rate limit like everything else (RATE_LIMIT_PER_MINUTE):
 * the console answers 429, a Slack modal stays open with the reason on it, and nothing is stored.
 */
describe('rate limit on whole-form submissions', () => {
  let t: SlackTestApp;
  let personId: string;
  beforeAll(async () => {
    t = await startSlackTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    personId = (await t.addPerson({ name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', slackId: ANA })).personId;
  });
  afterAll(() => t.stop());

  it('the console: the fourth request in a minute is refused with 429 and stores nothing', async () => {
    const post = (path: string, body: object) => fetch(`${t.url}/console/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const opened = (await (await post('/message', { personId, text: 'need', mode: 'form' })).json()) as { form: { draftId: string } };
    const values = { title: 'Thermal cameras', description: 'too short' };
    expect((await post('/form', { personId, draftId: opened.form.draftId, values })).status).toBe(200);
    expect((await post('/form', { personId, draftId: opened.form.draftId, values })).status).toBe(200);
    const refused = await post('/form', { personId, draftId: opened.form.draftId, values });
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toMatch(/sending commands very quickly/);
    expect(await t.app.core.store.records.list(SYSTEM_ACTOR, {})).toHaveLength(0);
  });

  it('Slack: a modal submitted after too many commands stays open with the reason on it, values kept', async () => {
    const mila = 'UMILARATE';
    await t.addPerson({ name: 'Mila Jovanović', email: 'mila@mup.gov.rs', orgCode: 'MOI-RS', slackId: mila });
    const { since } = await t.command(mila, 'update');
    const opened = (await t.slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
    await t.dm(mila, 'mine', /Serbia MoI/);
    await t.dm(mila, 'mine', /sending commands very quickly|Serbia MoI/);
    const answers = { kind: 'Law', title: 'Law on Foreigners (amendments)', country: 'Serbia', stage: 'Adopted', summary: 'Aligns the visa regime with the EU list.', themes: ['Visa policy alignment'] };
    const res = await sendInteraction(t.url, viewSubmission({ user: mila, opened, answers, viewId: 'VRATE1' }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { kind: expect.stringMatching(/sending commands very quickly/) } });
    expect(await t.app.core.store.records.list(SYSTEM_ACTOR, {})).toHaveLength(0);
  });
});
