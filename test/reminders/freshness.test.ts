import type { Actor } from '../../src/domain/actor';
import { handleNudgeAction } from '../../src/reminders/nudge-actions';
import { addPerson } from '../support/people';
import { openTestDb, type TestDb } from '../support/test-db';
import { DAY, HOUR, harness, simulate, wallClock, type Harness } from './harness';

/**
 * Records entered on 1 August 2026 turn 90 days old on 30 October. The job runs hourly from
 * 28 October to 2 December; offers go out on working days at 10:00 local, batched per organisation,
 * at most once per 30-day cycle.
 */
describe('freshness offers (real database)', () => {
  let db: TestDb;
  let h: Harness;
  let ana: Actor;
  let marko: Actor;
  let greta: Actor;
  const ids: Record<string, string> = {};
  const replies: string[] = [];

  beforeAll(async () => {
    db = await openTestDb({ now: '2026-08-01T08:00:00Z' });
    h = harness(db.store, db.clock);
    ana = await addPerson(db.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
    marko = await addPerson(db.store, { name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS', deputyOf: ana.personId });
    greta = await addPerson(db.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ' });
    const rec = async (name: string, who: Actor, type: 'update' | 'need' | 'response', data: Record<string, unknown>) =>
      (ids[name] = (await db.store.records.create(who, type, data, { quarter: '2026-Q3' }))._id);
    await rec('law', ana, 'update', { kind: 'law', title: 'Law on Border Control', country: 'RS' });
    await rec('strategy', ana, 'update', { kind: 'strategy', title: 'IBM Strategy 2026-2030', country: 'RS' });
    await rec('project', ana, 'update', { kind: 'action', title: 'Joint patrols', country: 'RS' }); // actions are not offered
    await rec('need', ana, 'need', { country: 'RS', title: 'Thermal cameras', status: 'proposed' });
    await rec('response', greta, 'response', { title: 'Border management training', status: 'implementation' });
    await rec('closed', greta, 'response', { title: 'Finished programme', status: 'closed' }); // finished: never offered
    await rec('plan', greta, 'update', { kind: 'action-plan', title: 'Action plan on smuggling', country: 'RS' });
    db.clock.set(new Date('2026-10-01T08:00:00Z'));
    ids.young = (await db.store.records.create(ana, 'update', { kind: 'law', title: 'Young law', country: 'RS' }, { quarter: '2026-Q4' }))._id;

    const core = { store: db.store, clock: db.clock, config: h.config, reminders: h.reminders };
    await simulate(db.clock, (at) => h.reminders.run(at), { from: '2026-10-28T00:00:00Z', to: '2026-12-02T23:00:00Z', stepMs: HOUR }, {
      // Ana confirms the law, retires the strategy, and leaves the need for later.
      '2026-10-30T12:00:00Z': async () => {
        replies.push((await handleNudgeAction(core, ana, 'fresh.confirm', ids.law!)).text);
        replies.push((await handleNudgeAction(core, ana, 'fresh.retire', ids.strategy!)).text);
      },
      // Greta confirms everything of GIZ in one click.
      '2026-10-30T16:00:00Z': async () => {
        replies.push((await handleNudgeAction(core, greta, 'fresh.confirm-all', 'GIZ')).text);
        replies.push((await handleNudgeAction(core, greta, 'fresh.confirm-all', 'MOI-RS')).text);
      },
    });
  }, 300_000);
  afterAll(() => db.close());

  const offers = (who: Actor) => h.notifier.to(who.personId).filter((s) => s.message.buttons?.some((b) => b.action.startsWith('fresh.')));

  it('sends one message per organisation listing all its stale records, with accurate buttons', () => {
    const [first] = offers(ana);
    expect(wallClock(first!.at, 'Europe/Sarajevo')).toBe('2026-10-30 10:00');
    expect(first!.message.text).toBe('Dear Ana, 3 Serbia MoI records have not been confirmed for 90 days. Are they still accurate?');
    expect(first!.message.fields!.map((f) => f.label.split(' · ')[0])).toEqual([ids.law, ids.need, ids.strategy].sort());
    expect(first!.message.fields![0]!.value).toContain('(last confirmed Saturday 1 August 2026)');
    const buttons = first!.message.buttons!.map((b) => `${b.action}:${b.value}`);
    for (const id of [ids.law, ids.strategy, ids.need]) expect(buttons).toEqual(expect.arrayContaining([`fresh.confirm:${id}`, `fresh.edit:${id}`, `fresh.retire:${id}`]));
    expect(buttons.at(-1)).toBe('fresh.confirm-all:MOI-RS');
    const greta1 = offers(greta)[0]!.message;
    expect(greta1.fields!.map((f) => f.label.split(' · ')[0])).toEqual([ids.plan, ids.response].sort());
    expect(offers(marko)).toEqual([]); // the focal point is not away: the deputy is not bothered
  });

  it('buttons confirm (a new "last confirmed" date), retire, and confirm all of one’s own organisation only', async () => {
    expect(replies[0]).toBe(`Thank you. ${ids.law} “Law on Border Control” is confirmed as still accurate.`);
    expect(replies[1]).toBe(`${ids.strategy} “IBM Strategy 2026-2030” is retired: it stays in the history but no longer counts as current.`);
    expect(replies[2]).toBe('Thank you. 2 GIZ records are confirmed as still accurate.');
    expect(replies[3]).toBe('Sorry, you can confirm your own organisation’s records only.');
    const law = await db.store.records.get(ana, ids.law!);
    expect(law!.lastConfirmedAt.toISOString()).toBe('2026-10-30T12:00:00.000Z');
    expect((await db.store.records.get(ana, ids.strategy!))!.status).toBe('retired');
  });

  it('offers again only after the 30-day cycle, with just what is still stale', () => {
    const times = offers(ana).map((s) => wallClock(s.at, 'Europe/Sarajevo'));
    expect(times).toEqual(['2026-10-30 10:00', '2026-11-30 10:00']); // 29 Nov is a Sunday
    const second = offers(ana)[1]!.message;
    expect(second.text).toContain('one Serbia MoI record has not been confirmed');
    expect(second.fields!.map((f) => f.label.split(' · ')[0])).toEqual([ids.need]); // the young law turns stale on 30 Dec
    expect(offers(greta)).toHaveLength(1); // all confirmed on 30 October
    expect(offers(ana)[1]!.at.getTime() - offers(ana)[0]!.at.getTime()).toBe(31 * DAY);
  });
});
