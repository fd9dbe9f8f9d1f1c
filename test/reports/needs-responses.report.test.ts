import { openTestCore, type TestCore } from '../support/test-core';
import { useReportDataset, type Dataset } from './report-dataset';
import { build, expectKosovoRule, renderAll, rowsOf, sheetRows } from './report-formats';

describe('needs and responses reports (real database, realistic year)', () => {
  let t: TestCore;
  let d: Dataset;

  useReportDataset((opened) => ({ t, d } = opened));

  describe('needs', () => {
    it('maps the running cycle by country, theme and priority, with the decision chain', async () => {
      const r = await build(t.core, d.secretariat, 'needs');
      expect(r.title).toBe('Needs mapping 2025-2026');
      const listing = await rowsOf(r, 'Needs');
      // Closed before the cycle (N5) and retired (N12) are not there; closed during the cycle (N2) is.
      expect(listing.map((n) => [n.id, n.priority, n.status, n.change])).toEqual([
        ['NM-2024-AL-001', 'Medium', 'Closed', 'Proposed by the partner → Closed'],
        ['NM-2026-AL-001', 'High', 'Proposed by the partner', 'New'],
        ['NM-2026-AL-002', 'Medium', 'Adopted by the Board', 'New'],
        ['NM-2026-BA-001', 'Medium', 'Proposed by the partner', 'New'],
        ['NM-2026-ME-001', 'Low', 'Proposed by the partner', 'New'],
        ['NM-2024-ME-001', 'High', 'Proposed by the partner', 'priority Low → High'],
        ['NM-2024-RS-001', 'High', 'Discussed by the Support Group', 'Proposed by the partner → Discussed by the Support Group'],
        ['NM-2026-RS-001', 'High', 'Proposed by the partner', 'New'],
        ['NM-2026-RS-002', 'Medium', 'Validated by the Secretariat', 'New'],
        ['NM-2024-XK-001', 'High', 'Validated by the Secretariat', ''],
        ['NM-2026-XK-001', 'High', 'Proposed by the partner', 'New'],
      ]);
      expect(await rowsOf(r, 'By country')).toEqual([
        { key: 'Albania', high: 1, medium: 2, low: 0, proposed: 1, validated: 0, agreed: 0, 'to-board': 0, adopted: 1, returned: 0, rejected: 0, closed: 1, new: 2, total: 3 },
        { key: 'Bosnia and Herzegovina', high: 0, medium: 1, low: 0, proposed: 1, validated: 0, agreed: 0, 'to-board': 0, adopted: 0, returned: 0, rejected: 0, closed: 0, new: 1, total: 1 },
        { key: 'Kosovo*', high: 2, medium: 0, low: 0, proposed: 1, validated: 1, agreed: 0, 'to-board': 0, adopted: 0, returned: 0, rejected: 0, closed: 0, new: 1, total: 2 },
        { key: 'Montenegro', high: 1, medium: 0, low: 1, proposed: 2, validated: 0, agreed: 0, 'to-board': 0, adopted: 0, returned: 0, rejected: 0, closed: 0, new: 1, total: 2 },
        { key: 'Serbia', high: 2, medium: 1, low: 0, proposed: 1, validated: 1, agreed: 1, 'to-board': 0, adopted: 0, returned: 0, rejected: 0, closed: 0, new: 2, total: 3 },
      ]);
      expect(r.tables[1]!.totals).toEqual({ key: 'Total', high: 6, medium: 4, low: 1, proposed: 6, validated: 2, agreed: 1, 'to-board': 0, adopted: 1, returned: 0, rejected: 0, closed: 1, new: 7, total: 11 });
      expect((await rowsOf(r, 'By theme')).map((x) => [x.key, x.total])).toEqual([
        ['Border checks', 2],
        ['Border surveillance', 2],
        ['Risk analysis', 1],
        ['Information exchange and IT systems', 1],
        ['Document security', 1],
        ['Migrant smuggling', 1],
        ['Firearms', 1],
        ['Training', 1],
        ['Equipment and infrastructure', 1],
      ]);
      expect(r.summary).toEqual([
        '11 needs in the 2025-2026 mapping: 6 high, 4 medium, 1 low priority.',
        'Decision chain: 6 proposed, 2 validated by the Secretariat, 1 discussed by the Support Group, 1 adopted by the Board, 1 closed.',
        'Since 2023-2024: 7 new, 1 moved on in the decision chain, 1 closed, 1 changed priority.',
        'By country: Albania 3, Serbia 3, Kosovo* 2, Montenegro 2 and Bosnia and Herzegovina 1.',
        'Needs attention: 4 high-priority needs still only proposed (not yet validated).',
      ]);
    });

    it('lists what changed since the previous cycle, from the version history', async () => {
      const r = await build(t.core, d.secretariat, 'needs 2025-2026');
      expect((await rowsOf(r, 'Changes')).map((c) => [c.id, c.change, c.previous, c.status])).toEqual([
        ['NM-2024-AL-001', 'Proposed by the partner → Closed', 'Proposed by the partner', 'Closed'],
        ['NM-2024-ME-001', 'priority Low → High', 'Proposed by the partner', 'Proposed by the partner'],
        ['NM-2024-RS-001', 'Proposed by the partner → Discussed by the Support Group', 'Proposed by the partner', 'Discussed by the Support Group'],
        ['NM-2026-AL-001', 'New', '', 'Proposed by the partner'],
        ['NM-2026-AL-002', 'New', '', 'Adopted by the Board'],
        ['NM-2026-BA-001', 'New', '', 'Proposed by the partner'],
        ['NM-2026-ME-001', 'New', '', 'Proposed by the partner'],
        ['NM-2026-RS-001', 'New', '', 'Proposed by the partner'],
        ['NM-2026-RS-002', 'New', '', 'Validated by the Secretariat'],
        ['NM-2026-XK-001', 'New', '', 'Proposed by the partner'],
      ]);
      const previous = await build(t.core, d.secretariat, 'needs 2023/24');
      expect((await rowsOf(previous, 'Needs')).map((n) => [n.id, n.change])).toEqual([
        ['NM-2024-AL-001', 'New'],
        ['NM-2024-ME-001', 'New'],
        ['NM-2024-MK-001', 'New'],
        ['NM-2024-RS-001', 'New'],
        ['NM-2024-XK-001', 'New'],
      ]);
    });

    it('filters by country and theme, and explains bad options', async () => {
      const serbia = await build(t.core, d.secretariat, 'needs Serbia border surveillance');
      expect((await rowsOf(serbia, 'Needs')).map((n) => n.id)).toEqual(['NM-2024-RS-001', 'NM-2026-RS-001']);
      expect(serbia.subtitle).toContain('(Serbia, Border surveillance)');
      expect((await rowsOf(await build(t.core, d.secretariat, 'needs xk'), 'Needs')).map((n) => n.id)).toEqual(['NM-2024-XK-001', 'NM-2026-XK-001']);
      const bad = async (args: string[]) => t.core.reports.prepare(d.secretariat, 'needs', args);
      expect(await bad(['regional'])).toEqual({ ok: false, message: expect.stringMatching(/^Needs are stated per partner.*Usage: \*report needs \[cycle\] \[country\] \[theme\]\*/) });
      expect(await bad(['2026-Q9'])).toEqual({ ok: false, message: expect.stringMatching(/^I did not understand "2026-Q9"\./) });
      expect(await bad(['border'])).toEqual({ ok: false, message: expect.stringMatching(/fits several themes \(Border checks; Border surveillance; Other cross-border crime\)/) });
    });

    it("carries its own core's import sheet, whatever other core the process built and closed since", async () => {
      const other = await openTestCore();
      await other.close();
      const out = await renderAll(await build(t.core, d.secretariat, 'needs'));
      expect(sheetRows(out.xlsx, 'Import needs').flat()).toContain('NM-2026-RS-001');
    });

    it('renders every format', async () => {
      const out = await renderAll(await build(t.core, d.secretariat, 'needs'));
      expectKosovoRule(out);
      expect(out.xlsx.worksheets.map((w) => w.name)).toEqual(['About', 'Needs', 'By country', 'By theme', 'Changes', 'Import needs']);
      expect(sheetRows(out.xlsx, 'By country')[3]).toEqual(['Kosovo*', 2, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 2]);
      expect(out.csv.Needs!.filter((row) => row[1] === 'Kosovo*').map((row) => row[0])).toEqual(['NM-2024-XK-001', 'NM-2026-XK-001']);
      expect(out.json.tables[3]!.rows).toHaveLength(10);
    });
  });

  describe('responses', () => {
    it('maps who does what where in a year, with budgets (cancelled left out of the totals)', async () => {
      const r = await build(t.core, d.secretariat, 'responses 2026');
      const listing = await rowsOf(r, 'Responses');
      expect(listing.map((x) => [x.title, x.budget, x.status])).toEqual([
        ['Vehicles, second lot', 500_000, 'Pipeline'],
        ['Smuggling investigations course', 90_000, 'Cancelled'],
        ['Vehicles for the Border Police', null, 'Pipeline'],
        ['PNR connectivity', 300_000, 'Pipeline'],
        ['Surveillance technical assistance', 800_000, 'Implementation'],
        ['Border checks training', 150_000, 'Finalisation'],
        ['EU4BorderSecurity equipment', 1_200_000, 'Implementation'],
        ['Regional cooperation grant', 2_000_000, 'Implementation'],
      ]);
      expect(listing[0]).toMatchObject({ providers: 'GIZ, OSCE Mission to BiH', beneficiaries: 'Bosnia and Herzegovina', needs: `${d.ids.N10} (full)`, start: '2026-10-01', end: null });
      expect(await rowsOf(r, 'By provider')).toEqual([
        { key: 'GIZ', responses: 3, budget: 3_700_000 },
        { key: 'DG NEAR', responses: 2, budget: 2_800_000 },
        { key: 'OSCE Mission to BiH', responses: 2, budget: 500_000 },
        { key: 'UNODC', responses: 1, budget: 300_000 },
        { key: 'Austria MoI', responses: 1, budget: 150_000 },
      ]);
      expect(await rowsOf(r, 'By country')).toEqual([
        { key: 'Albania', responses: 1, budget: 150_000 },
        { key: 'Bosnia and Herzegovina', responses: 2, budget: 500_000 },
        { key: 'Kosovo*', responses: 1, budget: 300_000 },
        { key: 'Serbia', responses: 2, budget: 2_000_000 },
        { key: 'Regional (all six)', responses: 1, budget: 2_000_000 },
      ]);
      expect(await rowsOf(r, 'By status')).toEqual([
        { key: 'Pipeline', responses: 3, budget: 800_000 },
        { key: 'Implementation', responses: 3, budget: 4_000_000 },
        { key: 'Finalisation', responses: 1, budget: 150_000 },
        { key: 'Cancelled', responses: 1, budget: 90_000 },
      ]);
      expect(r.tables[5]!.totals).toEqual({ key: 'Total', responses: 8, budget: 5_040_000 });
      expect(r.summary).toEqual([
        '7 responses (2026), EUR 4,950,000 in total; 1 cancelled not counted.',
        'By status: 3 pipeline, 3 implementation, 1 finalisation, 1 cancelled.',
        'Largest providers: GIZ EUR 3,700,000 (3), DG NEAR EUR 2,800,000 (2) and OSCE Mission to BiH EUR 500,000 (2).',
        'By beneficiary: Serbia EUR 2,000,000 (2), Regional (all six) EUR 2,000,000 (1), Bosnia and Herzegovina EUR 500,000 (2), Kosovo* EUR 300,000 (1) and Albania EUR 150,000 (1).',
        'Needs attention: 1 response without a budget.',
      ]);
    });

    it('filters by year, provider and country', async () => {
      expect((await build(t.core, d.secretariat, 'responses all')).summary[0]).toBe('8 responses (all years), EUR 5,000,000 in total; 1 cancelled not counted.');
      expect((await build(t.core, d.secretariat, 'responses 2025')).summary[0]).toBe('2 responses (2025), EUR 2,050,000 in total.');
      expect((await build(t.core, d.board, 'responses 2026 giz')).summary[0]).toBe('3 responses (2026, GIZ), EUR 3,700,000 in total.');
      const kosovo = await build(t.core, d.secretariat, 'responses Kosovo provider=UNODC');
      expect((await rowsOf(kosovo, 'Responses')).map((x) => x.title)).toEqual(['PNR connectivity']);
    });

    it('renders budgets as numbers with a EUR format', async () => {
      const out = await renderAll(await build(t.core, d.secretariat, 'responses 2026'));
      expectKosovoRule(out);
      expect(out.xlsx.worksheets.map((w) => w.name)).toEqual(['About', 'Responses', 'By provider', 'By country', 'By theme', 'By type', 'By status', 'Import responses']);
      const ws = out.xlsx.getWorksheet('By provider')!;
      expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C2').value, ws.getCell('C2').numFmt]).toEqual(['GIZ', 3, 3_700_000, '"EUR "#,##0']);
      expect(sheetRows(out.xlsx, 'By status')[5]).toEqual(['Total', 8, 5_040_000]);
      expect(out.csv['By provider']!.slice(0, 3)).toEqual([['Provider', 'Responses', 'Budget'], ['GIZ', '3', '3700000'], ['DG NEAR', '2', '2800000']]);
      expect(out.md).toContain('| GIZ | 3 | EUR 3,700,000 |');
      expect(out.json.tables[0]!.rows.map((x) => x.budget)).toEqual([500_000, 90_000, null, 300_000, 800_000, 150_000, 1_200_000, 2_000_000]);
    });
  });
});
