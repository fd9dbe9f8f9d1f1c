import type { Actor } from '../../../src/domain/actor';
import type { ConnectorCall } from '../../support/bot-connector-standin';
import { addPerson } from '../../support/people';
import { type TeamsKit, actionsOf, inputsOf, textOf, type Json, type TeamsPerson } from '../../support/teams-kit';
import { startTeamsTestApp, type TeamsTestApp } from '../../support/teams-test-app';

/** A complete, valid need as the card's inputs (`f_<field>`). */
const needInputs = (title: string): Json => ({
  f_title: title,
  f_needType: 'operational',
  f_perspective: 'prevention',
  f_theme: 'border-surveillance',
  f_description: 'Mobile thermal cameras for night patrols on the green border.',
  f_justification: 'Irregular crossings at night are not detected; current cameras are 15 years old.',
  f_beneficiaryInstitution: 'Border Police Directorate',
  f_priority: 'high',
  f_timeframe: 'short',
});

describe('Teams: forms step by step and as Adaptive Cards', () => {
  let t: TeamsTestApp;
  let kit: TeamsKit;
  let secretariat: Actor;
  const ana: TeamsPerson = { aad: '8f1d6c2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', name: 'Ana Petrović' };

  const needsTitled = async (title: string) => (await t.app.core.store.records.list(secretariat, { type: 'need' })).filter((r) => r.data.title === title);
  const only = (calls: ConnectorCall[]) => {
    expect(calls).toHaveLength(1);
    return calls[0]!;
  };

  beforeAll(async () => {
    t = await startTeamsTestApp();
    ({ kit } = t);
    await addPerson(t.app.core.store, { name: ana.name, email: 'ana@mup.gov.rs', orgCode: 'MOI-RS', teamsId: ana.aad });
    secretariat = await addPerson(t.app.core.store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('completes a need step by step in a personal chat and stores it', async () => {
    const form = only(await kit.say(ana, 'need'));
    expect(inputsOf(form).map((i) => i.id)).toEqual(expect.arrayContaining(['f_title', 'f_needType', 'f_description']));
    let card = only(await kit.click(ana, form, 'Answer step by step instead'));
    expect(textOf(card)).toMatch(/Short title/);
    card = only(await kit.say(ana, 'Thermal cameras for the green border'));
    expect(textOf(card)).toMatch(/Type of need/);
    // Three choices: one tap each, no pick-then-Send; the label is said once (in the question text).
    expect(inputsOf(card).find((i) => i.type === 'Input.ChoiceSet')).toBeUndefined();
    expect(actionsOf(card).map((a) => a.title)).toEqual(['1. Legislative', '2. Institutional', '3. Operational', 'Back', 'Cancel']);
    const tapped = await kit.click(ana, card, '3. Operational');
    // The tapped card is updated in place to its answer; the next question follows.
    expect(tapped.find((c) => c.kind === 'update')).toMatchObject({ activityId: card.id });
    expect(textOf(tapped.find((c) => c.kind === 'update')!)).toMatch(/✓ \*\*Type of need\*\*: Operational/);
    expect(actionsOf(tapped.find((c) => c.kind === 'update')!)).toEqual([]);
    card = tapped.find((c) => c.kind === 'reply')!;
    expect(textOf(card)).toMatch(/Perspective/);
    card = only(await kit.say(ana, '1'));
    expect(inputsOf(card).find((i) => i.type === 'Input.ChoiceSet')).toMatchObject({ style: 'compact' }); // many themes
    for (const answer of [
      'border surveillance',
      'Mobile thermal cameras for night patrols on the green border.',
      'Irregular crossings at night are not detected; current cameras are 15 years old.',
      'Border Police Directorate',
      'high',
    ]) {
      expect(textOf(only(await kit.say(ana, answer)))).not.toMatch(/⚠️/);
    }
    card = only(await kit.say(ana, 'short term'));
    expect(textOf(card)).toMatch(/Here is your need\. Please check it/);
    expect(textOf(card)).toMatch(/Type of need[\s\S]*Operational/);
    const saved = await kit.click(ana, card, 'Submit');
    expect(textOf(saved.find((c) => c.kind === 'update')!)).toMatch(/✓ Submitted: \*\*NM-2026-RS-\d{3}\*\*/);
    expect(textOf(saved.find((c) => c.kind === 'reply')!)).toMatch(/I have saved need \*\*NM-2026-RS-\d{3}\*\*/);

    const [rec] = await needsTitled('Thermal cameras for the green border');
    expect(rec).toMatchObject({ type: 'need', orgCode: 'MOI-RS', quarter: '2026-Q4' });
    expect(rec!.data).toMatchObject({ country: 'RS', needType: 'operational', perspective: 'prevention', priority: 'high', timeframe: 'short' });
  });

  it('shows a card error under its field, keeps the draft, and stores the need once fixed', async () => {
    const form = only(await kit.say(ana, 'need'));
    const title = 'Night vision for the Drina crossing points';
    const bad = only(await kit.click(ana, form, 'Submit', { ...needInputs(title), f_description: 'short' }));
    // The submitted card is updated in place with the form and the error under the description.
    expect(bad).toMatchObject({ kind: 'update', activityId: form.id });
    const inputs = inputsOf(bad);
    expect(inputs.find((i) => i.id === 'f_title')).toMatchObject({ value: title }); // what was typed is kept
    const body = (bad.body.attachments as { content: { body: Json[] } }[])[0]!.content.body;
    const at = body.findIndex((e) => e.id === 'f_description');
    const afterDescription = body.slice(at + 1, at + 3).map((e) => String(e.text));
    expect(afterDescription.join('\n')).toMatch(/⚠️ Please write at least 10 characters/);
    expect(body.find((e) => String(e.text).startsWith('⚠️'))).toMatchObject({ color: 'Attention' });
    expect(await needsTitled(title)).toHaveLength(0);

    const fixed = only(await kit.click(ana, bad, 'Submit', needInputs(title)));
    expect(fixed).toMatchObject({ kind: 'update', activityId: form.id });
    expect(textOf(fixed)).toMatch(/I have saved need/);
    expect(await needsTitled(title)).toHaveLength(1);
  });

  it('stores one record when the same card is submitted twice (double click)', async () => {
    const form = only(await kit.say(ana, 'need'));
    const title = 'Digital radios for joint patrols';
    const submit = (id: string) => kit.post(kit.activity('card-submit', ana, { id, replyToId: form.id, value: { ...actionsOf(form)[0]!.data, ...needInputs(title) } }));
    const [a, b] = await Promise.all([submit('1764667000001'), submit('1764667000002')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const texts = [textOf(a.calls), textOf(b.calls)];
    expect(texts.filter((x) => /I have saved need/.test(x))).toHaveLength(1);
    expect(texts.filter((x) => /Already saved|already being saved|no longer open/.test(x))).toHaveLength(1);
    expect(await needsTitled(title)).toHaveLength(1);

    const third = await kit.click(ana, form, 'Submit', needInputs(title)); // a late third click
    expect(textOf(third)).toMatch(/Already saved as \*\*NM-2026-RS-\d{3}\*\*/);
    expect(await needsTitled(title)).toHaveLength(1);
  });

  it('answers a button it no longer knows politely', async () => {
    const calls = await kit.post(kit.activity('card-submit', ana, { value: { verb: 'something-old', x: 1 } }));
    expect(calls.status).toBe(200);
    expect(textOf(calls.calls)).toMatch(/no longer active/);
  });
});
