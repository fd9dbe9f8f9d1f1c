import { heatmapLayout, LEVEL_COLOURS } from '../../src/render/to-png-heatmap';
import type { TestCore } from '../support/test-core';
import { useReportDataset, type Dataset } from './report-dataset';
import { build, expectKosovoRule, renderAll, rowsOf, sheetRows } from './report-formats';

describe('gap matrix (real database, realistic year)', () => {
  let t: TestCore;
  let d: Dataset;

  useReportDataset((opened) => ({ t, d } = opened));

  it('classifies every open need and puts uncovered high-priority needs first, with the ids to drill into', async () => {
    const r = await build(t.core, d.secretariat, 'gaps');
    const rows = await rowsOf(r, 'Gaps');
    const { ids } = d;
    expect(rows.map((g) => [g.coverage, g.priority, g.id])).toEqual([
      ['Uncovered', 'High', ids.N9], // the cancelled (R5) and the retired (R10) responses do not count
      ['Uncovered', 'Medium', ids.N13],
      ['Uncovered', 'Low', ids.N11],
      ['Partly covered', 'High', ids.N8],
      ['Partly covered', 'High', ids.N4],
      ['Partly covered', 'High', ids.N6],
      ['Partly covered', 'Medium', ids.N7], // a contributing response only
      ['Possible duplication', 'High', ids.N1], // full from GIZ and from DG NEAR
      ['Covered', 'High', ids.N3],
      ['Covered', 'Medium', ids.N10], // two full responses, sharing OSCE: not a duplication
    ]);
    expect(rows[7]).toMatchObject({ full: `${ids.R1}, ${ids.R2}`, fullProviders: 'GIZ, DG NEAR', country: 'Serbia', theme: 'Border surveillance' });
    expect(rows[6]).toMatchObject({ contributes: ids.R6, full: '', partial: '' });
    expect(rows[9]).toMatchObject({ full: `${ids.R7}, ${ids.R8}`, fullProviders: 'OSCE Mission to BiH, GIZ' });
    expect(rows[0]).toMatchObject({ country: 'Kosovo*', theme: 'Migrant smuggling', full: '', status: 'Proposed by the partner' });
    expect(r.tables[1]!.totals).toEqual({ country: 'Total', theme: '', needs: 10, high: 6, uncovered: 3, uncoveredHigh: 1, partial: 4, duplication: 1, covered: 2 });
    expect(await rowsOf(r, 'Matrix')).toContainEqual({ country: 'Serbia', theme: 'Border surveillance', needs: 2, high: 2, uncovered: 0, uncoveredHigh: 0, partial: 1, covered: 0, duplication: 1 });
    expect(r.summary).toEqual([
      '10 open needs: 3 uncovered (1 high priority), 4 partly covered, 2 covered, 1 possible duplication.',
      `Uncovered high priority: ${ids.N9} (Kosovo*, Migrant smuggling).`,
      `Possible duplication: ${ids.N1}.`,
      'Largest gaps: Kosovo* / Migrant smuggling (1 of 1); Albania / Firearms (1 of 1); Montenegro / Document security (1 of 1).',
      '8 responses (not cancelled) from 6 providers; most active: GIZ (3), DG NEAR (2) and OSCE Mission to BiH (2).',
    ]);
  });

  it('shows who provides where (provider × country)', async () => {
    const r = await build(t.core, d.secretariat, 'gaps');
    expect(await rowsOf(r, 'Providers x countries')).toEqual([
      { provider: 'GIZ', AL: 0, BA: 1, XK: 0, ME: 0, MK: 0, RS: 1, REGIONAL: 1, responses: 3, budget: 3_700_000, links: 4 },
      { provider: 'DG NEAR', AL: 0, BA: 0, XK: 0, ME: 0, MK: 0, RS: 1, REGIONAL: 1, responses: 2, budget: 2_800_000, links: 2 },
      { provider: 'OSCE Mission to BiH', AL: 0, BA: 2, XK: 0, ME: 0, MK: 0, RS: 0, REGIONAL: 0, responses: 2, budget: 500_000, links: 2 },
      { provider: 'Austria MoI', AL: 1, BA: 0, XK: 0, ME: 0, MK: 0, RS: 0, REGIONAL: 0, responses: 1, budget: 150_000, links: 1 },
      { provider: 'Italy MoI', AL: 0, BA: 0, XK: 0, ME: 1, MK: 0, RS: 0, REGIONAL: 0, responses: 1, budget: 50_000, links: 1 },
      { provider: 'UNODC', AL: 0, BA: 0, XK: 1, ME: 0, MK: 0, RS: 0, REGIONAL: 0, responses: 1, budget: 300_000, links: 1 },
    ]);
    expect(r.tables[3]!.totals).toEqual({ provider: 'All responses', AL: 1, BA: 2, XK: 1, ME: 1, MK: 0, RS: 2, REGIONAL: 1, responses: 8, budget: 5_000_000, links: 9 });
  });

  it('builds the heat map country × theme, coloured by the most pressing need', async () => {
    const h = (await build(t.core, d.secretariat, 'gaps')).heatmap!;
    expect(h.rowLabels).toEqual(['Albania', 'Bosnia and Herzegovina', 'Kosovo*', 'Montenegro', 'North Macedonia', 'Serbia']);
    expect(h.colLabels).toHaveLength(18);
    const cell = (country: string, theme: string) => h.cells[h.rowLabels.indexOf(country)]![h.colLabels.indexOf(theme)]!;
    expect(cell('Kosovo*', 'Migrant smuggling')).toEqual({ value: 1, label: '1/1', level: 'uncovered' });
    expect(cell('Serbia', 'Border surveillance')).toEqual({ value: 2, label: '0/2', level: 'partial' });
    expect(cell('Bosnia and Herzegovina', 'Equipment and infrastructure')).toEqual({ value: 1, label: '0/1', level: 'covered' });
    expect(h.cells[h.rowLabels.indexOf('North Macedonia')]!.every((c) => c.level === 'none')).toBe(true);
  });

  it('filters by country and theme', async () => {
    const serbia = await build(t.core, d.secretariat, 'gaps RS border-surveillance');
    expect((await rowsOf(serbia, 'Gaps')).map((g) => [g.coverage, g.id])).toEqual([
      ['Partly covered', d.ids.N6],
      ['Possible duplication', d.ids.N1],
    ]);
    expect(serbia.heatmap!.rowLabels).toEqual(['Serbia']);
    expect(serbia.heatmap!.colLabels).toEqual(['Border surveillance']);
    expect((await rowsOf(serbia, 'Providers x countries')).map((p) => [p.provider, p.RS, p.responses])).toEqual([
      ['DG NEAR', 1, 1],
      ['GIZ', 1, 1],
    ]);
  });

  it('renders every format, and a PNG heat map of sensible size with the right colours', async () => {
    const r = await build(t.core, d.secretariat, 'gaps');
    const out = await renderAll(r);
    expectKosovoRule(out);
    expect(out.xlsx.worksheets.map((w) => w.name)).toEqual(['About', 'Gaps', 'Matrix', 'Country x theme', 'Providers x countries']);
    expect(sheetRows(out.xlsx, 'Gaps')[1]!.slice(0, 5)).toEqual(['Uncovered', 'High', d.ids.N9, 'Kosovo*', 'Migrant smuggling']);
    const wide = sheetRows(out.xlsx, 'Country x theme');
    expect(wide[3]![0]).toBe('Kosovo*');
    expect(wide[3]![11]).toBe('1 of 1 uncovered');
    expect(out.csv.Gaps!.slice(1, 4).map((row) => row[2])).toEqual([d.ids.N9, d.ids.N13, d.ids.N11]);
    expect(out.json.tables[0]!.rows).toHaveLength(10);
    const png = out.png!;
    const layout = heatmapLayout(r.heatmap!);
    expect([png.width, png.height]).toEqual([layout.width, layout.height]);
    expect(png.width).toBeGreaterThanOrEqual(600);
    expect(png.width).toBeLessThanOrEqual(4000);
    expect(png.height).toBeGreaterThanOrEqual(400);
    expect(png.height).toBeLessThanOrEqual(4000);
    const colourAt = (row: number, col: number) => {
      const rect = layout.cellRect(row, col);
      const i = (rect.y * png.width + rect.x) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    expect(colourAt(2, 10)).toEqual([...LEVEL_COLOURS.uncovered]); // Kosovo* × Migrant smuggling
    expect(colourAt(5, 2)).toEqual([...LEVEL_COLOURS.partial]); // Serbia × Border surveillance
    expect(colourAt(1, 15)).toEqual([...LEVEL_COLOURS.covered]); // Bosnia and Herzegovina × Equipment
    expect(colourAt(4, 0)).toEqual([...LEVEL_COLOURS.none]); // North Macedonia
  }, 180_000); // pngjs encodes about 50 times slower inside Jest's sandbox than in plain Node (about 0.25 s there)
});
