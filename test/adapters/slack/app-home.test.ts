import type { Actor } from '../../../src/domain/actor';
import { appHomeOpened, appMention, blocksText, buttonLabels, clickOnHome } from '../../support/slack-payloads';
import { sendEvent, sendInteraction } from '../../support/slack-signing';
import type { StandinCall } from '../../support/slack-standin';
import { startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const MILICA = 'UMIL0001';
const NOBODY = 'UNOBODY1';

describe('Slack: App Home', () => {
  let t: SlackTestApp;
  let secretariat: Actor;
  beforeAll(async () => {
    t = await startSlackTestApp();
    await t.addPerson({ name: 'Milica Jovanović', email: 'milica@gov.me', orgCode: 'MOI-ME', slackId: MILICA });
    secretariat = await t.addPerson({ name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(() => t.stop());

  async function openHome(user: string): Promise<StandinCall> {
    const since = t.slack.calls.length;
    expect((await sendEvent(t.url, appHomeOpened({ user }))).status).toBe(200);
    return t.slack.waitFor('views.publish', { since, where: (c) => c.body.user_id === user });
  }

  it("publishes the organisation's status before and after a nil return", async () => {
    const before = await openHome(MILICA);
    expect(before.body.view).toMatchObject({ type: 'home' });
    const text = blocksText((before.body.view as { blocks: unknown }).blocks);
    expect(text).toMatch(/WBBSi Support Group/);
    expect(text).toMatch(/Milica Jovanović · Montenegro MoI · Support Group member/);
    expect(text).toMatch(/Montenegro MoI\* has not reported for 2026-Q4 yet \(deadline 15 January 2027\)/);
    expect(buttonLabels((before.body.view as { blocks: unknown }).blocks)).toEqual(['Add an update', 'Add a need', 'Nothing new this quarter']);

    // "Nothing new this quarter" on the Home tab: recorded, confirmed by DM, and the tab refreshed.
    const since = t.slack.calls.length;
    const click = clickOnHome({ user: MILICA, published: before.body.view as Record<string, unknown>, click: { button: 'Nothing new this quarter' } });
    expect((await sendInteraction(t.url, click)).status).toBe(200);
    await t.nextDm(MILICA, /recorded \*nothing new\* for 2026-Q4/, since);
    const refreshed = await t.slack.waitFor('views.publish', { since, where: (c) => c.body.user_id === MILICA });
    expect(blocksText((refreshed.body.view as { blocks: unknown }).blocks)).toMatch(/Montenegro MoI\* sent "nothing new" for 2026-Q4/);
    expect(buttonLabels((refreshed.body.view as { blocks: unknown }).blocks)).not.toContain('Nothing new this quarter');
    expect((await t.app.core.store.checkins.get(secretariat, 'MOI-ME', '2026-Q4'))?.state).toBe('nil-return');

    const after = await openHome(MILICA);
    expect(blocksText((after.body.view as { blocks: unknown }).blocks)).toMatch(/sent "nothing new" for 2026-Q4/);
  });

  it('opens a form from the Home tab as a modal', async () => {
    const home = await openHome(MILICA);
    const since = t.slack.calls.length;
    const click = clickOnHome({ user: MILICA, published: home.body.view as Record<string, unknown>, click: { button: 'Add a need' } });
    expect((await sendInteraction(t.url, click)).status).toBe(200);
    const opened = await t.slack.waitFor('views.open', { since });
    expect(opened.body.trigger_id).toBe(click.trigger_id);
    expect(opened.body.view).toMatchObject({ callback_id: 'wbbsi.form:need', title: { text: 'Need' } });
  });

  it('welcomes a person once when they open the Messages tab', async () => {
    const since = t.slack.calls.length;
    await sendEvent(t.url, appHomeOpened({ user: MILICA, tab: 'messages' }));
    await t.nextDm(MILICA, /Hello Milica/, since);
    await sendEvent(t.url, appHomeOpened({ user: MILICA, tab: 'messages' }));
    await t.dm(MILICA, 'mine', /What would you like to do\?/); // handled after the second opening
    expect(t.slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && /Hello Milica/.test(String(c.body.text)))).toHaveLength(1);
  });

  it('answers an @mention in a channel so only the person sees it', async () => {
    const since = t.slack.calls.length;
    await sendEvent(t.url, appMention({ user: MILICA, text: 'mine', channel: 'C0SUPPORT01' }));
    const answer = await t.slack.waitFor('chat.postEphemeral', { since });
    expect(answer.body).toMatchObject({ channel: 'C0SUPPORT01', user: MILICA });
    expect(blocksText(answer.body.blocks)).toMatch(/Montenegro MoI\* sent "nothing new"/);
  });

  it('explains the Home tab to someone not in the roster', async () => {
    const home = await openHome(NOBODY);
    expect(blocksText((home.body.view as { blocks: unknown }).blocks)).toMatch(/ask the IISG Secretariat to add you/);
    expect(buttonLabels((home.body.view as { blocks: unknown }).blocks)).toEqual([]);
    expect(t.slack.callsTo('conversations.open').filter((c) => c.body.users === NOBODY)).toHaveLength(0);
  });
});
