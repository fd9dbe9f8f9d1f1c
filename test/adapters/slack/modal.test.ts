import type { Actor } from '../../../src/domain/actor';
import { addAnaAndSead } from '../../support/people';
import { blocksText, clickOnMessage, viewClosed, viewSubmission } from '../../support/slack-payloads';
import { sendInteraction } from '../../support/slack-signing';
import type { StandinCall } from '../../support/slack-standin';
import { startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const ANA = 'UANA0001';
type Json = Record<string, unknown>;

const NEED = {
  title: 'Thermal cameras for the green border',
  needType: 'Operational',
  perspective: 'Prevention',
  theme: 'Border surveillance',
  description: 'short', // fewer than 10 characters: refused
  justification: 'Irregular crossings at night are not detected; the cameras are 15 years old.',
  beneficiaryInstitution: 'Border Police Directorate',
  priority: 'High',
  timeframe: 'Short term (up to 1 year)',
};

describe('Slack: forms as modals', () => {
  let t: SlackTestApp;
  let secretariat: Actor;
  beforeAll(async () => {
    t = await startSlackTestApp();
    ({ secretariat } = await addAnaAndSead(t.app.core.store, ANA, t.slack));
  });
  afterAll(() => t.stop());

  /** `/wbbsi <form>` → the modal; when an unfinished draft is offered instead, "Start a new one". */
  async function openForm(text: string): Promise<Json> {
    const { res, since } = await t.command(ANA, text);
    expect(res.status).toBe(200);
    const first = await t.slack.waitFor(['views.open', 'response_url'], { since });
    if (first.method === 'views.open') return first.body.view as Json;
    expect(blocksText(first.body.blocks)).toMatch(/You have an unfinished/);
    const mark = t.slack.calls.length;
    const click = clickOnMessage({ user: ANA, posted: first.body, channel: 'C0SUPPORT01', ephemeral: true, responseUrl: t.slack.responseUrl('new'), click: { button: 'Start a new one' } });
    expect((await sendInteraction(t.url, click)).status).toBe(200);
    return (await t.slack.waitFor('views.open', { since: mark })).body.view as Json;
  }

  it('opens /wbbsi need as a modal built from the form', async () => {
    const view = await openForm('need');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'wbbsi.form:need', notify_on_close: true, title: { text: 'Need' }, submit: { text: 'Submit' } });
    const draft = await t.app.core.store.drafts.get(secretariat, String(view.private_metadata));
    expect(draft).toMatchObject({ formId: 'need', status: 'open', mode: 'form' });
    const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
    // A partner's own country is fixed, so it is not asked.
    expect(inputs.map((b) => b.block_id)).toEqual(['title', 'needType', 'perspective', 'theme', 'description', 'justification', 'beneficiaryInstitution', 'priority', 'timeframe', 'status']);
    const byId = Object.fromEntries(inputs.map((b) => [b.block_id, b.element as Json]));
    expect(byId.title).toMatchObject({ type: 'plain_text_input', action_id: 'title', multiline: false, max_length: 150 });
    expect(byId.description).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 2000 });
    expect(byId.needType).toMatchObject({ type: 'static_select', action_id: 'needType' });
    expect(byId.status).toMatchObject({ type: 'static_select', initial_option: { value: 'proposed' } });
  });

  it('shows an invalid field inline, then stores the corrected need; a redelivery stores nothing more', async () => {
    const view = await openForm('need');
    const first = await sendInteraction(t.url, viewSubmission({ user: ANA, opened: view, answers: NEED }));
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ response_action: 'errors', errors: { description: expect.stringMatching(/at least 10 characters/) } });
    expect(await t.app.core.store.records.list(secretariat, { type: 'need' })).toHaveLength(0);

    const since = t.slack.calls.length;
    const fixed = viewSubmission({ user: ANA, opened: view, answers: { ...NEED, description: 'Mobile thermal cameras for night patrols on the green border.' } });
    const second = await sendInteraction(t.url, fixed);
    expect(second.status).toBe(200);
    // Checked at once, then acknowledged with a "Saving…" view that becomes the confirmation once stored.
    expect(second.json).toMatchObject({ response_action: 'update', view: { type: 'modal', blocks: [{ text: { text: 'Saving…' } }] } });
    const saved = await t.slack.waitFor('views.update', { since, where: (c) => c.body.view_id === (fixed.view as { id: string }).id });
    expect(blocksText((saved.body.view as { blocks: unknown }).blocks)).toMatch(/I have saved need \*NM-2026-RS-\d{3}\*/);

    const needs = await t.app.core.store.records.list(secretariat, { type: 'need' });
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ orgCode: 'MOI-RS', quarter: '2026-Q4' });
    expect(needs[0]!.data).toMatchObject({ country: 'RS', needType: 'operational', theme: 'border-surveillance', priority: 'high', timeframe: 'short', status: 'proposed' });

    // Slack delivers the same submission again (a retry): one record, the modal just closes.
    const again = await sendInteraction(t.url, fixed);
    expect(again.status).toBe(200);
    expect(await t.app.core.store.records.list(secretariat, { type: 'need' })).toHaveLength(1);
  });

  it('stores one record when the same submission arrives twice at once (double click)', async () => {
    const view = await openForm('need');
    const payload = viewSubmission({ user: ANA, opened: view, viewId: 'V0MODAL002', answers: { ...NEED, title: 'Night vision goggles', description: 'Night vision goggles for 40 patrol officers.' } });
    const [a, b] = await Promise.all([sendInteraction(t.url, payload), sendInteraction(t.url, payload)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await t.app.idle(); // stored after the acknowledgement
    const goggles = (await t.app.core.store.records.list(secretariat, { type: 'need' })).filter((r) => r.data.title === 'Night vision goggles');
    expect(goggles).toHaveLength(1);
  });

  it('keeps what was typed when the modal is closed, and offers to continue it', async () => {
    const view = await openForm('update');
    const closed = await sendInteraction(t.url, viewClosed({ user: ANA, opened: view, answers: { title: 'Law on Border Control (amendments)', kind: 'Law' } }));
    expect(closed.status).toBe(200);

    // Commands from one person are handled in order, so this one sees the saved draft.
    const again = await t.command(ANA, 'update');
    const offer: StandinCall = await again.answer();
    expect(blocksText(offer.body.blocks)).toMatch(/unfinished development update for Serbia \("Law on Border Control \(amendments\)"\)/);

    const since = t.slack.calls.length;
    const click = clickOnMessage({ user: ANA, posted: offer.body, channel: 'C0SUPPORT01', ephemeral: true, responseUrl: t.slack.responseUrl('continue'), click: { button: 'Continue' } });
    expect((await sendInteraction(t.url, click)).status).toBe(200);
    const reopened = (await t.slack.waitFor('views.open', { since })).body.view as Json;
    const title = (reopened.blocks as Json[]).find((b) => b.block_id === 'title')!.element as Json;
    expect(title.initial_value).toBe('Law on Border Control (amendments)');
    const kind = (reopened.blocks as Json[]).find((b) => b.block_id === 'kind')!.element as Json;
    expect(kind.initial_option).toMatchObject({ value: 'law' });
  });
});
