import { SEED_PRODUCTS, SKIPPED_SEED_BULLETS } from '../../src/products/seed-products';
import { textOf } from '../support/test-core';
import { openProductsHarness, secondInstance, SLACK_CHANNEL, TEAMS_CHANNEL, type ProductsHarness } from './harness';

/**
 * Products, their stages and the Secretariat's stage moves, through the core of the real app on the
 * real database; its posts to the Support Group channels go through the Slack and Teams notifiers.
 */
describe('products', () => {
  let h: ProductsHarness;
  beforeAll(async () => {
    h = await openProductsHarness('2026-12-02T09:00:00Z');
  });
  afterAll(() => h.close());

  it('loads the products of the WBBSi page once at start; instances starting later load nothing more', async () => {
    const second = await secondInstance(h);
    try {
      expect(await Promise.all([h.core.products.seed(), second.service.seed()])).toEqual([0, 0]);
    } finally {
      await second.close();
    }
    const products = await h.core.products.list();
    expect(products.map((p) => p._id)).toEqual(SEED_PRODUCTS.map((_s, i) => `PR-${String(i + 1).padStart(3, '0')}`));
    const byStage = (stage: string) => products.filter((p) => p.stage === stage).map((p) => p.title);
    expect(byStage('adopted')).toEqual([
      'Methodology and templates on mapping needs',
      'Methodology on becoming an IISG member',
      'Review of the relevant WB and EU documents related to the WBBSi pillar',
      'Governing bodies in the WB',
      'Communication Strategy and Action Plan',
      'Mapping needs report',
      'Narrative reporting on WBBSi needs mapping',
    ]);
    expect(byStage('drafting')).toEqual([
      'Response mapping report',
      'Methodology on response mapping',
      'Methodology on IISG database',
      'Analysing the IISG database',
      'Methodology on Support Group contribution and procedures',
    ]);
    for (const skipped of SKIPPED_SEED_BULLETS) expect(products.map((p) => p.title.toLowerCase())).not.toContain(skipped.toLowerCase());
    expect(products.every((p) => p.ownerOrg === 'IISG-SEC' && p.version === '1.0' && p.stageHistory.length === 1)).toBe(true);
    // A product added later never collides with a seed.
    const added = await h.core.products.add(h.secretariat, { kind: 'template', title: 'Template for the annual response mapping' });
    expect(added._id).toBe('PR-013');
    expect(added.stage).toBe('drafting');
  });

  it('lists products by stage for everyone, a Board member included', async () => {
    const text = textOf(await h.say(h.board, 'products'));
    const drafting = text.indexOf('*Drafting* (6)');
    const adopted = text.indexOf('*Adopted* (7)');
    expect(drafting).toBeGreaterThan(-1);
    expect(adopted).toBeGreaterThan(drafting);
    expect(text.slice(drafting, adopted)).toContain('*PR-009* Methodology on response mapping (methodology, v1.0)');
    expect(text.slice(adopted)).toContain('*PR-005* Communication Strategy and Action Plan (strategy, v1.0)');
    expect(text.slice(adopted)).not.toContain('PR-009');
  });

  it('refuses members politely: no round, no stage change, no product edits, no digest', async () => {
    const member = h.focal['MOI-RS']!;
    const refused: [string, string][] = [
      ['consult PR-009', 'consult'],
      ['consult status PR-009', 'consult status'],
      ['product propose PR-009', 'product propose'],
      ['product decide PR-009 adopted', 'product decide'],
      ['product add report X', 'product add'],
    ];
    for (const [command, name] of refused) {
      expect(textOf(await h.say(member, command))).toBe(`Sorry, *${name}* is for the IISG Secretariat. Type *mine* to see your own organisation's status.`);
    }
    const p = (await h.core.products.get('PR-009'))!;
    await expect(h.core.products.openRound(member, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.core.products.propose(member, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.core.products.decide(member, p, 'adopted')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.store.products.setStage(member, p._id, 'adopted', { expectRevision: p.revision })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(textOf(await h.click(member, 'consult.export', 'CR-2026-001|xlsx'))).toMatch(/^Sorry, the consultation digest is for the IISG Secretariat/);
    expect((await h.core.products.get('PR-009'))!.stage).toBe('drafting');
  });

  it('follows the decision chain: no proposal before a consultation, no decision before a proposal', async () => {
    expect(textOf(await h.say(h.secretariat, 'product propose PR-010'))).toBe('*PR-010* is drafting: consult the members first (*consult PR-010*).');
    expect(textOf(await h.say(h.secretariat, 'product decide PR-010 adopted'))).toMatch(/the Board decides only on a product proposed to it/);
    expect(textOf(await h.say(h.secretariat, 'consult PR-001'))).toMatch(/is adopted: that decision is final/);
    expect(textOf(await h.say(h.secretariat, 'consult response mapping'))).toBe(
      'Which one?\n• *PR-008* Response mapping report\n• *PR-009* Methodology on response mapping\n• *PR-013* Template for the annual response mapping\nGive the id, e.g. *PR-008*.',
    );
  });

  it('records proposals and Board decisions with dates and references, posts each to both channels once, and audits them', async () => {
    const opened = await h.say(h.secretariat, 'consult methodology response mapping 2026-12-09');
    expect(textOf(opened)).toMatch(/^Consultation \*CR-2026-001\* on \*Methodology on response mapping\* is open until \*Wednesday 9 December 2026\*/);
    expect(textOf(await h.say(h.secretariat, 'product propose PR-009'))).toMatch(/^Consultation CR-2026-001 is open until Wednesday 9 December 2026; propose \*PR-009\* to the Board once it has closed\./);
    h.clock.set('2026-12-10T08:00:00Z');
    await h.core.products.runConsultationJobs(h.clock.now()); // closes the round
    const proposed = textOf(await h.say(h.secretariat, 'product propose PR-009'));
    expect(proposed).toBe(`*PR-009 Methodology on response mapping* is now proposed to the IISG Board. Posted to the Support Group channel (Slack ${SLACK_CHANNEL} and Teams ${TEAMS_CHANNEL}).`);
    h.clock.set('2027-01-20T14:00:00Z');
    const decided = textOf(await h.say(h.secretariat, 'product decide PR-009 adopted IISG Board 2027/01'));
    expect(decided).toMatch(/^Recorded: the IISG Board has adopted \*PR-009 Methodology on response mapping\* \(reference IISG Board 2027\/01\)\. Posted/);

    // The job retries failed posts only: nothing goes out twice.
    await h.core.products.runConsultationJobs(h.clock.now());
    h.app.log.mark(h.clock.now());
    for (const channel of [SLACK_CHANNEL, TEAMS_CHANNEL]) {
      // As rendered: Slack mrkdwn in blocks, Teams card markdown (** for bold).
      const posts = h.app.log.in(channel).map((d) => d.text.replace(/\*\*/g, '*'));
      expect(posts).toHaveLength(2);
      expect(posts[0]).toMatch(/^\*PR-009 Methodology on response mapping \(methodology, v1\.0\)\* is proposed to the IISG Board by the Support Group\.\n+Consultation: CR-2026-001, Agree 0 · Agree with comments 0 · Object 0 · No answer 19\./);
      expect(posts[1]).toBe('The IISG Board has *adopted* *PR-009 Methodology on response mapping (methodology, v1.0)*. Decision reference: IISG Board 2027/01.');
    }

    const p = (await h.core.products.get('PR-009'))!;
    expect(p.stage).toBe('adopted');
    expect(p.stageHistory.map((e) => [e.stage, e.at.toISOString(), e.byName, e.reference ?? null, e.roundId ?? null])).toEqual([
      ['drafting', '2026-12-02T09:00:00.000Z', 'IISG Secretariat (initial list)', null, null],
      ['consultation', '2026-12-02T09:00:00.000Z', 'Sead Hodžić', null, 'CR-2026-001'],
      ['proposed', '2026-12-10T08:00:00.000Z', 'Sead Hodžić', null, null],
      ['adopted', '2027-01-20T14:00:00.000Z', 'Sead Hodžić', 'IISG Board 2027/01', null],
    ]);
    const audit = await h.store.audit.history(h.secretariat, 'product', 'PR-009');
    expect(audit.map((a) => [a.action, a.actorName, a.changes.find((c) => c.field === 'stage') ?? null, a.note ?? null])).toEqual([
      ['create', 'IISG Secretariat (initial list)', { field: 'stage', from: 'null', to: '"drafting"' }, 'Listed under "Products in process" on the WBBSi page (initial list).'],
      ['stage', 'Sead Hodžić', { field: 'stage', from: '"drafting"', to: '"consultation"' }, 'round CR-2026-001; answers due 2026-12-09'],
      ['stage', 'Sead Hodžić', { field: 'stage', from: '"consultation"', to: '"proposed"' }, null],
      ['stage', 'Sead Hodžić', { field: 'stage', from: '"proposed"', to: '"adopted"' }, 'reference IISG Board 2027/01'],
    ]);
    expect((await h.store.products.versions('PR-009')).map((v) => [v.revision, v.data.stage])).toEqual([
      [1, 'drafting'],
      [2, 'consultation'],
      [3, 'proposed'],
      [4, 'adopted'],
    ]);
    const detail = textOf(await h.say(h.focal['MOI-ME']!, 'product PR-009'));
    expect(detail).toContain('20 January 2027: *Adopted* — by Sead Hodžić — reference IISG Board 2027/01');
    expect(detail).toContain('Consultations: CR-2026-001 (closed Wednesday 9 December 2026)');
  });

  it('lets a returned product go back to consultation, and refuses two simultaneous moves of the same revision', async () => {
    const p = (await h.core.products.get('PR-010'))!;
    const moves = await Promise.allSettled([h.core.products.openRound(h.secretariat, p), h.core.products.openRound(h.secretariat, p)]);
    expect(moves.filter((m) => m.status === 'fulfilled')).toHaveLength(1);
    expect(moves.find((m) => m.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect((await h.store.consultations.forProduct('PR-010')).length).toBe(1);
    h.clock.set('2027-02-10T08:00:00Z');
    await h.core.products.runConsultationJobs(h.clock.now());
    await h.say(h.secretariat, 'product propose PR-010');
    expect(textOf(await h.say(h.secretariat, 'product decide methodology iisg database returned Board 2027/02'))).toMatch(/has returned \*PR-010/);
    // CR-2027-001 and -002 went to the two simultaneous attempts above (the loser's id is not reused).
    expect(textOf(await h.say(h.secretariat, 'consult PR-010'))).toMatch(/^Consultation \*CR-2027-003\* on \*Methodology on IISG database\* is open/);
    expect((await h.core.products.get('PR-010'))!.stageHistory.map((e) => e.stage)).toEqual(['drafting', 'consultation', 'proposed', 'returned', 'consultation']);
  });
});
