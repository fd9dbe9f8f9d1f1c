import type { Reply } from '../../src/conversation/reply';
import type { Actor } from '../../src/domain/actor';
import { getForm } from '../../src/forms/registry';
import type { FormView } from '../../src/messages/form-view';
import { THERMAL_CAMERAS_NEED } from '../support/need-answers';
import { addChainCast } from '../support/people';
import { button, openTestCore, textOf, type TestCore } from '../support/test-core';

/**
 * The decision chain of needs (issue 15, item 4; issue 17, finding 6; issue 16, item 2 for the
 * status field): through the conversation (what every surface calls) and, for the refusals, the
 * core's records repository itself, against the real database.
 */
describe('the decision chain of a need', () => {
  let t: TestCore;
  let ana: Actor; // Serbia MoI, the partner that states the need
  let arben: Actor; // Albania MoI, another partner
  let greta: Actor; // GIZ, a donor
  let sead: Actor; // IISG Secretariat
  let bea: Actor; // IISG Board
  const form = { mode: 'form' as const, platform: 'console' as const };

  const need = THERMAL_CAMERAS_NEED;

  async function stated(by: Actor, title: string): Promise<string> {
    const res = await t.core.submissions.submit(by, getForm('need')!, { ...need, title });
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    return res.id;
  }
  const formOf = (r: Reply): FormView => {
    if (!r.form) throw new Error(`no form: ${textOf(r)}`);
    return r.form;
  };
  const statusOptions = (f: FormView) => f.fields.find((x) => x.name === 'status')!.options!.map((o) => o.label);
  const submitForm = (actor: Actor, f: FormView, values: Record<string, string>) =>
    t.core.conversation.handle(actor, { form: { op: 'submit', draftId: f.draftId, values: { ...Object.fromEntries(f.fields.filter((x) => x.value !== undefined).map((x) => [x.name, x.value!])), ...values } } }, form);
  const openEdit = async (actor: Actor, id: string) => formOf(await t.core.conversation.handle(actor, { text: `edit ${id}` }, form));
  const status = async (id: string) => (await t.store.records.get(sead, id))!.data.status;

  /** Validate, discuss and propose to the Board with the buttons the Secretariat is shown. */
  async function toBoard(id: string): Promise<Reply> {
    let r = await t.say(sead, `chain ${id}`);
    for (const step of ['Validate', 'Discussed by the Support Group', 'Propose to the Board']) r = await t.click(sead, 'chain.step', button(r, step).value);
    return r;
  }

  beforeAll(async () => {
    t = await openTestCore({ now: '2026-12-02T09:00:00Z' });
    ({ ana, arben, greta, sead, bea } = await addChainCast(t.store));
  });
  afterAll(() => t.close());

  it('offers each person only the statuses they may choose: a partner “Proposed”, the Secretariat also “Validated”', async () => {
    const partnerForm = formOf(await t.core.conversation.handle(ana, { text: 'need' }, form));
    expect(statusOptions(partnerForm)).toEqual(['Proposed by the partner']);
    const secretariatForm = formOf(await t.core.conversation.handle(sead, { text: 'need' }, form));
    expect(statusOptions(secretariatForm)).toEqual(['Proposed by the partner', 'Validated by the Secretariat']);
    // A value outside the offer, sent anyway (a crafted form), is refused on its field; the form stays open and nothing is stored.
    const crafted = await submitForm(ana, partnerForm, { ...need, status: 'adopted' });
    expect(crafted.formErrors?.status).toMatch(/Please pick one of: 1\. Proposed by the partner/);
    expect(crafted.form).toBeDefined();
    expect(await t.store.records.list(sead, { orgCode: 'MOI-RS', type: 'need' })).toHaveLength(0);
    // And the core refuses it whatever the surface.
    await expect(t.store.records.create(ana, 'need', { ...need, country: 'RS', status: 'adopted' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('asks the status step by step with the same narrowed options, and refuses another typed one at that step', async () => {
    const id = await stated(ana, 'Boats for the lake border');
    let r = await t.say(sead, `edit ${id}`);
    r = await t.click(sead, 'form.edit', button(r, 'Edit a field').value);
    const draftId = r.messages.at(-1)!.question!.draftId;
    r = await t.say(sead, 'Status in the decision chain');
    expect(r.messages.at(-1)!.question!.options!.map((o) => o.label)).toEqual(['1. Proposed by the partner', '2. Validated by the Secretariat']);
    r = await t.say(sead, 'Adopted by the Board');
    expect(textOf(r)).toMatch(/⚠️ Please pick one of: 1\. Proposed by the partner, 2\. Validated by the Secretariat\./);
    r = await t.say(sead, '2');
    expect(textOf(r)).toMatch(/^Status: Validated by the Secretariat$/m);
    r = await t.click(sead, 'form.submit', draftId);
    expect(textOf(r)).toMatch(new RegExp(`Saved \\*${id}\\*, version 2`));
    expect(await status(id)).toBe('validated');
  });

  it('refuses a partner who tries to adopt, validate or decide', async () => {
    const id = await stated(ana, 'Radios for joint patrols');
    expect(textOf(await t.say(ana, `chain ${id} validate`))).toBe('Sorry, only the IISG Secretariat records that a need is validated by the Secretariat.');
    expect(textOf(await t.say(ana, `decide ${id} adopted IISG Board 2027/01`))).toMatch(/Sorry, \*decide\* is for the IISG Secretariat and the Board/);
    await expect(t.store.records.moveNeed(ana, id, 'adopted', { reference: 'IISG Board 2027/01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.store.records.update(ana, id, { ...(await t.store.records.get(ana, id))!.data, status: 'validated' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await status(id)).toBe('proposed');
  });

  it('refuses the Secretariat a jump from “proposed” to “adopted” with edit, on the form and in the core', async () => {
    const id = await stated(ana, 'Document readers');
    const f = await openEdit(sead, id);
    expect(statusOptions(f)).toEqual(['Proposed by the partner', 'Validated by the Secretariat']);
    const r = await submitForm(sead, f, { status: 'adopted' });
    expect(r.formErrors?.status).toMatch(/Please pick one of/);
    await expect(t.store.records.update(sead, id, { ...(await t.store.records.get(sead, id))!.data, status: 'adopted' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      userMessage: 'Sorry, a need proposed by the partner cannot be adopted by the Board directly. From there it can be validated by the Secretariat.',
    });
    expect((await t.store.records.get(sead, id))!.version).toBe(1);
  });

  it('walks the chain with the buttons each role is shown; the Board decides with its reference', async () => {
    const id = await stated(ana, 'Thermal cameras for the green border');
    const partnerView = await t.say(ana, `chain ${id}`);
    expect(textOf(partnerView)).toMatch(/Now: \*Proposed by the partner\*/);
    expect(partnerView.messages.flatMap((m) => m.buttons ?? [])).toEqual([]); // nothing a partner may do now

    let r = await t.say(sead, `chain ${id}`);
    expect(r.messages.flatMap((m) => m.buttons ?? []).map((b) => b.label)).toEqual(['Validate']);
    r = await t.click(sead, 'chain.step', button(r, 'Validate').value);
    expect(textOf(r)).toMatch(new RegExp(`Recorded: \\*${id}\\* is now validated by the IISG Secretariat\\.`));
    r = await t.click(sead, 'chain.step', button(r, 'Discussed by the Support Group').value);
    r = await t.click(sead, 'chain.step', button(r, 'Propose to the Board').value);
    expect(textOf(r)).toMatch(new RegExp(`To record the Board's decision, type \\*decide ${id} <decision reference>\\*`));
    expect(r.messages.flatMap((m) => m.buttons ?? [])).toEqual([]);

    expect(textOf(await t.say(bea, `decide ${id}`))).toMatch(/Please give the need and the Board decision’s reference/);
    const ask = await t.say(bea, `decide ${id} IISG Board 2027/03`);
    expect(ask.messages[0]!.buttons!.map((b) => b.label)).toEqual(['Adopted', 'Returned for revision', 'Rejected', 'Cancel']);
    const decided = await t.click(bea, 'chain.decide', button(ask, 'Adopted').value);
    expect(textOf(decided)).toMatch(new RegExp(`Recorded: \\*${id}\\* is now adopted by the IISG Board \\(decision IISG Board 2027/03\\)\\.`));
    // A second click on the same message changes nothing.
    expect(textOf(await t.click(bea, 'chain.decide', button(ask, 'Rejected').value))).toBe('Sorry, a need adopted by the Board cannot be rejected by the Board directly. Only the IISG Secretariat can move it further.');

    const rec = (await t.store.records.get(arben, id))!; // adopted: every member reads it now
    expect(rec).toMatchObject({ version: 5, data: { status: 'adopted' } });
    const versions = await t.store.records.versions(sead, id);
    expect(versions.map((v) => [v.data.status, v.changedByName, v.reference ?? null])).toEqual([
      ['proposed', 'Ana Petrović', null],
      ['validated', 'Sead Kovač', null],
      ['agreed', 'Sead Kovač', null],
      ['to-board', 'Sead Kovač', null],
      ['adopted', 'Bea Board', 'IISG Board 2027/03'],
    ]);
    const audit = await t.store.audit.history(sead, 'record', id);
    expect(audit.at(-1)).toMatchObject({ action: 'decision', actorName: 'Bea Board', note: 'decision IISG Board 2027/03', changes: [{ field: 'status', from: '"to-board"', to: '"adopted"' }] });
  });

  it('lets the Secretariat record a decision on the Board’s behalf, with the reference; a returned need can be proposed again by its partner', async () => {
    const id = await stated(ana, 'Patrol boats for the Danube');
    await toBoard(id);
    expect(textOf(await t.say(sead, `decide ${id} returned IISG Board 2027/04`))).toMatch(/is now returned for revision by the IISG Board \(decision IISG Board 2027\/04\)/);
    expect((await t.store.audit.history(sead, 'record', id)).at(-1)!.note).toBe('decision IISG Board 2027/04; recorded by the IISG Secretariat on behalf of the Board');
    const back = await t.say(ana, `chain ${id}`);
    const again = await t.click(ana, 'chain.step', button(back, 'Propose again').value);
    expect(textOf(again)).toMatch(/is now proposed again/);
    expect(await status(id)).toBe('proposed');
    // Another partner cannot, not even with the button's value.
    expect(textOf(await t.click(arben, 'chain.step', `${id}|validated|1`))).toMatch(/Sorry|could not find/);
  });

  it('never lets a partner move a need the Board adopted back to “proposed” (issue 17): not offered, refused on the form and in the core', async () => {
    const id = await stated(ana, 'Night-vision goggles');
    await toBoard(id);
    await t.click(bea, 'chain.decide', button(await t.say(bea, `decide ${id} IISG Board 2027/05`), 'Adopted').value);
    const f = await openEdit(ana, id);
    expect(statusOptions(f)).toEqual(['Adopted by the Board']);
    const r = await submitForm(ana, f, { status: 'proposed' });
    expect(r.formErrors?.status).toMatch(/Please pick one of: 1\. Adopted by the Board/);
    await expect(t.store.records.update(ana, id, { ...(await t.store.records.get(ana, id))!.data, status: 'proposed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(textOf(await t.say(ana, `chain ${id} proposed`))).toBe('Sorry, a need adopted by the Board cannot be proposed by the partner directly. Only the IISG Secretariat can move it further.');
    expect(await status(id)).toBe('adopted');
  });

  it('sends an adopted need back for validation when its partner changes its substance, says so, and keeps the adoption in its history', async () => {
    const id = await stated(ana, 'Mobile surveillance vans');
    await toBoard(id);
    await t.click(bea, 'chain.decide', button(await t.say(bea, `decide ${id} IISG Board 2027/06`), 'Adopted').value);
    // A new title alone is not a change of substance: still adopted.
    let saved = await submitForm(ana, await openEdit(ana, id), { title: 'Mobile surveillance vans (4)' });
    expect(textOf(saved)).toMatch(new RegExp(`Saved \\*${id}\\*, version 6`));
    expect(await status(id)).toBe('adopted');
    saved = await submitForm(ana, await openEdit(ana, id), { description: 'Six mobile surveillance vans with thermal cameras, for the whole green border.' });
    expect(textOf(saved)).toBe(
      `Saved *${id}*, version 7. The change is recorded in the history.\nBecause the need itself changed, it goes back to the IISG Secretariat for validation (it was adopted by the Board; that step stays in its history).`,
    );
    expect(await status(id)).toBe('proposed');
    expect(await t.store.records.get(arben, id)).toBeNull(); // no longer adopted: Serbia's own again
    const history = textOf(await t.say(ana, `history ${id}`));
    expect(history).toMatch(/\*v5\* · 2 December 2026, 10:00 · Bea Board: Decision chain: Proposed to the Board → Adopted by the Board — decision IISG Board 2027\/06/);
    expect(history).toMatch(/\*v7\* · 2 December 2026, 10:00 · Ana Petrović: Description: .* → Six mobile surveillance vans.*; Decision chain: Adopted by the Board → Proposed by the partner — changed by the partner: sent back for validation/);
    expect(textOf(await t.say(sead, `chain ${id}`))).toMatch(/Adopted by the Board · Bea Board · decision IISG Board 2027\/06[\s\S]*Proposed by the partner · Ana Petrović — changed by the partner: sent back for validation/);
  });

  it('shows the chain to whoever may read the need, and nobody else', async () => {
    const id = await stated(ana, 'Fingerprint scanners');
    expect(textOf(await t.say(greta, `chain ${id}`))).toBe(`I could not find need ${id} among the needs you can see.`);
    expect(textOf(await t.say(bea, `chain ${id}`))).toMatch(/Now: \*Proposed by the partner\*/);
  });
});
