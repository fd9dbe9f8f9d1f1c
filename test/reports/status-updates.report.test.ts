import { KOSOVO_FOOTNOTE } from '../../src/domain/kosovo';
import type { TestCore } from '../support/test-core';
import { useReportDataset, type Dataset } from './report-dataset';
import { build, expectKosovoRule, renderAll, rowsOf, sheetRows } from './report-formats';

describe('status and updates reports (real database, realistic year)', () => {
  let t: TestCore;
  let d: Dataset;

  useReportDataset((opened) => ({ t, d } = opened));

  describe('status', () => {
    it('grids the 19 organisations over the last four quarters: reported with counts, nil return, exempt, overdue, due', async () => {
      const r = await build(t.core, d.secretariat, 'status');
      expect(r.subtitle).toBe('2026-Q1 to 2026-Q4, 19 organisations');
      const grid = await rowsOf(r, 'Status');
      expect(grid).toHaveLength(19);
      const row = (name: string) => grid.find((g) => g.organisation === name);
      expect(row('Serbia MoI')).toEqual({ organisation: 'Serbia MoI', q_2026_Q1: 'Reported: 1 update, 1 need', q_2026_Q2: 'Reported: 1 need', q_2026_Q3: 'Reported: 1 update', q_2026_Q4: 'Due by 2027-01-15' });
      expect(row('Kosovo* MoI')).toEqual({ organisation: 'Kosovo* MoI', q_2026_Q1: 'Overdue', q_2026_Q2: 'Overdue', q_2026_Q3: 'Reported: 1 need', q_2026_Q4: 'Reported: 1 update' });
      expect(row('EU JHA agencies')).toMatchObject({ q_2026_Q1: 'Nothing new', q_2026_Q3: 'Nothing new', q_2026_Q4: 'Due by 2027-01-15' });
      expect(row('Slovenia MoI')).toMatchObject({ q_2026_Q1: 'Overdue', q_2026_Q2: 'Exempt (Reorganisation)', q_2026_Q3: 'Exempt (Reorganisation)' });
      // Its only Q3 record was retired: it still reported, but nothing is counted.
      expect(row('North Macedonia MoI')).toMatchObject({ q_2026_Q3: 'Reported' });
      expect(row('IISG Secretariat')).toBeUndefined();
      expect(r.tables[0]!.totals).toEqual({ organisation: 'Settled', q_2026_Q1: '9 of 19', q_2026_Q2: '11 of 19', q_2026_Q3: '10 of 19', q_2026_Q4: '5 of 19' });
      expect(await rowsOf(r, 'By quarter')).toEqual([
        { quarter: '2026-Q1', deadline: '2026-04-15', organisations: 19, reported: 6, nil: 2, exempt: 1, overdue: 10, due: 0, notDue: 0, updates: 2, needs: 2, responses: 3 },
        { quarter: '2026-Q2', deadline: '2026-07-15', organisations: 19, reported: 8, nil: 2, exempt: 1, overdue: 8, due: 0, notDue: 0, updates: 2, needs: 3, responses: 3 },
        { quarter: '2026-Q3', deadline: '2026-10-15', organisations: 19, reported: 6, nil: 3, exempt: 1, overdue: 9, due: 0, notDue: 0, updates: 1, needs: 1, responses: 2 },
        { quarter: '2026-Q4', deadline: '2027-01-15', organisations: 19, reported: 4, nil: 1, exempt: 0, overdue: 0, due: 14, notDue: 0, updates: 2, needs: 1, responses: 1 },
      ]);
      expect(r.summary).toEqual([
        '2026-Q4 (deadline Friday 15 January 2027): 5 of 19 organisations settled: 4 reported, 1 nothing new, 0 exempt.',
        'Not yet reported (14): Albania MoI, Austria MoI, Bosnia and Herzegovina MoS, DCAF, EU JHA agencies, France RSC, Italy MoI, North Macedonia MoI and 6 more.',
        'Records filed for 2026-Q4: 2 updates, 1 need, 1 response.',
        'Overdue for 2026-Q3 (9): Albania MoI, Austria MoI, Bosnia and Herzegovina MoS, DCAF, DG NEAR, Italy MoI, OSCE Mission to BiH, PCC SEE and 1 more.',
        'Overdue for 2026-Q2 (8): Austria MoI, France RSC, Italy MoI, Kosovo* MoI, Montenegro MoI, North Macedonia MoI, RCC and United Kingdom RSC.',
        'Overdue for 2026-Q1 (10): DCAF, DG NEAR, France RSC, Kosovo* MoI, Montenegro MoI, North Macedonia MoI, OSCE Mission to BiH, RCC and 2 more.',
      ]);
    });

    it('takes one quarter, or two for a range, and an organisation', async () => {
      const one = await build(t.core, d.board, 'status 2026-Q3');
      expect((await rowsOf(one, 'By quarter')).map((q) => q.quarter)).toEqual(['2026-Q3']);
      const range = await build(t.core, d.secretariat, 'status 2026-Q3 2026-Q2');
      expect((await rowsOf(range, 'By quarter')).map((q) => q.quarter)).toEqual(['2026-Q2', '2026-Q3']);
      const gizOnly = await build(t.core, d.secretariat, 'status GIZ');
      expect(await rowsOf(gizOnly, 'Status')).toEqual([{ organisation: 'GIZ', q_2026_Q1: 'Reported: 1 response', q_2026_Q2: 'Reported: 1 update', q_2026_Q3: 'Reported: 1 response', q_2026_Q4: 'Reported: 1 response' }]);
    });

    it('gives a member the status of their own organisation only, and refuses another one', async () => {
      const own = await build(t.core, d.member['MOI-RS']!, 'status');
      expect(await rowsOf(own, 'Status')).toHaveLength(1);
      expect((await rowsOf(own, 'Detail')).map((x) => [x.code, x.quarter, x.state, x.updates, x.needs])).toEqual([
        ['MOI-RS', '2026-Q1', 'Reported', 1, 1],
        ['MOI-RS', '2026-Q2', 'Reported', 0, 1],
        ['MOI-RS', '2026-Q3', 'Reported', 1, 0],
        ['MOI-RS', '2026-Q4', 'Due', 0, 0],
      ]);
      expect(own.summary).toEqual([
        'Serbia MoI, 2026-Q4: Due by 2027-01-15.',
        'Serbia MoI, 2026-Q3: Reported: 1 update.',
        'Serbia MoI, 2026-Q2: Reported: 1 need.',
        'Serbia MoI, 2026-Q1: Reported: 1 update, 1 need.',
      ]);
      const other = await t.core.reports.prepare(d.member['MOI-RS']!, 'status', ['MOI-AL']);
      expect(other).toEqual({ ok: false, message: expect.stringMatching(/your own organisation only/) });
    });

    it('renders every format with the same figures, Kosovo* and the footnote once', async () => {
      const out = await renderAll(await build(t.core, d.secretariat, 'status'));
      expectKosovoRule(out);
      expect(out.xlsx.worksheets.map((w) => w.name)).toEqual(['About', 'Status', 'Detail', 'By quarter']);
      const status = sheetRows(out.xlsx, 'Status');
      expect(status[0]).toEqual(['Organisation', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      expect(status.find((r) => r[0] === 'Kosovo* MoI')).toEqual(['Kosovo* MoI', 'Overdue', 'Overdue', 'Reported: 1 need', 'Reported: 1 update']);
      expect(status[20]).toEqual(['Settled', '9 of 19', '11 of 19', '10 of 19', '5 of 19']);
      expect(status[status.length - 1]).toEqual([KOSOVO_FOOTNOTE]);
      const byQuarter = sheetRows(out.xlsx, 'By quarter');
      expect(byQuarter[3]!.slice(0, 1).concat(byQuarter[3]!.slice(2))).toEqual(['2026-Q3', 19, 6, 3, 1, 9, 0, 0, 1, 1, 2]);
      expect(byQuarter[3]![1]).toEqual(new Date('2026-10-15T00:00:00Z'));
      const detail = out.csv.Detail!;
      expect(detail[0]).toEqual(['Code', 'Organisation', 'Quarter', 'State', 'Updates', 'Needs', 'Responses', 'First reported', 'Deadline', 'Exemption reason']);
      expect(detail).toContainEqual(['MOI-XK', 'Kosovo* MoI', '2026-Q3', 'Reported', '0', '1', '0', '2026-09-10', '2026-10-15', '']);
      expect(detail).toContainEqual(['MNZ-SI', 'Slovenia MoI', '2026-Q2', 'Exempt', '0', '0', '0', '2026-03-10', '2026-07-15', 'Reorganisation']);
      expect(detail).toHaveLength(1 + 19 * 4 + 1); // header, rows, footnote
      expect(out.json.tables.map((x) => x.name)).toEqual(['Status', 'Detail', 'By quarter']);
      expect(out.json.tables[2]!.rows[3]).toEqual({ quarter: '2026-Q4', deadline: '2027-01-15', organisations: 19, reported: 4, nil: 1, exempt: 0, overdue: 0, due: 14, notDue: 0, updates: 2, needs: 1, responses: 1 });
      expect(out.md).toContain('| Kosovo* MoI | Overdue | Overdue | Reported: 1 need | Reported: 1 update |');
      expect(out.png).toBeUndefined();
    });
  });

  describe('updates', () => {
    it('tracks the active updates by country, quarter and kind, with stage and link', async () => {
      const r = await build(t.core, d.secretariat, 'updates');
      const listing = await rowsOf(r, 'Updates');
      expect(listing.map((u) => u.id)).toEqual(['DU-2026-AL-001', 'DU-2026-BA-001', 'DU-2026-REGIONAL-002', 'DU-2026-REGIONAL-001', 'DU-2026-RS-002', 'DU-2026-RS-001', 'DU-2026-XK-001']);
      expect(listing[6]).toEqual({
        id: 'DU-2026-XK-001',
        country: 'Kosovo*',
        quarter: '2026-Q4',
        kind: 'Action plan',
        title: 'Action plan against migrant smuggling',
        stage: 'Draft',
        adoptingBody: 'National Assembly',
        date: '2026-02-15',
        link: 'https://example.org/official-gazette',
        themes: 'Migrant smuggling',
        organisation: 'Kosovo* MoI',
        relatedNeeds: '',
      });
      expect(await rowsOf(r, 'By country')).toEqual([
        { country: 'Albania', law: 0, 'implementing-decision': 0, strategy: 1, 'action-plan': 0, action: 0, total: 1 },
        { country: 'Bosnia and Herzegovina', law: 1, 'implementing-decision': 0, strategy: 0, 'action-plan': 0, action: 0, total: 1 },
        { country: 'Kosovo*', law: 0, 'implementing-decision': 0, strategy: 0, 'action-plan': 1, action: 0, total: 1 },
        { country: 'Serbia', law: 1, 'implementing-decision': 1, strategy: 0, 'action-plan': 0, action: 0, total: 2 },
        { country: 'Regional (all six)', law: 0, 'implementing-decision': 0, strategy: 1, 'action-plan': 0, action: 1, total: 2 },
      ]);
      expect(r.tables[1]!.totals).toEqual({ country: 'Total', law: 2, 'implementing-decision': 1, strategy: 2, 'action-plan': 1, action: 1, total: 7 });
      expect((await rowsOf(r, 'By quarter')).map((q) => [q.quarter, q.total])).toEqual([['2026-Q4', 2], ['2026-Q3', 1], ['2026-Q2', 2], ['2026-Q1', 2]]);
      expect(r.summary).toEqual([
        '7 development updates across 4 quarters: Law 2, Implementing decision 1, Strategy 2, Action plan 1, Action or project 1.',
        'By country: Regional (all six) 2, Serbia 2, Albania 1, Bosnia and Herzegovina 1 and Kosovo* 1.',
        'Adopted, in force or amended: 3; still in draft or public consultation: 3.',
      ]);
    });

    it('filters by quarter and by country (name, code or "Kosovo")', async () => {
      expect((await rowsOf(await build(t.core, d.secretariat, 'updates 2026-Q4'), 'Updates')).map((u) => u.id)).toEqual(['DU-2026-REGIONAL-002', 'DU-2026-XK-001']);
      const kosovo = await build(t.core, d.secretariat, 'updates Kosovo');
      expect((await rowsOf(kosovo, 'Updates')).map((u) => u.id)).toEqual(['DU-2026-XK-001']);
      expect(kosovo.subtitle).toContain('(Kosovo*)');
      expect((await rowsOf(await build(t.core, d.secretariat, 'updates country=RS 2026-Q3'), 'Updates')).map((u) => u.id)).toEqual(['DU-2026-RS-002']);
    });

    it('renders CSV, XLSX and JSON with the same rows', async () => {
      const out = await renderAll(await build(t.core, d.secretariat, 'updates'));
      expectKosovoRule(out);
      expect(out.xlsx.worksheets.map((w) => w.name)).toEqual(['About', 'Updates', 'By country', 'By quarter', 'Import updates']);
      expect(sheetRows(out.xlsx, 'By country')[6]).toEqual(['Total', 2, 1, 2, 1, 1, 7]);
      expect(out.csv.Updates!.slice(1, 8).map((row) => row[0])).toEqual(['DU-2026-AL-001', 'DU-2026-BA-001', 'DU-2026-REGIONAL-002', 'DU-2026-REGIONAL-001', 'DU-2026-RS-002', 'DU-2026-RS-001', 'DU-2026-XK-001']);
      expect(out.json.tables[0]!.rows).toHaveLength(7);
    });
  });
});
