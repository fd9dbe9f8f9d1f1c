import { rmSync } from 'node:fs';
import { SYSTEM_ACTOR, type Actor } from '../../../src/domain/actor';
import { KOSOVO_FOOTNOTE } from '../../../src/domain/kosovo';
import { ManualClock } from '../../../src/support/clock';
import { addPerson } from '../../support/people';
import { startTestApp, type TestApp } from '../../support/test-app';
import { button, consoleClient, question, textOf, type ConsoleClient } from './console-client';

const DAY = 24 * 3600_000;

describe('the console API drives whole conversations against the real app and database', () => {
  let t: TestApp;
  let c: ConsoleClient;
  let arta: Actor; // Kosovo* MoI
  let ana: Actor; // Serbia MoI
  beforeAll(async () => {
    t = await startTestApp();
    c = consoleClient(t.url);
    arta = await addPerson(t.app.core.store, { name: 'Arta Krasniqi', email: 'arta@rks-gov.net', orgCode: 'MOI-XK' });
    ana = await addPerson(t.app.core.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS' });
  });
  afterAll(() => t.stop());

  it('a development update step by step, with wrong answers corrected, Kosovo* and its footnote', async () => {
    const id = arta.personId;
    let r = await c.say(id, 'update');
    expect(textOf(r)).toMatch(/What kind of development/);
    r = await c.say(id, 'treaty'); // wrong: not a kind
    expect(textOf(r)).toMatch(/Please pick one of: 1\. Law/);
    const draftId = question(r).draftId;
    r = await c.click(id, 'form.answer', `${draftId}|kind|law`);
    expect(textOf(r)).toMatch(/Title/);
    r = await c.say(id, 'Law on Border Control (amendments)');
    expect(question(r).field).toBe('country');
    expect(question(r).options!.map((o) => o.label)).toContain('3. Kosovo*');
    expect(r.messages.at(-1)!.footnote).toContain(KOSOVO_FOOTNOTE);
    r = await c.say(id, 'Kosovo');
    expect(textOf(r)).toMatch(/Adopting body/);
    r = await c.say(id, 'Assembly of Kosovo');
    expect(textOf(r)).toMatch(/Stage/);
    r = await c.say(id, 'adopted');
    expect(textOf(r)).toMatch(/Date/);
    r = await c.say(id, '31.2.2026'); // wrong: no such date, and the reason is precise
    expect(textOf(r)).toMatch(/31 February 2026 does not exist: February 2026 has 28 days/);
    r = await c.say(id, '15.11.2026');
    expect(textOf(r)).toMatch(/Link/);
    r = await c.say(id, 'skip');
    expect(textOf(r)).toMatch(/Short summary/);
    r = await c.say(id, 'Aligns border checks with the Schengen Borders Code.');
    expect(question(r)).toMatchObject({ field: 'themes', multi: true });
    r = await c.click(id, 'form.answer', `${draftId}|themes|border-checks,legal-strategic`);
    expect(textOf(r)).toMatch(/Related needs/);
    r = await c.say(id, 'skip');
    expect(textOf(r)).toMatch(/Here is your development update\. Please check it/);
    expect(textOf(r)).toMatch(/Adopting body: Assembly of Kosovo\*/); // typed "Kosovo", shown "Kosovo*"
    expect(r.messages.at(-1)!.footnote).toBe(KOSOVO_FOOTNOTE); // once per message
    r = await c.click(id, 'form.submit', button(r, 'Submit').value);
    expect(textOf(r)).toMatch(/saved development update \*DU-2026-XK-001\*/);

    const rec = await t.app.core.store.records.get(SYSTEM_ACTOR, 'DU-2026-XK-001');
    expect(rec).toMatchObject({ type: 'update', orgCode: 'MOI-XK', quarter: '2026-Q4', version: 1, submittedBy: id });
    expect(rec!.data).toMatchObject({ kind: 'law', country: 'XK', stage: 'adopted', date: '2026-11-15', themes: ['border-checks', 'legal-strategic'] });
    expect(rec!.data.link).toBeUndefined();
  });

  it('a whole need form: one invalid field gets its error, fixed it is stored', async () => {
    const id = ana.personId;
    const opened = await c.say(id, 'need', 'form');
    expect(opened.messages).toEqual([]);
    const form = opened.form!;
    expect(form).toMatchObject({ formId: 'need', title: 'Need', submitLabel: 'Submit' });
    expect(form.fields.map((f) => f.name)).not.toContain('country'); // fixed for a partner
    const values = {
      title: 'Night-vision goggles',
      needType: 'operational',
      perspective: 'prevention',
      theme: 'border-surveillance',
      description: 'short', // invalid: under 10 characters
      justification: 'Patrols cannot see irregular crossings at night on the green border.',
      beneficiaryInstitution: 'Border Police Directorate',
      priority: 'high',
      timeframe: 'short',
    };
    const bad = await c.submitForm(id, form.draftId, values);
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    const errors = Object.fromEntries(bad.body.form!.fields.filter((f) => f.error).map((f) => [f.name, f.error]));
    expect(errors).toEqual({ description: expect.stringMatching(/at least 10 characters/) });
    expect(bad.body.form!.fields.find((f) => f.name === 'title')!.value).toBe('Night-vision goggles'); // kept
    expect(await t.app.core.store.records.list(SYSTEM_ACTOR, { type: 'need' })).toEqual([]);

    const good = await c.submitForm(id, form.draftId, { ...values, description: 'Forty night-vision goggles for green-border patrols.' });
    expect(good.body.ok).toBe(true);
    expect(textOf(good.body)).toMatch(/saved need \*NM-2026-RS-001\*/);
    const again = await c.submitForm(id, form.draftId, values); // a double click
    expect(textOf(again.body)).toMatch(/Already saved as \*NM-2026-RS-001\*/);
    const needs = await t.app.core.store.records.list(SYSTEM_ACTOR, { type: 'need' });
    expect(needs).toHaveLength(1);
    expect(needs[0]!.data).toMatchObject({ country: 'RS', title: 'Night-vision goggles', description: 'Forty night-vision goggles for green-border patrols.', status: 'proposed' });
  });

  it('switches a step-by-step draft to a whole form and back, keeping what was typed', async () => {
    const id = ana.personId;
    let r = await c.say(id, 'update');
    const draftId = question(r).draftId;
    expect(question(await c.say(id, 'strategy')).field).toBe('title');
    const asForm = await c.click(id, 'draft.continue', draftId, 'form');
    expect(asForm.form!.fields.find((f) => f.name === 'kind')!.value).toBe('strategy');
    const closed = await c.closeForm(id, draftId, { title: 'IBM Strategy 2027–2031' });
    expect(textOf(closed.body)).toMatch(/kept a development update .*as a draft/);
    r = await c.click(id, 'form.to-chat', draftId);
    // Back in the chat, what was given in the form counts as answered: the next open question is asked.
    expect(question(r).field).toBe('adoptingBody');
    const draft = await t.app.core.store.drafts.get(ana, draftId);
    expect(draft!.answers).toMatchObject({ kind: 'strategy', title: 'IBM Strategy 2027–2031', country: 'RS' });
    r = await c.say(id, 'cancel');
    expect(textOf(r)).toMatch(/I discarded a development update/);
  });

  it('lists the records each person may see, and opens one for editing', async () => {
    const list = await c.get<{ records: { id: string; type: string; title: string; version: number; quarter: string; canEdit: boolean }[]; footnote?: string }>(`/records?personId=${arta.personId}`);
    expect(list.status).toBe(200);
    expect(list.body.records).toEqual([expect.objectContaining({ id: 'DU-2026-XK-001', type: 'update', title: 'Law on Border Control (amendments)', version: 1, quarter: '2026-Q4', canEdit: true })]);
    const anas = await c.get<{ records: { id: string }[] }>(`/records?personId=${ana.personId}`);
    expect(anas.body.records.map((x) => x.id)).toEqual(['NM-2026-RS-001']); // not Kosovo*'s update
    const edit = await c.click(ana.personId, 'record.edit', 'NM-2026-RS-001', 'form');
    expect(edit.form).toMatchObject({ submitLabel: 'Save changes' });
    expect(edit.form!.fields.find((f) => f.name === 'priority')!.value).toBe('high');
    const saved = await c.submitForm(ana.personId, edit.form!.draftId, { priority: 'medium' });
    expect(textOf(saved.body)).toMatch(/Saved \*NM-2026-RS-001\*, version 2/);
  });
});

describe('a draft abandoned in the console survives a restart of the app', () => {
  it('the new app offers "continue or discard", and continuing works', async () => {
    const first = await startTestApp();
    const marko = await addPerson(first.app.core.store, { name: 'Marko Vuković', email: 'marko@mup.gov.me', orgCode: 'MOI-ME' });
    let c = consoleClient(first.url);
    expect(question(await c.say(marko.personId, 'need')).field).toBe('title');
    let r = await c.say(marko.personId, 'Patrol boats for Lake Skadar');
    expect(textOf(r)).toMatch(/Type of need/);
    await first.app.stop(); // the database stays
    rmSync(first.app.core.config.dataDir, { recursive: true, force: true });

    const later = new ManualClock(new Date(first.clock.now().getTime() + 3 * DAY));
    const second = await startTestApp({ dbName: first.dbName, clock: later });
    try {
      c = consoleClient(second.url);
      r = await c.say(marko.personId, 'hello');
      expect(textOf(r)).toMatch(/You have an unfinished need for Montenegro \("Patrol boats for Lake Skadar"\)\. Would you like to continue it or discard it\?/);
      expect(button(r, 'Discard').action).toBe('draft.discard');
      r = await c.click(marko.personId, 'draft.continue', button(r, 'Continue').value);
      expect(textOf(r)).toMatch(/Type of need/);
      for (const a of ['operational', 'response', 'border surveillance', 'Two patrol boats for the lake border.', 'The lake border is not patrolled at night.', 'Border Police', 'medium', 'medium'])
        r = await c.say(marko.personId, a);
      expect(textOf(r)).toMatch(/Short title: Patrol boats for Lake Skadar/);
      r = await c.click(marko.personId, 'form.submit', button(r, 'Submit').value);
      expect(textOf(r)).toMatch(/saved need \*NM-2026-ME-001\*/);
      const rec = await second.app.core.store.records.get(SYSTEM_ACTOR, 'NM-2026-ME-001');
      expect(rec!.data).toMatchObject({ title: 'Patrol boats for Lake Skadar', country: 'ME', perspective: 'response' });
    } finally {
      await second.stop();
    }
  });
});
