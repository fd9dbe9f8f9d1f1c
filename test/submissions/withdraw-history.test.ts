import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import { addChainCast } from '../support/people';
import { button, openTestCore, textOf, type TestCore } from '../support/test-core';

/**
 * A record's life after it is saved (issue 15, items 2 and 3): withdraw (with its confirmation)
 * and restore, the record's history for everyone who may read it, and the audit log for the
 * Secretariat — through the conversation and the reports, against the real database.
 */
describe('withdraw, restore, history and the audit log', () => {
  let t: TestCore;
  let ana: Actor;
  let arben: Actor;
  let greta: Actor;
  let sead: Actor;
  let bea: Actor;
  let updateId: string;

  const rows = async (actor: Actor, name: string, args: string[]) => {
    const prepared = await t.core.reports.prepare(actor, name, args);
    if (!prepared.ok) throw new Error(prepared.message);
    const out: Record<string, unknown>[] = [];
    for await (const row of (await prepared.build()).tables[0]!.rows) out.push(row);
    return out;
  };
  const submit = async (actor: Actor, form: string, answers: Record<string, unknown>) => {
    const res = await t.core.submissions.submit(actor, getForm(form)!, answers);
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    return res.id;
  };

  beforeAll(async () => {
    t = await openTestCore({ now: '2026-12-02T09:00:00Z' });
    ({ ana, arben, greta, sead, bea } = await addChainCast(t.store));
    updateId = await submit(ana, 'update', { kind: 'law', title: 'Law on Border Control', country: 'RS', stage: 'adopted', summary: 'Aligns border checks with the Schengen Borders Code.', themes: ['border-checks'] });
  });
  afterAll(() => t.close());

  it('withdraws a record only after the confirmation, with the reason; it leaves the reports and the quarter’s count', async () => {
    expect(textOf(await t.say(ana, `withdraw ${updateId}`))).toBe(`Please give the reason, e.g. *withdraw ${updateId} entered twice by mistake*.`);
    const ask = await t.say(ana, `withdraw ${updateId} entered twice by mistake`);
    expect(textOf(ask)).toBe(`Withdraw *${updateId}* “Law on Border Control”? Reason: entered twice by mistake\nIt will leave every report and count. The IISG Secretariat can restore it.`);
    expect(textOf(await t.click(ana, 'record.keep', button(ask, 'Keep it').value))).toBe(`All right, *${updateId}* stays as it is.`);
    expect((await t.store.records.get(ana, updateId))!.status).toBe('active');

    const done = await t.click(ana, 'record.withdraw', button(ask, 'Withdraw it').value);
    expect(textOf(done)).toBe(
      `Withdrawn: *${updateId}* “Law on Border Control”. It no longer counts in any report.\nSerbia MoI has no other record for 2026-Q4, so that quarter is no longer counted as reported.\nThe IISG Secretariat can restore it.`,
    );
    expect(textOf(await t.click(ana, 'record.withdraw', button(ask, 'Withdraw it').value))).toBe(`*${updateId}* is already withdrawn.`);
    const rec = (await t.store.records.get(sead, updateId))!;
    expect(rec).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await t.store.audit.history(sead, 'record', updateId)).at(-1)).toMatchObject({ action: 'withdraw', actorName: 'Ana Petrović', note: 'entered twice by mistake' });

    // Out of every report and count: the status, the tracker, `mine`.
    expect(textOf(await t.say(sead, 'status 2026-Q4'))).toMatch(/\*Not yet reported \(\d+\):\* [^\n]*Serbia MoI/);
    expect((await rows(sead, 'status', ['2026-Q4'])).find((r) => r.organisation === 'Serbia MoI')).toMatchObject({ q_2026_Q4: 'Due by 2027-01-15' });
    expect((await rows(sead, 'updates', ['2026-Q4'])).map((r) => r.id)).not.toContain(updateId);
    expect(textOf(await t.say(ana, 'mine'))).not.toContain(updateId);
    // A withdrawn record is its organisation's and the Secretariat's only, and is not edited.
    expect(await t.store.records.get(bea, updateId)).toBeNull();
    expect(textOf(await t.say(ana, `edit ${updateId}`))).toBe(`*${updateId}* was withdrawn, so it cannot be edited. The IISG Secretariat can restore it.`);
    await expect(t.store.records.update(ana, updateId, rec.data)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only the Secretariat restore it; it counts again', async () => {
    expect(textOf(await t.say(ana, `restore ${updateId}`))).toMatch(/^Sorry, \*restore\* is for the IISG Secretariat/);
    expect(textOf(await t.say(sead, `restore ${updateId} withdrawn by mistake`))).toBe(`Restored *${updateId}* “Law on Border Control”. It counts again for 2026-Q4.`);
    expect((await rows(sead, 'status', ['2026-Q4'])).find((r) => r.organisation === 'Serbia MoI')).toMatchObject({ q_2026_Q4: 'Reported: 1 update' });
    expect((await rows(sead, 'updates', ['2026-Q4'])).map((r) => r.id)).toContain(updateId);
    expect(textOf(await t.say(sead, `restore ${updateId}`))).toBe(`*${updateId}* is not withdrawn, so there is nothing to restore.`);
  });

  it('refuses to withdraw for anyone but the record’s organisation and the Secretariat', async () => {
    const needId = await submit(ana, 'need', { title: 'Radios', needType: 'operational', perspective: 'response', theme: 'cooperation', description: 'Digital radios for joint patrols.', justification: 'Analogue radios cannot talk to neighbours.', beneficiaryInstitution: 'Border Police', priority: 'medium', timeframe: 'medium' });
    for (const step of ['validated', 'agreed', 'to-board']) await t.store.records.moveNeed(sead, needId, step);
    await t.store.records.moveNeed(bea, needId, 'adopted', { reference: 'IISG Board 2027/01' });
    // Albania reads Serbia's adopted need, but cannot withdraw it.
    expect(textOf(await t.say(arben, `withdraw ${needId} not ours`))).toBe('Sorry, only the organisation that submitted this record, or the IISG Secretariat, can withdraw it.');
    await expect(t.store.records.withdraw(arben, needId, 'not ours')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(textOf(await t.say(bea, `withdraw ${needId} not needed`))).toMatch(/^Sorry, only Support Group members send reports/);
    expect(textOf(await t.say(arben, `withdraw ${updateId} mistake`))).toMatch(/I could not find/);
    // The Secretariat may; a withdrawn need leaves the needs mapping.
    const ask = await t.say(sead, `withdraw ${needId} duplicate of another need`);
    await t.click(sead, 'record.withdraw', button(ask, 'Withdraw it').value);
    expect((await rows(sead, 'needs', [])).map((r) => r.id)).not.toContain(needId);
  });

  it('shows the history of a record to whoever may read it: when, who, which field from what to what', async () => {
    const history = textOf(await t.say(ana, `history ${updateId}`));
    expect(history.split('\n')).toEqual([
      `*History of ${updateId}* — Law on Border Control (development update, Serbia MoI)`,
      '• *v1* · 2 December 2026, 10:00 · Ana Petrović: created',
      '• *v2* · 2 December 2026, 10:00 · Ana Petrović: Record: Active → Withdrawn — entered twice by mistake',
      '• *v3* · 2 December 2026, 10:00 · Sead Kovač: Record: Withdrawn → Active — withdrawn by mistake',
    ]);
    t.clock.set('2026-12-03T13:30:00Z');
    const base = (await t.store.records.get(ana, updateId))!;
    await t.store.records.update(ana, updateId, { ...base.data, stage: 'in-force', title: 'Law on Border Control (amended)' }, base.version);
    expect(textOf(await t.say(ana, `history ${updateId.toLowerCase()}`))).toContain(
      '• *v4* · 3 December 2026, 14:30 · Ana Petrović: Title: Law on Border Control → Law on Border Control (amended); Stage: Adopted → In force',
    );
  });

  it('keeps a partner’s unvalidated need’s history from a donor and another partner, and shows an adopted one to every member', async () => {
    const proposed = await submit(ana, 'need', { title: 'Drones', needType: 'operational', perspective: 'prevention', theme: 'border-surveillance', description: 'Two drones for the river border.', justification: 'The river border is not watched at night.', beneficiaryInstitution: 'Border Police', priority: 'high', timeframe: 'short' });
    expect(textOf(await t.say(greta, `history ${proposed}`))).toBe(`I could not find ${proposed} among the records you can see.`);
    expect(textOf(await t.say(arben, `history ${proposed}`))).toBe(`I could not find ${proposed} among the records you can see.`);
    expect(textOf(await t.say(bea, `history ${proposed}`))).toMatch(/created/);
    for (const step of ['validated', 'agreed', 'to-board']) await t.store.records.moveNeed(sead, proposed, step);
    await t.store.records.moveNeed(bea, proposed, 'adopted', { reference: 'IISG Board 2027/02' });
    expect(textOf(await t.say(greta, `history ${proposed}`))).toMatch(/Bea Board: Decision chain: Proposed to the Board → Adopted by the Board — decision IISG Board 2027\/02/);
    expect(textOf(await t.say(greta, 'history'))).toMatch(/Which one\? For example: \*history NM-2026-RS-014\*/);
    expect(textOf(await t.say(greta, 'history hello'))).toBe('"hello" is not an id I know. Ids look like NM-2026-RS-014, MT-2027-001 or PR-009.');
  });

  it('shows the history of a meeting and of a product to everyone', async () => {
    const meetingId = await submit(sead, 'meeting', { type: 'support-group', title: '12th WBBSi Support Group meeting', startsAt: '2027-01-20T09:00:00Z', venue: 'Sarajevo' });
    const m = (await t.store.meetings.get(sead, meetingId))!;
    await t.store.meetings.update(sead, meetingId, { ...m.data, venue: 'Podgorica' }, m.version);
    expect(textOf(await t.say(greta, `history ${meetingId}`))).toMatch(/\*v2\* · .* · Sead Kovač: Venue: Sarajevo → Podgorica/);
    await t.core.products.seed();
    await t.say(sead, 'product set PR-009 version 2.0');
    expect(textOf(await t.say(arben, 'history PR-009'))).toMatch(/\*v2\* · .* · Sead Kovač: Version: 1\.0 → 2\.0/);
  });

  it('gives the Secretariat the audit log by record, by person and by dates, and nobody else', async () => {
    const byRecord = textOf(await t.say(sead, `audit ${updateId}`));
    expect(byRecord).toMatch(new RegExp(`^\\*Audit log\\* — ${updateId}:`));
    expect(byRecord.split('\n').slice(1).map((l) => / · (\w[\w-]*) record /.exec(l)?.[1])).toEqual(['create', 'withdraw', 'restore', 'update']);
    const byPerson = textOf(await t.say(sead, 'audit person ana@mup.gov.rs'));
    expect(byPerson).toMatch(/^\*Audit log\* — by Ana Petrović:/);
    expect(byPerson.split('\n').slice(1).every((l) => l.includes(' · Ana Petrović · '))).toBe(true);
    const byDays = textOf(await t.say(sead, `audit ${updateId} 3.12.2026 3.12.2026`));
    expect(byDays.split('\n')).toHaveLength(2);
    expect(byDays).toMatch(/3 December 2026, 14:30 · Ana Petrović · update record/);
    expect(textOf(await t.say(sead, 'audit person nobody@nowhere.example'))).toBe('I cannot find "nobody@nowhere.example" on the roster. Please give the e-mail address.');
    expect(textOf(await t.say(sead, 'audit 31.12.2026 1.12.2026'))).toBe('The end date comes before the start date.');
    expect(textOf(await t.say(ana, `audit ${updateId}`))).toMatch(/^Sorry, \*audit\* is for the IISG Secretariat/);
    expect(textOf(await t.say(bea, 'audit'))).toMatch(/^Sorry, \*audit\* is for the IISG Secretariat/);
    await expect(t.core.records.audit(bea, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
