import type { Actor } from '../../src/domain/actor';
import type { Delivered } from '../support/delivery-log';
import { startNotifyApp, type NotifyApp } from '../support/notify-app';
import { clickOnMessage } from '../support/slack-payloads';
import { sendInteraction } from '../support/slack-signing';
import { textOf } from '../support/teams-kit';
import { DAY, HOUR, simulate, wallClock } from './harness';

const ANA = 'U0ANAFRESH';
const GRETA = 'aad-greta-fresh';

/**
 * Records entered on 1 August 2026 turn 90 days old on 30 October. The job runs hourly from
 * 28 October to 2 December; offers go out on working days at 10:00 local, batched per organisation,
 * at most once per 30-day cycle. Ana gets them on Slack, Greta on Teams (real notifiers, stand-ins),
 * and they answer with the buttons they received; Marko, Ana's deputy, has no chat id and is never
 * due anything while she is in.
 */
describe('freshness offers (real database, Slack and Teams)', () => {
  let app: NotifyApp;
  let ana: Actor;
  let marko: Actor;
  let greta: Actor;
  const ids: Record<string, string> = {};
  const replies: string[] = [];

  beforeAll(async () => {
    app = await startNotifyApp({ now: '2026-08-01T08:00:00Z' });
    const store = app.app.core.store;
    ana = await app.person({ name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: ANA });
    marko = await app.person({ name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS', deputyOf: ana.personId });
    greta = await app.person({ name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ', teamsId: GRETA });
    const rec = async (name: string, who: Actor, type: 'update' | 'need' | 'response', data: Record<string, unknown>) =>
      (ids[name] = (await store.records.create(who, type, data, { quarter: '2026-Q3' }))._id);
    await rec('law', ana, 'update', { kind: 'law', title: 'Law on Border Control', country: 'RS' });
    await rec('strategy', ana, 'update', { kind: 'strategy', title: 'IBM Strategy 2026-2030', country: 'RS' });
    await rec('project', ana, 'update', { kind: 'action', title: 'Joint patrols', country: 'RS' }); // actions are not offered
    await rec('need', ana, 'need', { country: 'RS', title: 'Thermal cameras', status: 'proposed' });
    await rec('response', greta, 'response', { title: 'Border management training', status: 'implementation' });
    await rec('closed', greta, 'response', { title: 'Finished programme', status: 'closed' }); // finished: never offered
    await rec('plan', greta, 'update', { kind: 'action-plan', title: 'Action plan on smuggling', country: 'RS' });
    app.clock.set(new Date('2026-10-01T08:00:00Z'));
    ids.young = (await store.records.create(ana, 'update', { kind: 'law', title: 'Young law', country: 'RS' }, { quarter: '2026-Q4' }))._id;

    /** Ana clicks a button of the offer she got in Slack; the bot answers in her DM. */
    const slackClick = async (button: string) => {
      const posted = offers({ slackId: ANA })[0]!.slack!;
      const since = app.slack.calls.length;
      await sendInteraction(app.url, clickOnMessage({ user: ANA, posted: { ...posted.body, ts: '1796200001.000001' }, click: { button }, responseUrl: app.slack.responseUrl('fresh') }));
      replies.push(String((await app.slack.waitFor('chat.postMessage', { since, where: (c) => c.body.channel === `D${ANA.slice(1)}` })).body.text));
    };
    const run = (at: Date) => app.tick(at, (x) => app.app.core.reminders.run(x));
    await simulate(app.clock, run, { from: '2026-10-28T00:00:00Z', to: '2026-12-02T23:00:00Z', stepMs: HOUR }, {
      // Ana confirms the law, retires the strategy, and leaves the need for later.
      '2026-10-30T12:00:00Z': async () => {
        await slackClick(`Still accurate: ${ids.law}`);
        await slackClick(`Retire ${ids.strategy}`);
        app.log.mark(app.clock.now(), 'reply');
      },
      // Greta confirms everything of GIZ in one click, then tries Serbia's records with a forged button.
      '2026-10-30T16:00:00Z': async () => {
        const card = offers({ teamsId: GRETA })[0]!.teams!;
        replies.push(textOf(await app.kit.click({ aad: GRETA, name: 'Greta Huber' }, card, 'All 2 still accurate')));
        const forged = app.kit.activity('card-submit', { aad: GRETA, name: 'Greta Huber' }, { value: { verb: 'action', id: 'fresh.confirm-all', value: 'MOI-RS' } });
        replies.push(textOf((await app.kit.post(forged)).calls));
        app.log.mark(app.clock.now(), 'reply');
      },
    });
  }, 300_000);
  afterAll(() => app.stop());

  const offers = (who: { slackId?: string; teamsId?: string }): Delivered[] => app.to(who).filter((d) => d.by === 'job' && d.actions.some((a) => a.startsWith('fresh.')));

  it('sends one message per organisation listing all its stale records, with accurate buttons, as Slack blocks and a Teams card', async () => {
    const [first] = offers({ slackId: ANA });
    expect(first!.platform).toBe('slack');
    expect(wallClock(first!.at, 'Europe/Sarajevo')).toBe('2026-10-30 10:00');
    expect(first!.text.split('\n')[0]).toBe('Dear Ana, 3 Serbia MoI records have not been confirmed for 90 days. Are they still accurate?');
    for (const id of [ids.law, ids.need, ids.strategy]) expect(first!.text).toContain(`${id} · `);
    expect(first!.text).not.toContain(ids.project!);
    expect(first!.text).toContain('(last confirmed Saturday 1 August 2026)');
    for (const id of [ids.law, ids.strategy, ids.need]) expect(first!.actions).toEqual(expect.arrayContaining([`fresh.confirm:${id}`, `fresh.edit:${id}`, `fresh.retire:${id}`]));
    expect(first!.actions.at(-1)).toBe('fresh.confirm-all:MOI-RS');
    const greta1 = offers({ teamsId: GRETA })[0]!;
    expect(greta1.platform).toBe('teams');
    expect([ids.plan, ids.response].every((id) => greta1.text.includes(`${id} · `))).toBe(true);
    expect(greta1.text).not.toContain(ids.closed!);
    // The focal point is not away: the deputy (who has no chat id) is not even tried.
    expect((await app.app.core.store.deliveries.list()).filter((d) => d.recipient === `person:${marko.personId}`)).toEqual([]);
  });

  it('the buttons confirm (a new "last confirmed" date), retire, and confirm all of one’s own organisation only', async () => {
    expect(replies[0]).toBe(`Thank you. ${ids.law} “Law on Border Control” is confirmed as still accurate.`);
    expect(replies[1]).toBe(`${ids.strategy} “IBM Strategy 2026-2030” is retired: it stays in the history but no longer counts as current.`);
    expect(replies[2]).toBe('Thank you. 2 GIZ records are confirmed as still accurate.');
    expect(replies[3]).toBe('Sorry, you can confirm your own organisation’s records only.');
    const law = await app.app.core.store.records.get(ana, ids.law!);
    expect(law!.lastConfirmedAt.toISOString()).toBe('2026-10-30T12:00:00.000Z');
    expect((await app.app.core.store.records.get(ana, ids.strategy!))!.status).toBe('retired');
  });

  it('offers again only after the 30-day cycle, with just what is still stale', () => {
    const times = offers({ slackId: ANA }).map((s) => wallClock(s.at, 'Europe/Sarajevo'));
    expect(times).toEqual(['2026-10-30 10:00', '2026-11-30 10:00']); // 29 Nov is a Sunday
    const second = offers({ slackId: ANA })[1]!;
    expect(second.text).toContain('one Serbia MoI record has not been confirmed');
    expect(second.actions.filter((a) => a.startsWith('fresh.confirm:'))).toEqual([`fresh.confirm:${ids.need}`]); // the young law turns stale on 30 Dec
    expect(offers({ teamsId: GRETA })).toHaveLength(1); // all confirmed on 30 October
    expect(offers({ slackId: ANA })[1]!.at.getTime() - offers({ slackId: ANA })[0]!.at.getTime()).toBe(31 * DAY);
  });
});
