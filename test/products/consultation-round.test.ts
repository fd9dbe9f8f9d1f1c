import type { Actor } from '../../src/domain/actor';
import type { ProductsService } from '../../src/products/products.service';
import type { Delivered } from '../support/delivery-log';
import { textOf } from '../support/test-core';
import { countBy, ON_TEAMS, openProductsHarness, secondInstance, UNREACHABLE, type ProductsHarness } from './harness';

/**
 * One consultation round on "Methodology on response mapping", opened Wednesday 2 December 2026
 * 10:00 Sarajevo with the default deadline: 10 working days → Wednesday 16 December; reminder 3
 * working days before → Friday 11 December, 10:00 on each person's clock; the round closes at
 * midnight after the deadline (23:00 UTC). Every job run is repeated and raced against a second
 * instance over the same database, as several app instances would. Requests, reminders and the
 * digest go through the real Slack and Teams notifiers to the stand-ins (one focal point is on
 * Teams; RCC's has no chat id, so its messages fail, wait for the ledger's retry and are listed).
 */
describe('a consultation round (real database, two instances)', () => {
  let h: ProductsHarness;
  let second: { service: ProductsService; close(): Promise<void> };
  let marko: Actor;
  let elira: Actor;
  const ROUND = 'CR-2026-001';

  /** Three runs at once (two on this instance, one on the other), then one more. */
  async function runAt(iso: string): Promise<void> {
    h.clock.set(iso);
    const at = h.clock.now();
    await Promise.all([h.core.products.runConsultationJobs(at), h.core.products.runConsultationJobs(at), second.service.runConsultationJobs(at)]);
    await h.core.products.runConsultationJobs(at);
    h.app.log.mark(at);
  }
  const of = (step: 'consults' | 'a reminder') =>
    h.app.log.all.filter((d) => d.by === 'job' && d.conversation !== 'DSEAD' && d.text.includes(step === 'consults' ? 'consults the Support Group' : 'a reminder: the consultation'));
  const personOf = (d: Delivered) => h.personOf(d).personId;
  const orgOf = async (d: Delivered) => h.personOf(d).orgCode;

  beforeAll(async () => {
    h = await openProductsHarness('2026-12-02T09:00:00Z');
    second = await secondInstance(h);
    marko = await h.person({ name: 'Marko Jovanović', email: 'marko@mup.rs', orgCode: 'MOI-RS', deputyOf: h.focal['MOI-RS']!.personId });
    await h.person({ name: 'Focal MOI-AL', email: 'focal@moi-al.example', orgCode: 'MOI-AL', awayUntil: '2026-12-31', slackId: 'UMOIAL' });
    elira = await h.person({ name: 'Elira Dervishi', email: 'elira@asp.gov.al', orgCode: 'MOI-AL', deputyOf: h.focal['MOI-AL']!.personId, slackId: 'U0ELIRA' });
    await h.person({ name: 'Focal GIZ', email: 'focal@giz.example', orgCode: 'GIZ', timezone: 'America/New_York', slackId: 'UGIZ' });
  });
  afterAll(async () => {
    await second.close();
    await h.close();
  });

  it('opens with the default deadline of 10 working days and moves the product into consultation', async () => {
    const reply = await h.say(h.secretariat, 'consult methodology on response mapping');
    expect(textOf(reply)).toBe(
      `Consultation *${ROUND}* on *Methodology on response mapping* is open until *Wednesday 16 December 2026*. I am asking the 19 member organisations now; the silent ones get one reminder on Friday 11 December 2026. Silence at the deadline counts as “no answer”. Type *consult status PR-009* to follow the answers.`,
    );
    expect(reply.later).toBeDefined();
    expect((await h.core.products.get('PR-009'))!.stage).toBe('consultation');
  });

  it('asks every member organisation exactly once, in a direct message to its focal point (the deputy while away)', async () => {
    await runAt('2026-12-02T09:00:00Z');
    await runAt('2026-12-02T09:15:00Z');
    const asks = of('consults');
    expect(asks).toHaveLength(18); // and RCC's focal point, who cannot be reached
    const byOrg = countBy(await Promise.all(asks.map(orgOf)), (o) => o);
    expect(Object.keys(byOrg)).toHaveLength(18);
    expect(byOrg[UNREACHABLE]).toBeUndefined();
    expect(Object.values(byOrg).every((n) => n === 1)).toBe(true);
    expect(asks.map(personOf)).not.toContain(h.focal['MOI-AL']!.personId);
    expect(asks.map(personOf)).not.toContain(marko.personId);
    const toElira = asks.find((s) => personOf(s) === elira.personId)!;
    expect(toElira.platform).toBe('slack');
    expect(toElira.text).toContain('Please answer for Albania MoI by *Wednesday 16 December 2026*');
    expect(toElira.text).toContain('You receive this as deputy of Focal MOI-AL, who is away until Thursday 31 December 2026.');
    expect(toElira.actions).toEqual([`consult.agree:${ROUND}`, `consult.agree-comments:${ROUND}`, `consult.object:${ROUND}`, `consult.comment:${ROUND}`]);
    const toKosovo = asks.find((s) => personOf(s) === h.focal[ON_TEAMS]!.personId)!;
    expect(toKosovo.platform).toBe('teams');
    expect(toKosovo.text).toContain('Please answer for Kosovo* MoI by');
    expect(toKosovo.text).toContain('This designation is without prejudice to positions on status');
    expect(toKosovo.buttons).toEqual(['Agree', 'Agree with comments', 'Object', 'Add a comment']);
    const ledger = await h.store.deliveries.list({ kind: 'consult-ask' });
    expect(countBy(ledger, (d) => d.status)).toEqual({ sent: 18, failed: 1 });
    expect(ledger.find((d) => d.status === 'failed')).toMatchObject({ recipient: `person:${h.focal[UNREACHABLE]!.personId}`, attempts: 1, nextAttemptAt: new Date('2026-12-03T09:00:00Z') });
  });

  it('stores answers and comments per organisation; the last answer counts and the history is kept', async () => {
    h.clock.set('2026-12-03T10:00:00Z');
    const rs = h.focal['MOI-RS']!;
    const me = h.focal['MOI-ME']!;
    expect(textOf(await h.click(rs, 'consult.agree-comments', ROUND))).toMatch(/^Thank you\. Recorded for Serbia MoI: \*Agree with comments\* on \*Methodology on response mapping\*\.\nWhich section, and your comment\?/);
    expect(textOf(await h.say(rs, `comment ${ROUND} 2.1: The risk analysis chapter should cite Frontex CIRAM.`))).toMatch(/^Thank you\. Your comment on section 2\.1 is recorded for Serbia MoI \(1 so far\)/);
    expect(textOf(await h.say(marko, 'comment section 3.4: Add the green border.'))).toMatch(/section 3\.4 is recorded for Serbia MoI \(2 so far\)/);
    await h.click(me, 'consult.agree', ROUND);
    await h.say(me, 'comment general: Please add a glossary.');
    expect(textOf(await h.click(me, 'consult.object', ROUND))).toMatch(/Recorded for Montenegro MoI: \*Object\* \(instead of “Agree”\)/);
    expect(textOf(await h.say(me, 'comment 2.2: see the RESTREINT UE annex'))).toMatch(/carries the marking "RESTREINT UE"/);
    await h.click(h.focal['MOI-XK']!, 'consult.agree', ROUND);
    const giz = textOf(await h.say(h.focal.GIZ!, `comment ${ROUND} all: Happy to co-fund the pilot.`));
    expect(giz).toMatch(/the document as a whole is recorded for GIZ \(1 so far\)[\s\S]*GIZ has not answered yet/);
    expect(textOf(await h.click(h.secretariat, 'consult.agree', ROUND))).toBe(`Sorry, only the member organisations consulted in ${ROUND} can answer it.`);
    expect(textOf(await h.click(h.board, 'consult.object', ROUND))).toBe(`Sorry, only the member organisations consulted in ${ROUND} can answer it.`);
    expect(textOf(await h.click(rs, 'consult.comment', ROUND))).toMatch(new RegExp(`^Which section, and your comment\\? Type \\*comment ${ROUND} <section>: <your comment>\\*`));

    const entries = await h.store.consultations.entries(ROUND);
    const summary = (org: string) => entries.filter((e) => e.orgCode === org).map((e) => [e.kind, e.answer ?? e.section, e.personName]);
    expect(summary('MOI-RS')).toEqual([
      ['answer', 'agree-comments', 'Focal MOI-RS'],
      ['comment', '2.1', 'Focal MOI-RS'],
      ['comment', '3.4', 'Marko Jovanović'],
    ]);
    expect(summary('MOI-ME')).toEqual([
      ['answer', 'agree', 'Focal MOI-ME'],
      ['comment', 'general', 'Focal MOI-ME'],
      ['answer', 'object', 'Focal MOI-ME'],
    ]);
    expect(summary('GIZ')).toEqual([['comment', 'general', 'Focal GIZ']]);
    const status = textOf(await h.say(h.secretariat, 'consult status PR-009'));
    expect(status).toContain('*Agree 1 · Agree with comments 1 · Object 1 · Not answered yet 16* — 19 organisations asked, 4 comment(s).');
    expect(status).toContain('Object (1): Montenegro MoI');
  });

  it('reminds each silent organisation once, at 10:00 on the reminder day on the reader’s clock', async () => {
    await runAt('2026-12-11T08:45:00Z');
    expect(of('a reminder')).toHaveLength(0);
    await runAt('2026-12-11T09:00:00Z');
    await runAt('2026-12-11T09:15:00Z');
    const early = await Promise.all(of('a reminder').map(orgOf));
    expect(early).toHaveLength(14); // and RCC's, which cannot be delivered
    expect(early).not.toEqual(expect.arrayContaining(['MOI-RS']));
    expect(early.filter((o) => ['MOI-RS', 'MOI-ME', 'MOI-XK', 'GIZ'].includes(o))).toEqual([]);
    await runAt('2026-12-11T15:00:00Z'); // 10:00 in New York
    h.clock.set('2026-12-14T10:00:00Z');
    await h.click(h.focal['DG-NEAR']!, 'consult.agree', ROUND);
    await runAt('2026-12-14T10:15:00Z');
    await runAt('2026-12-16T22:45:00Z');
    const reminders = of('a reminder');
    const byOrg = countBy(await Promise.all(reminders.map(orgOf)), (o) => o);
    expect(Object.keys(byOrg).sort()).toEqual(['BMI-AT', 'DCAF', 'DG-NEAR', 'EU-JHA', 'FR-RSC', 'GIZ', 'IT-MOI', 'MNZ-SI', 'MOI-AL', 'MOI-MK', 'MOS-BA', 'OSCE-BIH', 'PCC-SEE', 'UK-RSC', 'UNODC']);
    expect(Object.values(byOrg).every((n) => n === 1)).toBe(true);
    const toUnodc = reminders.find((s) => personOf(s) === h.focal.UNODC!.personId)!;
    expect(toUnodc.text).toContain('UNODC has not answered yet. The consultation closes on *Wednesday 16 December 2026*.');
    const toGiz = reminders.find((s) => h.personOf(s).orgCode === 'GIZ')!;
    expect(toGiz.at.toISOString()).toBe('2026-12-11T15:00:00.000Z');
    expect(toGiz.text).toContain('closes on *Wednesday 16 December 2026, 18:00 your time*');
    expect(of('consults')).toHaveLength(18);
    // RCC's request and reminder wait for a retry the ledger schedules a day after each failure.
    const rcc = (await h.store.deliveries.list()).filter((d) => d.recipient === `person:${h.focal[UNREACHABLE]!.personId}`);
    expect(rcc.map((d) => [d.kind, d.status])).toEqual([['consult-ask', 'failed'], ['consult-remind', 'failed']]);
  });

  it('records silence as "no answer" at the deadline and sends the Secretariat one digest, comments grouped by organisation', async () => {
    h.clock.set('2026-12-16T22:59:30Z');
    await h.click(h.focal.UNODC!, 'consult.agree', ROUND); // in time: 23:59:30 in Sarajevo
    await runAt('2026-12-16T22:59:45Z');
    expect((await h.store.consultations.get(ROUND))!.status).toBe('open');
    await runAt('2026-12-16T23:00:00Z');
    await runAt('2026-12-17T08:00:00Z');

    expect((await h.store.consultations.get(ROUND))!.status).toBe('closed');
    const silent = (await h.store.consultations.entries(ROUND)).filter((e) => e.kind === 'no-answer').map((e) => e.orgCode).sort();
    expect(silent).toEqual(['BMI-AT', 'DCAF', 'EU-JHA', 'FR-RSC', 'GIZ', 'IT-MOI', 'MNZ-SI', 'MOI-AL', 'MOI-MK', 'MOS-BA', 'OSCE-BIH', 'PCC-SEE', 'RCC', 'UK-RSC']);
    expect((await h.store.audit.history(h.secretariat, 'consultation', ROUND)).map((a) => a.action)).toEqual(['open', 'close']);
    expect(textOf(await h.click(elira, 'consult.agree', ROUND))).toMatch(/^The consultation CR-2026-001 on \*Methodology on response mapping\* closed on Wednesday 16 December 2026, so nothing was recorded\./);

    const digests = h.received(h.secretariat);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.platform).toBe('slack');
    const text = digests[0]!.text;
    expect(text).toMatch(/^Dear Sead, the consultation \*CR-2026-001\* on \*Methodology on response mapping\* \(version 1\.0\) closed on Wednesday 16 December 2026\.\n\*Agree 3 · Agree with comments 1 · Object 1 · No answer 14\*\n\*Object:\* Montenegro MoI\n/);
    const blocks = [
      'GIZ — no answer:\n• general: Happy to co-fund the pilot. (Focal GIZ)',
      'Montenegro MoI — object:\n• general: Please add a glossary. (Focal MOI-ME)',
      'Serbia MoI — agree with comments:\n• 2.1: The risk analysis chapter should cite Frontex CIRAM. (Focal MOI-RS)\n• 3.4: Add the green border. (Marko Jovanović)',
    ];
    const at = blocks.map((b) => text.indexOf(b));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain('RESTREINT');
    expect(digests[0]!.actions).toEqual([`consult.export:${ROUND}|xlsx`, `consult.export:${ROUND}|csv`, `consult.export:${ROUND}|md`]);
    expect((await h.store.deliveries.list({ kind: 'consult-digest' })).map((d) => d.status)).toEqual(['sent']);
  });

  it('exports the digest as a report: a row per organisation and the comments grouped by organisation', async () => {
    const csv = await h.click(h.secretariat, 'consult.export', `${ROUND}|csv`);
    expect(csv.files!.map((f) => f.name)).toEqual(['wbbsi-consultation-cr-2026-001-2026-12-17-answers.csv', 'wbbsi-consultation-cr-2026-001-2026-12-17-comments.csv']);
    const answers = csv.files![0]!.content.toString('utf8');
    expect(answers).toContain('Montenegro MoI,Object,Focal MOI-ME,');
    expect(answers).toMatch(/Kosovo\* MoI,Agree,Focal MOI-XK,/);
    expect(answers).toContain('UNODC,Agree,Focal UNODC,');
    expect(answers).toContain('RCC,No answer,,,0,0');
    const comments = csv.files![1]!.content.toString('utf8').split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',').slice(0, 3).join(','));
    expect(comments).toEqual(['GIZ,No answer,general', 'Montenegro MoI,Object,general', 'Serbia MoI,Agree with comments,2.1', 'Serbia MoI,Agree with comments,3.4']);
    const xlsx = await h.say(h.secretariat, 'consult export PR-009');
    expect(xlsx.files![0]!.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.files![0]!.content.subarray(0, 2).toString()).toBe('PK');
    const md = (await h.say(h.secretariat, 'consult export response mapping methodology md')).files![0]!.content.toString('utf8');
    expect(md).toContain('## Comments by organisation');
    expect(md).toContain('| Serbia MoI | Agree with comments | 3.4 | Add the green border. | Marko Jovanović |');
    expect(textOf(await h.say(h.secretariat, 'consult status PR-009'))).toContain('No answer (14): ');
    expect((await h.core.products.get('PR-009'))!.stage).toBe('consultation');
  });
});
