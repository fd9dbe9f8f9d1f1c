import { PNG } from 'pngjs';
import { glyph, GLYPH_WIDTH, toFontText } from '../../../src/render/bitmap-font';
import type { Heatmap } from '../../../src/render/report-model';
import { heatmapLayout, LEVEL_COLOURS, toPngHeatmap, type Rect } from '../../../src/render/to-png-heatmap';
import { heatmap } from './report-fixtures';

function decode(buf: Buffer) {
  const png = PNG.sync.read(buf);
  const at = (x: number, y: number) => {
    const i = (png.width * y + x) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  const count = (rgb: readonly number[], y0 = 0, y1 = png.height) => {
    let n = 0;
    for (let i = y0 * png.width * 4; i < y1 * png.width * 4; i += 4) {
      if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) n++;
    }
    return n;
  };
  return { png, at, count };
}

const GREY_INK = [90, 90, 90];

describe('toPngHeatmap', () => {
  // Row 0, column 0 (uncovered) has an empty label: its centre must be plain red. Encoding a PNG
  // is slow under jest's module sandbox, so each image is drawn once for the whole file.
  const base = heatmap(['Albania', 'Serbia', 'Montenegro']);
  const map: Heatmap = { ...base, cells: base.cells.map((row, r) => row.map((cell, c) => (r === 0 && c === 0 ? { ...cell, label: '' } : cell))) };
  let plain: ReturnType<typeof decode>;
  let bare: Buffer;
  beforeAll(() => {
    plain = decode(toPngHeatmap(map));
    bare = toPngHeatmap(heatmap(['Albania', 'Kosovo']));
  });

  it('is a valid PNG of sensible size that matches its layout', () => {
    const layout = heatmapLayout(map);
    expect([plain.png.width, plain.png.height]).toEqual([layout.width, layout.height]);
    for (const side of [plain.png.width, plain.png.height]) {
      expect(side).toBeGreaterThanOrEqual(400);
      expect(side).toBeLessThanOrEqual(4000);
    }
  });

  it('colours each cell by its coverage level: uncovered red, partial amber, covered green, duplication purple, none grey', () => {
    const layout = heatmapLayout(map);
    (['uncovered', 'partial', 'covered', 'duplication', 'none'] as const).forEach((level, c) => {
      const rect = layout.cellRect(1, c);
      expect(plain.at(rect.x + 1, rect.y + 1)).toEqual([...LEVEL_COLOURS[level]]);
      expect(plain.at(rect.x + rect.w - 2, rect.y + rect.h - 2)).toEqual([...LEVEL_COLOURS[level]]);
    });
    const [r, g, b] = LEVEL_COLOURS.uncovered;
    expect(r > 180 && g < 100 && b < 100).toBe(true);
    const [r2, g2, b2] = LEVEL_COLOURS.covered;
    expect(g2 > r2 && g2 > b2).toBe(true);
  });

  it('samples the centre of an unlabelled uncovered cell as red, and finds the count drawn in a labelled one', () => {
    const layout = heatmapLayout(map);
    const inCell = (rect: Rect, test: (rgb: number[]) => boolean) => {
      let n = 0;
      for (let y = rect.y; y < rect.y + rect.h; y++) for (let x = rect.x; x < rect.x + rect.w; x++) if (test(plain.at(x, y))) n++;
      return n;
    };
    const blank = layout.cellRect(0, 0);
    expect(plain.at(blank.x + Math.floor(blank.w / 2), blank.y + Math.floor(blank.h / 2))).toEqual([...LEVEL_COLOURS.uncovered]);
    expect(inCell(blank, (rgb) => rgb.join() !== LEVEL_COLOURS.uncovered.join())).toBe(0);
    // Row 1, column 0 is uncovered with count 2: white ink inside the red cell.
    expect(inCell(layout.cellRect(1, 0), (rgb) => rgb.join() === '255,255,255')).toBeGreaterThan(10);
  });

  it('draws Kosovo* for a bare "Kosovo" and adds the footnote once at the bottom, only when Kosovo* is named', () => {
    expect(bare.equals(toPngHeatmap(heatmap(['Albania', 'Kosovo*'])))).toBe(true);
    const withStar = decode(bare);
    // The footnote is the only grey ink outside 'none' cells, which have count 0 and so no text.
    const below = heatmapLayout(heatmap(['Albania', 'Kosovo'])).cellRect(1, 0);
    expect(plain.count(GREY_INK)).toBe(0);
    const footnoteInk = withStar.count(GREY_INK, below.y + below.h, withStar.png.height);
    expect(footnoteInk).toBeGreaterThan(500);
    expect(withStar.count(GREY_INK)).toBe(footnoteInk);
    // Naming Kosovo twice (title and row) still draws the footnote once.
    const twice = decode(toPngHeatmap({ ...heatmap(['Albania', 'Kosovo']), title: 'Kosovo and the region' }));
    expect(twice.count(GREY_INK)).toBe(footnoteInk);
  });

  it('keeps a large matrix within 4000 px and refuses one that cannot fit', () => {
    const big = (n: number): Heatmap => ({
      title: 'Big',
      rowLabels: [...Array(n).keys()].map((i) => `Row ${i}`),
      colLabels: [...Array(n).keys()].map((i) => `Col ${i}`),
      cells: [...Array(n).keys()].map(() => [...Array(n).keys()].map((v) => ({ value: v, level: 'covered' as const }))),
    });
    const layout = heatmapLayout(big(120));
    expect(layout.scale).toBe(1);
    expect(Math.max(layout.width, layout.height)).toBeLessThanOrEqual(4000);
    expect(() => heatmapLayout(big(300))).toThrow(RangeError);
  });

  it('rejects cells that do not match the labels', () => {
    expect(() => toPngHeatmap({ ...map, cells: map.cells.slice(1) })).toThrow(/3 rows of 5 cells/);
  });
});

describe('bitmap font', () => {
  it('has 5-pixel-wide glyphs of at most 9 rows for every printable ASCII character', () => {
    for (let code = 33; code < 127; code++) {
      const g = glyph(String.fromCharCode(code));
      expect(g.length).toBeGreaterThan(0);
      expect(g.length).toBeLessThanOrEqual(9);
      for (const row of g) expect(row).toHaveLength(GLYPH_WIDTH);
    }
  });

  it('folds letters with diacritics and typographic punctuation to drawable ones', () => {
    expect(toFontText('Đorđević, Čačak – Shkodër, Žabljak: Kosovo＊')).toBe('Dordevic, Cacak - Shkoder, Zabljak: Kosovo*');
    expect(toFontText('€ 5 … 中')).toBe('EUR 5 ... ?');
    expect(glyph('A')).not.toEqual(glyph('B'));
  });
});
