import type { Actor } from '../../src/domain/actor';
import { viewSubmission } from '../support/slack-payloads';
import { sendInteraction } from '../support/slack-signing';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app';

/**
 * Many people of one organisation submitting at the same moment (found by `npm run bench` at
 * concurrency 10): every modal is answered within Slack's deadline, every submission is stored under
 * its own readable id and confirmed, none ends in "Something went wrong".
 * On FerretDB the counter behind the ids is not isolated, so concurrent submits draw the same
 * number and all but one must take another.
 */
const PEOPLE = 16;
const UPDATE = { kind: 'Law', title: 'Law on Border Control (amendments)', country: 'Serbia', stage: 'Adopted', summary: 'Aligns border checks with the Schengen Borders Code.', themes: ['Border checks'] };

describe('concurrent submissions of one organisation', () => {
  let t: SlackTestApp;
  let sec: Actor;
  beforeAll(async () => {
    t = await startSlackTestApp();
    sec = await t.addPerson({ name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(() => t.stop());

  it('stores every one, each under its own id', async () => {
    const payloads: Record<string, unknown>[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const slackId = `UCONC${String(i).padStart(4, '0')}`;
      await t.addPerson({ name: `Officer ${i}`, email: `officer${i}@mup.rs`, orgCode: 'MOI-RS', slackId });
      // Each officer opens the form with /wbbsi update: the modal submitted is the one Slack was asked to open.
      const { res, since } = await t.command(slackId, 'update');
      expect(res.status).toBe(200);
      const opened = (await t.slack.waitFor('views.open', { since })).body.view as Record<string, unknown>;
      expect(opened).toMatchObject({ type: 'modal', callback_id: 'wbbsi.form:update', title: { text: 'Development update' } });
      payloads.push(viewSubmission({ user: slackId, opened, answers: UPDATE, viewId: `VCONC${i}` }));
    }
    const since = t.slack.calls.length;
    const answers = await Promise.all(payloads.map((p) => sendInteraction(t.url, p)));
    // Each is checked at once and answered with a "Saving…" view, stored after the acknowledgement,
    // and the view becomes its confirmation: wait (bounded) for every one before counting.
    expect(answers.map((a) => `${a.status} ${JSON.stringify(a.json)}`)).toEqual(payloads.map(() => expect.stringMatching(/^200 .*"response_action":"update".*Saving…/)));
    for (let i = 0; i < PEOPLE; i++) {
      await t.slack.waitFor('views.update', { since, where: (c) => c.body.view_id === `VCONC${i}` && /I have saved development update/.test(JSON.stringify(c.body.view)), timeoutMs: 30_000 });
    }
    const ids = (await t.app.core.store.records.list(sec, { type: 'update' })).map((r) => r._id);
    expect(ids).toHaveLength(PEOPLE);
    expect(new Set(ids).size).toBe(PEOPLE);
    for (const id of ids) expect(id).toMatch(/^DU-2026-RS-\d{3}$/);
  });

  it('hands out unique numbers to 3 × 30 records created at once (the old retry-five-times lost 4 to 9 of 30)', async () => {
    const officer = await t.addPerson({ name: 'Arben', email: 'arben@asp.gov.al', orgCode: 'MOI-AL' });
    for (let round = 0; round < 3; round++) {
      const created = await Promise.allSettled(Array.from({ length: 30 }, () => t.app.core.store.records.create(officer, 'need', { title: 'Radios', country: 'AL', status: 'proposed' })));
      expect(created.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    }
    expect(await t.app.core.store.ctx.models.records.countDocuments({ type: 'need' })).toBe(90); // ids are the primary key
  });
});
