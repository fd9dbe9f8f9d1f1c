import { openTestCore, textOf, button, type TestCore } from '../support/test-core';
import { addPerson } from '../support/people';
import type { Actor } from '../../src/domain/actor';

describe('a need, step by step, through the core', () => {
  let t: TestCore;
  let ana: Actor;
  let secretariat: Actor;
  beforeAll(async () => {
    t = await openTestCore();
    ana = await addPerson(t.store, { name: 'Ana Petrović', email: 'ana@mup.rs', orgCode: 'MOI-RS', slackId: 'UANA0001' });
    secretariat = await addPerson(t.store, { name: 'Sead', email: 'sead@rcc.int', orgCode: 'IISG-SEC', role: 'secretariat' });
  });
  afterAll(() => t.close());

  it('asks each question, corrects two wrong answers, reviews, and stores the need', async () => {
    let r = await t.say(ana, 'need');
    expect(textOf(r)).toMatch(/Short title/); // country is fixed for a partner: not asked
    r = await t.say(ana, 'Thermal cameras for the green border');
    expect(textOf(r)).toMatch(/Type of need/);
    expect(r.messages.at(-1)!.question?.options?.map((o) => o.value)).toEqual(['legislative', 'institutional', 'operational']);
    r = await t.say(ana, 'spaceship'); // wrong answer 1
    expect(textOf(r)).toMatch(/Please pick one of: 1\. Legislative/);
    expect(textOf(r)).toMatch(/Type of need/);
    r = await t.click(ana, 'form.answer', `${r.messages.at(-1)!.question!.draftId}|needType|operational`);
    expect(textOf(r)).toMatch(/Perspective/);
    r = await t.say(ana, '1');
    expect(textOf(r)).toMatch(/Main theme/);
    r = await t.say(ana, 'border surveillance');
    expect(textOf(r)).toMatch(/Description/);
    r = await t.say(ana, 'short'); // wrong answer 2: too short
    expect(textOf(r)).toMatch(/at least 10 characters/);
    await t.say(ana, 'Mobile thermal cameras for night patrols on the green border.');
    r = await t.say(ana, 'Irregular crossings at night are not detected; current cameras are 15 years old.');
    expect(textOf(r)).toMatch(/Beneficiary institution/);
    await t.say(ana, 'Border Police Directorate');
    await t.say(ana, 'high');
    r = await t.say(ana, 'short term');
    expect(textOf(r)).toMatch(/Here is your need\. Please check it, then press \*Submit\*/);
    expect(textOf(r)).toMatch(/Type of need: Operational/);
    expect(textOf(r)).toMatch(/Partner|Serbia/);
    r = await t.click(ana, 'form.submit', button(r, 'Submit').value);
    expect(textOf(r)).toMatch(/saved need \*NM-2026-RS-001\*/);

    const rec = await t.store.records.get(secretariat, 'NM-2026-RS-001');
    expect(rec).toMatchObject({ type: 'need', orgCode: 'MOI-RS', quarter: '2026-Q4', version: 1 });
    expect(rec!.data).toMatchObject({ country: 'RS', needType: 'operational', perspective: 'prevention', theme: 'border-surveillance', priority: 'high', timeframe: 'short', status: 'proposed' });
    expect((await t.store.checkins.get(secretariat, 'MOI-RS', '2026-Q4'))?.state).toBe('submitted');
  });

  it('submitting twice (double click) stores one record', async () => {
    let r = await t.say(ana, 'need');
    const answers = ['Radios', 'operational', 'response', 'cooperation', 'Digital radios for joint patrols.', 'Analogue radios cannot talk to neighbours.', 'Border Police', 'medium', 'medium'];
    for (const a of answers) r = await t.say(ana, a);
    const submit = button(r, 'Submit');
    const [a, b] = await Promise.all([t.click(ana, 'form.submit', submit.value), t.click(ana, 'form.submit', submit.value)]);
    const texts = [textOf(a), textOf(b)];
    expect(texts.filter((x) => /I have saved need/.test(x))).toHaveLength(1);
    expect(texts.filter((x) => /Already saved|already being saved/.test(x))).toHaveLength(1);
    const radios = (await t.store.records.list(secretariat, { type: 'need' })).filter((x) => x.data.title === 'Radios');
    expect(radios).toHaveLength(1);
  });

  it('back, skip, help and cancel work at any step', async () => {
    let r = await t.say(ana, 'update');
    expect(textOf(r)).toMatch(/What kind of development/);
    await t.say(ana, 'law');
    r = await t.say(ana, 'back');
    expect(textOf(r)).toMatch(/What kind of development/);
    r = await t.say(ana, 'help');
    expect(textOf(r)).toMatch(/\*back\*: the previous question/);
    await t.say(ana, 'strategy');
    r = await t.say(ana, 'Integrated Border Management Strategy 2027–2031');
    expect(textOf(r)).toMatch(/Which country/);
    expect(r.messages.at(-1)!.question?.current).toBe('RS'); // prefilled with the partner's country
    r = await t.say(ana, 'Serbia');
    expect(textOf(r)).toMatch(/Adopting body/);
    r = await t.say(ana, 'skip');
    expect(textOf(r)).toMatch(/Stage/);
    r = await t.say(ana, 'cancel');
    expect(textOf(r)).toMatch(/I discarded a development update.*Nothing was recorded/);
    expect(await t.core.conversation.engine.activeChatDraft(ana)).toBeUndefined();
  });

  it('refuses text carrying a classification marking and does not store it', async () => {
    await t.say(ana, 'need');
    const r = await t.say(ana, 'RESTREINT UE – list of weak border crossing points');
    expect(textOf(r)).toMatch(/not accredited for classified information/);
    expect(textOf(r)).toMatch(/Short title/);
    const draft = await t.core.conversation.engine.activeChatDraft(ana);
    expect(JSON.stringify(draft!.answers)).not.toMatch(/RESTREINT/);
    const raw = await t.store.ctx.models.drafts.find({}).lean();
    expect(JSON.stringify(raw)).not.toMatch(/RESTREINT/);
    await t.say(ana, 'cancel');
  });

  it('a donor is not offered the need form', async () => {
    const greta = await addPerson(t.store, { name: 'Greta Huber', email: 'greta@giz.de', orgCode: 'GIZ' });
    const r = await t.say(greta, 'need');
    expect(textOf(r)).toMatch(/not part of your organisation's role/);
    const help = await t.say(greta, 'help');
    const labels = help.messages.flatMap((m) => m.buttons ?? []).map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['Add an update', 'Add a response']));
    expect(labels).not.toContain('Add a need');
  });

  it('records a nil return for the quarter in one click', async () => {
    const milica = await addPerson(t.store, { name: 'Milica', email: 'milica@gov.me', orgCode: 'MOI-ME' });
    const r = await t.say(milica, 'nothing new');
    const confirm = button(r, 'Yes, nothing new');
    const done = await t.click(milica, confirm.action, confirm.value);
    expect(textOf(done)).toMatch(/nothing new\* for 2026-Q4/);
    expect((await t.store.checkins.get(secretariat, 'MOI-ME', '2026-Q4'))?.state).toBe('nil-return');
  });

  it('edits a submitted record: version 2 and an audit entry', async () => {
    let r = await t.say(ana, 'edit NM-2026-RS-001');
    expect(textOf(r)).toMatch(/your changes to \*NM-2026-RS-001\*/);
    await t.click(ana, 'form.edit', button(r, 'Edit a field').value);
    r = await t.say(ana, 'Priority');
    expect(textOf(r)).toMatch(/Priority/);
    r = await t.say(ana, 'low');
    expect(textOf(r)).toMatch(/Priority: Low/);
    r = await t.click(ana, 'form.submit', button(r, 'Save changes').value);
    expect(textOf(r)).toMatch(/Saved \*NM-2026-RS-001\*, version 2/);
    const versions = await t.store.records.versions(secretariat, 'NM-2026-RS-001');
    expect(versions.map((v) => v.data.priority)).toEqual(['high', 'low']);
    const audit = await t.store.audit.history(secretariat, 'record', 'NM-2026-RS-001');
    expect(audit.at(-1)).toMatchObject({ action: 'update', actorId: ana.personId, changes: [{ field: 'priority', from: '"high"', to: '"low"' }] });
  });

  it('a member is refused Secretariat commands; the Secretariat gets the status', async () => {
    expect(textOf(await t.say(ana, 'status'))).toMatch(/for the IISG Secretariat/);
    const r = await t.say(secretariat, 'status');
    expect(textOf(r)).toMatch(/Quarterly status 2026-Q4/);
    expect(textOf(r)).toMatch(/Reported \(1\):\* Serbia MoI/);
    expect(textOf(r)).toMatch(/Nothing new \(1\):\* Montenegro MoI/);
  });
});
