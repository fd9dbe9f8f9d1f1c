import type { Actor } from '../../../src/domain/actor';
import { addAnaAndSead } from '../../support/people';
import { blocksText, buttonLabels, clickOnMessage, messageIm, type Click } from '../../support/slack-payloads';
import { sendEvent, sendInteraction } from '../../support/slack-signing';
import type { StandinCall } from '../../support/slack-standin';
import { dmOf, startSlackTestApp, type SlackTestApp } from '../../support/slack-test-app';

const ANA = 'UANA0001';
const NOBODY = 'UNOBODY1';

describe('Slack: the conversation in direct messages', () => {
  let t: SlackTestApp;
  let secretariat: Actor;
  beforeAll(async () => {
    t = await startSlackTestApp();
    ({ secretariat } = await addAnaAndSead(t.app.core.store, ANA, t.slack));
  });
  afterAll(() => t.stop());

  /** Clicks (or picks) on a message the bot posted in Ana's DM and waits for the reply matching `expect`. */
  async function click(posted: StandinCall, c: Click, expect: RegExp): Promise<StandinCall> {
    const since = t.slack.calls.length;
    const payload = clickOnMessage({ user: ANA, posted: { ...posted.body, ts: `${since}.000` }, click: c, responseUrl: t.slack.responseUrl(`click${since}`) });
    const res = await sendInteraction(t.url, payload);
    if (res.status !== 200) throw new Error(`click refused: ${res.status}`);
    return t.nextDm(ANA, expect, since);
  }

  it('collects a development update step by step, with buttons, selects and a date picker, and stores it', async () => {
    let q = await t.dm(ANA, 'update', /What kind of development is it\?/);
    // Numbered, as the question says "or type its number".
    expect(buttonLabels(q.body.blocks)).toEqual(['1. Law', '2. Implementing decision', '3. Strategy', '4. Action plan', '5. Action or project', 'Cancel']);
    await click(q, { button: '3. Strategy' }, /\*Title\*/);
    q = await t.dm(ANA, 'Integrated Border Management Strategy 2027–2031', /Which country does it concern\?/);
    // Seven options: a select menu, pre-set to the partner's own country.
    expect(JSON.stringify(q.body.blocks)).toMatch(/"type":"static_select".*"initial_option":\{[^}]*\},"value":"RS"/);

    // A slash command in the middle of the conversation is a command, not an answer to the question.
    const mine = await t.command(ANA, 'mine');
    expect(blocksText((await mine.answer()).body.blocks)).toMatch(/Serbia MoI\* has not reported for 2026-Q4 yet/);

    q = await click(q, { select: '6. Serbia' }, /Adopting body/);
    q = await click(q, { button: 'Skip' }, /\*Stage\*/);
    q = await click(q, { select: '3. Adopted' }, /\*Date\*/);
    await click(q, { date: '2026-11-20' }, /\*Link\*/);
    await t.dm(ANA, 'skip', /Short summary/);
    q = await t.dm(ANA, 'The strategy aligns border management with the EU IBM policy cycle and adds a risk analysis unit.', /\*Themes\*/);
    q = await click(q, { multi: ['1. Legal and strategic framework', '4. Risk analysis'] }, /Related needs/);
    q = await click(q, { button: 'Skip' }, /Here is your development update\. Please check it/);
    const review = blocksText(q.body.blocks);
    expect(review).toMatch(/Integrated Border Management Strategy 2027–2031/);
    expect(review).toMatch(/Legal and strategic framework, Risk analysis/);
    const saved = await click(q, { button: 'Submit' }, /I have saved development update \*[A-Z]+-2026-RS-\d{3}\*/);
    const id = /\*([A-Z]+-2026-RS-\d{3})\*/.exec(String(saved.body.text))![1]!;

    const rec = await t.app.core.store.records.get(secretariat, id);
    expect(rec).toMatchObject({ type: 'update', orgCode: 'MOI-RS', quarter: '2026-Q4', version: 1 });
    expect(rec!.data).toMatchObject({
      kind: 'strategy',
      title: 'Integrated Border Management Strategy 2027–2031',
      country: 'RS',
      stage: 'adopted',
      date: '2026-11-20',
      themes: ['legal-strategic', 'risk-analysis'],
    });
    expect(await t.app.core.conversation.engine.activeChatDraft((await t.app.core.conversation.identify({ platform: 'slack', userId: ANA }))!)).toBeUndefined();
  });

  it('stores links and & < > as the person typed them, not as Slack encodes them', async () => {
    // Slack sends a pasted link as <https://…>, a bare domain as <http://x|x>, and & < > as entities.
    let q = await t.dm(ANA, 'update', /What kind of development is it\?/);
    await click(q, { button: '1. Law' }, /\*Title\*/);
    q = await t.dm(ANA, 'Law on Foreigners &amp; Asylum', /Which country does it concern\?/);
    q = await click(q, { select: '6. Serbia' }, /Adopting body/);
    q = await click(q, { button: 'Skip' }, /\*Stage\*/);
    q = await click(q, { select: '3. Adopted' }, /\*Date\*/);
    await click(q, { date: '2026-11-20' }, /\*Link\*/);
    await t.dm(ANA, '<https://www.paragraf.rs/propisi/zakon-o-strancima.html>', /Short summary/);
    q = await t.dm(ANA, 'Visa fees &lt; 60 EUR &gt; see <http://mup.gov.rs|mup.gov.rs> or <mailto:info@mup.gov.rs|info@mup.gov.rs>', /\*Themes\*/);
    q = await click(q, { multi: ['1. Legal and strategic framework'] }, /Related needs/);
    q = await click(q, { button: 'Skip' }, /Here is your development update\. Please check it/);
    const saved = await click(q, { button: 'Submit' }, /I have saved development update \*[A-Z]+-2026-RS-\d{3}\*/);
    const id = /\*([A-Z]+-2026-RS-\d{3})\*/.exec(String(saved.body.text))![1]!;
    const rec = await t.app.core.store.records.get(secretariat, id);
    expect(rec!.data).toMatchObject({
      title: 'Law on Foreigners & Asylum',
      link: 'https://www.paragraf.rs/propisi/zakon-o-strancima.html',
      summary: 'Visa fees < 60 EUR > see http://mup.gov.rs or info@mup.gov.rs',
    });
  });

  it('handles a redelivered event (same event_id, X-Slack-Retry-Num: 1) once', async () => {
    const since = t.slack.calls.length;
    const event = messageIm({ user: ANA, text: 'help', channel: dmOf(ANA), eventId: 'Ev0REDELIVER1' });
    expect((await sendEvent(t.url, event)).status).toBe(200);
    await t.nextDm(ANA, /quarterly information for the IISG Secretariat/, since);
    expect((await sendEvent(t.url, event, { retryNum: 1 })).status).toBe(200);
    // One person's events are handled in order: once this later message is answered, the retry was too.
    expect((await sendEvent(t.url, messageIm({ user: ANA, text: 'mine', channel: dmOf(ANA) }))).status).toBe(200);
    await t.nextDm(ANA, /^What would you like to do\?/, since); // the last message of that answer
    const helps = t.slack.callsTo('chat.postMessage').filter((c) => t.slack.calls.indexOf(c) >= since && /quarterly information for the IISG Secretariat/.test(String(c.body.text)));
    expect(helps).toHaveLength(1);
  });

  it('ignores its own messages and edits', async () => {
    const since = t.slack.calls.length;
    const own = messageIm({ user: 'U0WBBSIBOT', text: 'help', channel: dmOf(ANA) });
    (own.event as Record<string, unknown>).bot_id = 'B0WBBSIBOT';
    const edit = messageIm({ user: ANA, text: 'help', channel: dmOf(ANA) });
    (edit.event as Record<string, unknown>).subtype = 'message_changed';
    expect((await sendEvent(t.url, own)).status).toBe(200);
    expect((await sendEvent(t.url, edit)).status).toBe(200);
    await t.dm(ANA, 'hello', /Hello Ana/); // answered; the two before it were not
    expect(t.slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('refuses text carrying a classification marking where it was typed, and stores none of it', async () => {
    await t.dm(ANA, 'need', /Short title/);
    const since = t.slack.calls.length;
    const refused = await t.dm(ANA, 'RESTREINT UE – list of weak border crossing points', /not accredited for classified information/);
    expect(blocksText(refused.body.blocks)).toMatch(/carries the marking "RESTREINT UE"/);
    await t.nextDm(ANA, /Short title/, since); // asked again
    expect(JSON.stringify(await t.app.core.store.ctx.models.drafts.find({}).lean())).not.toMatch(/RESTREINT|weak border crossing/);
    await t.dm(ANA, 'cancel', /./);
  });

  it('tells an unknown person whom to ask, and stores nothing for them', async () => {
    const models = t.app.core.store.ctx.models;
    const drafts = await models.drafts.countDocuments({});
    t.slack.addUser(NOBODY); // in the Slack workspace, not in the WBBSi roster
    const reply = await t.dm(NOBODY, 'need', /ask the IISG Secretariat to add you to the WBBSi roster/);
    expect(reply.body.channel).toBe(dmOf(NOBODY));
    expect(await models.drafts.countDocuments({})).toBe(drafts);
    expect(await models.addresses.countDocuments({ key: NOBODY })).toBe(0);
    expect(await models.people.countDocuments({ slackId: NOBODY })).toBe(0);
  });
});
