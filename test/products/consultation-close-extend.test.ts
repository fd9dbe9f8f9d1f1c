import { textOf } from '../support/test-core';
import { openProductsHarness, type ProductsHarness } from './harness';

/**
 * The Secretariat's controls over consultations and the seed products (issue 15, items 7 and 8):
 * close a round early (silence recorded as "no answer"), extend its deadline (the silent told the
 * new date once), products loaded from the WBBSi page shown without an invented date until the
 * Secretariat sets the real date and decision reference.
 */
describe('closing a consultation early, extending one, and the seed products’ dates', () => {
  let h: ProductsHarness;
  /** What the stand-ins delivered so far (Slack and Teams, rendered). */
  const delivered = () => {
    h.app.log.mark(h.clock.now());
    return h.app.log.all;
  };
  const extensionNotices = () => delivered().filter((d) => /has given more time for the consultation/.test(d.text));

  beforeAll(async () => {
    h = await openProductsHarness('2026-12-02T09:00:00Z');
  });
  afterAll(() => h.close());

  it('extends a round: a later deadline, every organisation still silent told once, those who answered not', async () => {
    await h.say(h.secretariat, 'consult PR-009');
    await h.core.products.runConsultationJobs(h.clock.now());
    const round = (await h.store.consultations.forProduct('PR-009'))[0]!;
    await h.click(h.focal['MOI-RS']!, 'consult.agree', round._id);
    await h.click(h.focal['GIZ']!, 'consult.object', round._id);

    expect(textOf(await h.say(h.focal['MOI-RS']!, 'consult extend PR-009 15.1.2027'))).toMatch(/^Sorry, \*consult extend\* is for the IISG Secretariat/);
    expect(textOf(await h.say(h.secretariat, 'consult extend PR-009 10.12.2026'))).toBe('The new deadline must be after the current one, Wednesday 16 December 2026.');
    expect(textOf(await h.say(h.secretariat, 'consult extend PR-009'))).toBe('Please give the product and the new deadline, e.g. *consult extend PR-009 30.1.2027*.');

    const said = textOf(await h.say(h.secretariat, 'consult extend PR-009 15.1.2027'));
    expect(said).toBe(`Consultation *${round._id}* on *Methodology on response mapping* now closes on *Friday 15 January 2027*. I told the 16 organisations that have not answered yet.`);
    // RCC’s focal point has no chat id: the 16 others still silent are told (RCC is listed as unreachable).
    const notices = extensionNotices();
    expect(notices).toHaveLength(16);
    expect(notices[0]!.text).toMatch(/has not answered yet\. The new deadline is \**Friday 15 January 2027\**\./);
    const told = new Set(notices.map((n) => h.personOf(n).orgCode));
    expect(told.has('MOI-RS')).toBe(false);
    expect(told.has('GIZ')).toBe(false);
    // Once: later runs of the job send no second notice.
    await h.core.products.runConsultationJobs(h.clock.now());
    h.clock.set('2026-12-03T09:00:00Z');
    await h.core.products.runConsultationJobs(h.clock.now());
    expect(extensionNotices()).toHaveLength(16);
    const now = (await h.store.consultations.get(round._id))!;
    expect(now).toMatchObject({ deadline: '2027-01-15', status: 'open', extensions: [expect.objectContaining({ from: '2026-12-16', to: '2027-01-15', byName: 'Sead Hodžić' })] });
    // Answers are still taken after the old deadline.
    h.clock.set('2026-12-20T09:00:00Z');
    expect(textOf(await h.click(h.focal['MOI-AL']!, 'consult.agree', round._id))).toMatch(/Recorded for Albania MoI: \*Agree\*/);
    expect((await h.store.audit.history(h.secretariat, 'consultation', round._id)).map((a) => a.action)).toContain('extend');
  });

  it('closes a round early: silence is “no answer”, never agreement; answers stop; the Secretariat gets the digest once', async () => {
    const round = (await h.store.consultations.forProduct('PR-009'))[0]!;
    h.clock.set('2026-12-21T09:00:00Z');
    expect(textOf(await h.say(h.focal['MOI-RS']!, 'consult close PR-009'))).toMatch(/^Sorry, \*consult close\* is for the IISG Secretariat/);
    const said = textOf(await h.say(h.secretariat, 'consult close PR-009'));
    expect(said).toBe(
      `Consultation *${round._id}* on *Methodology on response mapping* is closed. Agree 2 · Agree with comments 0 · Object 1 · No answer 16. Organisations that did not answer are recorded as “no answer”, never as agreement. The digest has gone to the IISG Secretariat.`,
    );
    const closed = (await h.store.consultations.get(round._id))!;
    expect(closed).toMatchObject({ status: 'closed', closedEarly: true, deadline: '2026-12-21' });
    const entries = await h.store.consultations.entries(round._id);
    expect(entries.filter((e) => e.kind === 'no-answer')).toHaveLength(16);
    expect(entries.filter((e) => e.kind === 'no-answer').map((e) => e.orgCode)).not.toContain('MOI-AL');
    const toSecretariat = () => (delivered(), h.received(h.secretariat)).filter((d) => /closed early/.test(d.text));
    expect(toSecretariat().filter((d) => /closed early, on Monday 21 December 2026/.test(d.text))).toHaveLength(1);
    await h.core.products.runConsultationJobs(h.clock.now());
    expect(toSecretariat()).toHaveLength(1);
    expect(textOf(await h.click(h.focal['MOI-ME']!, 'consult.agree', round._id))).toMatch(/closed on Monday 21 December 2026, so nothing was recorded/);
    expect(textOf(await h.say(h.secretariat, 'consult close PR-009'))).toBe(`Consultation ${round._id} is already closed (Monday 21 December 2026).`);
    expect(textOf(await h.say(h.secretariat, 'consult extend PR-009 15.1.2027'))).toMatch(/has closed; open a new round/);
    expect((await h.store.audit.history(h.secretariat, 'consultation', round._id)).map((a) => [a.action, a.actorName])).toEqual(
      expect.arrayContaining([['close-early', 'Sead Hodžić'], ['close', 'Sead Hodžić']]),
    );
  });

  it('shows the seed products’ stage without an invented date', async () => {
    const list = textOf(await h.say(h.board, 'products'));
    expect(list).toContain('*PR-001* Methodology and templates on mapping needs (methodology, v1.0); date not recorded');
    expect(list).not.toMatch(/PR-001[^\n]*since/);
    expect(textOf(await h.say(h.board, 'product PR-001'))).toMatch(/• Date not recorded: \*Adopted\* — by IISG Secretariat \(initial list\) — Listed under "Accomplished Products"/);
  });

  it('lets the Secretariat set the real date and decision reference, audited; nobody else', async () => {
    expect(textOf(await h.say(h.focal['MOI-RS']!, 'product set PR-001 date 12.6.2024'))).toMatch(/^Sorry, \*product set\* is for the IISG Secretariat/);
    expect(textOf(await h.say(h.secretariat, 'product set PR-001 date 12.6.2030'))).toBe('That date is in the future; give the day the stage was reached.');
    expect(textOf(await h.say(h.secretariat, 'product set PR-001 date yesterday-ish'))).toMatch(/is not a date I can read/);
    await h.say(h.secretariat, 'product set PR-001 date 12.6.2024');
    const detail = textOf(await h.say(h.secretariat, 'product set PR-001 reference IISG Board 2024/02'));
    expect(detail).toMatch(/• 12 June 2024: \*Adopted\* — by IISG Secretariat \(initial list\) — reference IISG Board 2024\/02/);
    expect(textOf(await h.say(h.board, 'products'))).toContain('*PR-001* Methodology and templates on mapping needs (methodology, v1.0); since 12 June 2024');
    const audit = await h.store.audit.history(h.secretariat, 'product', 'PR-001');
    expect(audit.slice(-2).map((a) => [a.action, a.actorName, a.note])).toEqual([
      ['stage-record', 'Sead Hodžić', 'adopted on 2024-06-12 (was undated)'],
      ['stage-record', 'Sead Hodžić', 'reference IISG Board 2024/02'],
    ]);
  });
});
