import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { addPerson } from '../support/people';
import { RecordingNotifier } from '../support/recording-notifier';
import { openTestCore, textOf, type TestCore } from '../support/test-core';

/**
 * Exemptions (issue 15, item 1): the Secretariat exempts an organisation for a quarter or a range
 * with a reason and can undo it; reminders stop, and the status, the grid, the digest and `mine`
 * show it with the reason; every change is audited; nobody else may.
 */
describe('exempting an organisation from a quarter', () => {
  let t: TestCore;
  let sead: Actor;
  let jana: Actor; // Slovenia MoI
  let ana: Actor; // Serbia MoI
  let notifier: RecordingNotifier;

  const nudged = async (at: string) =>
    (await t.core.reminders.plan(new Date(at))).entries.flatMap((e) => (e.item.kind === 'nudge' ? [`${e.item.orgCode}|${e.item.quarter}`] : []));

  beforeAll(async () => {
    t = await openTestCore({ now: '2026-11-25T09:00:00Z' });
    notifier = new RecordingNotifier(t.clock);
    t.core.notifier.add(notifier);
    sead = await addPerson(t.store, { name: 'Sead Kovač', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
    jana = await addPerson(t.store, { name: 'Jana Novak', email: 'jana@gov.si', orgCode: 'MNZ-SI' });
    ana = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.gov.rs', orgCode: 'MOI-RS' });
  });
  afterAll(() => t.close());

  it('is the Secretariat’s only', async () => {
    expect(textOf(await t.say(jana, 'exempt Slovenia MoI 2026-Q4 holidays'))).toMatch(/^Sorry, \*exempt\* is for the IISG Secretariat/);
    expect(textOf(await t.say(jana, 'exempt undo Slovenia MoI 2026-Q4'))).toMatch(/^Sorry, \*exempt undo\* is for the IISG Secretariat/);
    await expect(t.store.checkins.exempt(jana, 'MNZ-SI', '2026-Q4', 'holidays')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.core.reminders.exemptions.exempt(ana, { organisation: 'MNZ-SI', quarters: ['2026-Q4'], reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.store.checkins.get(sead, 'MNZ-SI', '2026-Q4')).toBeNull();
  });

  it('needs an organisation, a quarter or a range, and the reason', async () => {
    expect(textOf(await t.say(sead, 'exempt Slovenia MoI'))).toMatch(/^For example: \*exempt Slovenia MoI 2026-Q2 2026-Q3/);
    expect(textOf(await t.say(sead, 'exempt Slovenia MoI 2026-Q4'))).toMatch(/^Please give the reason/);
    expect(textOf(await t.say(sead, 'exempt Atlantis 2026-Q4 flooded'))).toBe('I do not know the organisation "Atlantis". Use its code or short name, e.g. MNZ-SI or Slovenia MoI.');
    expect(textOf(await t.say(sead, 'exempt IISG Secretariat 2026-Q4 ours'))).toBe('IISG Secretariat does not report quarterly, so it needs no exemption.');
  });

  it('stops the reminders and shows “exempt” with the reason in the status, the grid, `mine` and `nothing new`', async () => {
    expect(await nudged('2026-12-01T09:00:00Z')).toContain('MNZ-SI|2026-Q4');
    expect(textOf(await t.say(sead, 'exempt Slovenia MoI 2026-Q3 2026-Q4 reorganisation of the ministry'))).toBe(
      'Slovenia MoI is exempt for 2026-Q3 and 2026-Q4 (reorganisation of the ministry). It will get no reminders for those quarters, and the status shows the reason.',
    );
    expect(await nudged('2026-12-01T09:00:00Z')).not.toContain('MNZ-SI|2026-Q4');
    expect((await t.core.reminders.plan(new Date('2026-12-01T09:00:00Z'))).notes.map((n) => n.text)).toContain('Slovenia MoI: exempt for 2026-Q4, no reminders');
    expect(textOf(await t.say(sead, 'status 2026-Q4'))).toContain('*Exempt (1):* Slovenia MoI (reorganisation of the ministry)');
    const prepared = await t.core.reports.prepare(sead, 'status', ['2026-Q3', '2026-Q4']);
    if (!prepared.ok) throw new Error(prepared.message);
    const grid: Record<string, unknown>[] = [];
    for await (const row of (await prepared.build()).tables[0]!.rows) grid.push(row);
    expect(grid.find((r) => r.organisation === 'Slovenia MoI')).toEqual({ organisation: 'Slovenia MoI', q_2026_Q3: 'Exempt (reorganisation of the ministry)', q_2026_Q4: 'Exempt (reorganisation of the ministry)' });
    expect(textOf(await t.say(jana, 'mine'))).toMatch(/^\*Slovenia MoI\* is exempt for 2026-Q4 \(reorganisation of the ministry\)\./);
    expect(textOf(await t.say(jana, 'nothing new'))).toBe('Slovenia MoI is exempt from reporting for 2026-Q4 (reorganisation of the ministry). Nothing is needed.');
    expect((await t.store.checkins.get(sead, 'MNZ-SI', '2026-Q4'))!.state).toBe('exempt');
  });

  it('names the reason in the Secretariat’s digest after the deadline', async () => {
    t.clock.set('2027-01-18T09:00:00Z');
    await t.core.reminders.run(new Date('2027-01-18T09:00:00Z'));
    const digest = notifier.sent.find((s) => s.to === sead.personId && /quarterly status for 2026-Q4/.test(s.message.text))!;
    expect(digest.message.fields).toContainEqual({ label: 'Exempt (1)', value: 'Slovenia MoI (reorganisation of the ministry)' });
    t.clock.set('2026-11-25T09:00:00Z');
  });

  it('leaves a quarter already reported as it is', async () => {
    await t.core.submissions.submit(ana, getForm('update')!, { kind: 'law', title: 'Law on Foreigners', country: 'RS', stage: 'draft', summary: 'New rules on residence permits.', themes: ['legal-strategic'] });
    expect(textOf(await t.say(sead, 'exempt MOI-RS 2026-Q4 travel'))).toBe('Nothing changed for Serbia MoI. Left as they were: 2026-Q4 (already reported).');
    expect((await t.store.checkins.get(sead, 'MOI-RS', '2026-Q4'))!.state).toBe('submitted');
  });

  it('can be undone: the quarter is due again and reminded; both changes are in the audit log', async () => {
    expect(textOf(await t.say(sead, 'exempt undo MNZ-SI 2026-Q4'))).toBe('Slovenia MoI is no longer exempt for 2026-Q4: it is due again and will be reminded.');
    expect(textOf(await t.say(sead, 'exempt undo MNZ-SI 2026-Q4'))).toBe('Nothing changed for Slovenia MoI. Left as they were: 2026-Q4 (not exempt).');
    expect(await nudged('2026-12-01T09:00:00Z')).toContain('MNZ-SI|2026-Q4');
    expect(textOf(await t.say(sead, 'status 2026-Q3'))).toContain('*Exempt (1):* Slovenia MoI (reorganisation of the ministry)');
    const audit = await t.store.audit.history(sead, 'checkin', 'MNZ-SI|2026-Q4');
    expect(audit.map((a) => [a.action, a.actorName, a.note])).toEqual([
      ['exempt', 'Sead Kovač', 'reorganisation of the ministry'],
      ['unexempt', 'Sead Kovač', 'reorganisation of the ministry'],
    ]);
  });
});
