import { SYSTEM_ACTOR } from '../../src/domain/actor';
import { addPerson } from '../support/people';
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
    personId = (await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', slackId: ANA })).personId;
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

  it('Slack: a modal submitted too often stays open with the reason on it', async () => {
    const mila = 'UMILARATE';
    await addPerson(t.app.core.store, { name: 'Mila Jovanović', email: 'mila@mup.gov.rs', orgCode: 'MOI-RS', slackId: mila });
    const { since } = await t.command(mila, 'need');
    const opened = (await t.slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
    const submit = (n: number) => sendInteraction(t.url, viewSubmission({ user: mila, opened, answers: { title: `Cameras ${n}` }, viewId: `VRATE${n}` }));
    await submit(1);
    await submit(2);
    const third = await submit(3);
    expect(third.json).toEqual({ response_action: 'errors', errors: { [String((opened.blocks as { type: string; block_id: string }[]).find((b) => b.type === 'input')!.block_id)]: expect.stringMatching(/sending commands very quickly/) } });
    expect(await t.app.core.store.records.list(SYSTEM_ACTOR, {})).toHaveLength(0);
  });
});
