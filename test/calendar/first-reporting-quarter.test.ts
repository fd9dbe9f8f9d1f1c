import { loadConfig } from '../../src/config';
import type { Actor } from '../../src/domain/actor';
import { ManualClock } from '../../src/support/clock';
import { addPerson } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { openTestCore, textOf } from '../support/test-core';

/**
 * "Reporting starts when the group starts" (issue 15, item 6): the first reporting quarter is the
 * one the database was created in (kept at first start) unless FIRST_REPORTING_QUARTER says
 * otherwise; earlier quarters are "not due" in the grid, the reports, `mine`, `status` and the
 * reminders, never overdue, while records entered for them still count as reported.
 */
describe('the first reporting quarter', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
  let ana: Actor;
  let sead: Actor;
  const chat = { mode: 'chat' as const, platform: 'console' as const };
  const say = async (actor: Actor, text: string) => textOf(await t.app.core.conversation.handle(actor, { text }, chat));
  const grid = async (actor: Actor, args: string[]) => {
    const prepared = await t.app.core.reports.prepare(actor, 'status', args);
    if (!prepared.ok) throw new Error(prepared.message);
    const report = await prepared.build();
    const rows: Record<string, unknown>[] = [];
    for await (const row of report.tables[0]!.rows) rows.push(row);
    return { rows, summary: report.summary };
  };

  beforeAll(async () => {
    // A new installation, first started on 2 December 2026 (2026-Q4).
    t = await startTestApp({ clock });
    const store = t.app.core.store;
    ana = await addPerson(store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' });
    sead = await addPerson(store, { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
    // Entered now for an earlier quarter (e.g. from the old spreadsheet): it still counts for that quarter.
    await store.records.create(ana, 'update', { kind: 'law', title: 'Law on Border Control', country: 'RS', stage: 'adopted', summary: 'Adopted in May.', themes: ['legal-strategic'] }, { quarter: '2026-Q2' });
  });
  afterAll(() => t.stop());

  it('is the quarter the database was created in, kept once', async () => {
    expect(t.app.core.calendar.firstQuarter).toBe('2026-Q4');
    clock.set(new Date('2027-05-10T09:00:00Z'));
    expect(await t.app.core.store.settings.firstReportingQuarter()).toBe('2026-Q4'); // a later start keeps it
    clock.set(new Date('2026-12-02T09:00:00Z'));
  });

  it('shows earlier quarters as “not due” in a member’s own status, never overdue; an earlier record still counts', async () => {
    const own = await grid(ana, []);
    expect(own.rows).toEqual([{ organisation: 'Serbia MoI', q_2026_Q1: 'Not due', q_2026_Q2: 'Reported: 1 update', q_2026_Q3: 'Not due', q_2026_Q4: 'Due by 2027-01-15' }]);
    expect(own.summary).toContain('Serbia MoI, 2026-Q3: Not due.');
    expect(own.summary.join('\n')).not.toMatch(/Overdue/);
  });

  it('gives the Secretariat the same: no organisation overdue before the first quarter', async () => {
    const all = await grid(sead, ['2026-Q2', '2026-Q3']);
    expect(all.rows.every((r) => r.q_2026_Q3 === 'Not due')).toBe(true);
    expect(all.rows.filter((r) => r.q_2026_Q2 !== 'Not due')).toEqual([{ organisation: 'Serbia MoI', q_2026_Q2: 'Reported: 1 update', q_2026_Q3: 'Not due' }]);
    expect(all.summary).toContain('2026-Q2: not due (before reporting started).');
    expect(await say(sead, 'status 2026-Q3')).toBe('*Quarterly status 2026-Q3*: nothing was due. Reporting started with 2026-Q4.');
    expect(await say(sead, 'status 2026-Q2')).toMatch(/\*Reported \(1\):\* Serbia MoI[\s\S]*\*Not due \(18\):\*/);
  });

  it('sends no reminder, last note or digest for a quarter before it', async () => {
    const plan = await t.app.core.reminders.plan(new Date('2026-10-16T09:00:00Z')); // 2026-Q3's escalation day
    expect(plan.entries.filter((e) => e.item.kind !== 'freshness')).toEqual([]);
    expect(plan.notes.map((n) => n.text)).toContain('2026-Q3: not due (reporting starts with 2026-Q4), no reminders');
    const q4 = await t.app.core.reminders.plan(new Date('2026-12-01T09:00:00Z'));
    expect(q4.entries.some((e) => e.item.kind === 'nudge' && e.item.orgCode === 'MOI-RS')).toBe(true);
  });

  it('can be set with FIRST_REPORTING_QUARTER, which the stored quarter does not override', async () => {
    expect(() => loadConfig({ FIRST_REPORTING_QUARTER: 'next spring' })).toThrow(/FIRST_REPORTING_QUARTER must be a quarter such as 2026-Q4/);
    const later = await openTestCore({ now: '2026-12-02T09:00:00Z', env: { FIRST_REPORTING_QUARTER: '2027-Q1' } });
    try {
      await later.core.start();
      expect(later.core.calendar.firstQuarter).toBe('2027-Q1');
      const milica = await addPerson(later.store, { name: 'Milica Vuković', email: 'milica@gov.me', orgCode: 'MOI-ME' });
      const mine = textOf(await later.say(milica, 'mine'));
      expect(mine).toMatch(/^\*Montenegro MoI\* has nothing due for 2026-Q4: reporting starts with 2027-Q1\./);
      expect(mine).not.toMatch(/Nothing new this quarter/);
    } finally {
      await later.close();
    }
  });
});
