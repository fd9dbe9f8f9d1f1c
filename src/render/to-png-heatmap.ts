import { GLYPH_ADVANCE, GLYPH_DESCENT, GLYPH_HEIGHT, LINE_HEIGHT, textWidth } from './bitmap-font';
import { Canvas, clip, wrapText, type Rgb } from './png-canvas';
import { DEFAULT_LEGEND, type CoverageLevel, type Heatmap, type HeatmapCell } from './report-model';
import { KosovoScan } from './render-text';

/** Cell colours: red, amber, green, purple, grey, the way the Secretariat reads a coverage matrix. */
export const LEVEL_COLOURS: Record<CoverageLevel, Rgb> = {
  uncovered: [215, 48, 39],
  partial: [245, 166, 35],
  covered: [26, 152, 80],
  duplication: [118, 42, 131],
  none: [224, 224, 224],
};
/** Ink in the cell: dark on the light colours, white on the dark ones, so the count stays legible. */
const LEVEL_INK: Record<CoverageLevel, Rgb> = {
  uncovered: [255, 255, 255],
  partial: [33, 33, 33],
  covered: [255, 255, 255],
  duplication: [255, 255, 255],
  none: [90, 90, 90],
};
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [33, 33, 33];
const GREY_INK: Rgb = [90, 90, 90];
const MIN_SIDE = 400;
const MAX_SIDE = 4000;
const MAX_LABEL = 36;

interface Prepared {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  cellTexts: string[][];
  legend: { level: CoverageLevel; label: string }[];
  footnotes: string[];
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface HeatmapLayout {
  width: number;
  height: number;
  /** Pixel size of one font pixel: 2, or 1 for a very large matrix. */
  scale: number;
  /** The coloured area of cells[r][c]. */
  cellRect(r: number, c: number): Rect;
}

interface Geometry extends HeatmapLayout {
  margin: number;
  titleLines: string[];
  gridX: number;
  gridY: number;
  cellW: number;
  cellH: number;
  gap: number;
  legendY: number;
  footnoteLines: string[];
}

function cellText(cell: HeatmapCell): string {
  if (cell.label !== undefined) return cell.label;
  return cell.level === 'none' && cell.value === 0 ? '' : String(cell.value);
}

/** Writes Kosovo* in every label and notes whether the footnote is needed. */
function prepare(h: Heatmap): Prepared {
  if (h.cells.length !== h.rowLabels.length || h.cells.some((row) => row.length !== h.colLabels.length)) {
    throw new Error(`Heat map "${h.title}": cells must be ${h.rowLabels.length} rows of ${h.colLabels.length} cells.`);
  }
  const scan = new KosovoScan();
  const t = (s: string) => scan.text(s);
  return {
    title: t(h.title),
    rowLabels: h.rowLabels.map((l) => clip(t(l), MAX_LABEL)),
    colLabels: h.colLabels.map((l) => clip(t(l), MAX_LABEL)),
    cellTexts: h.cells.map((row) => row.map((c) => clip(t(cellText(c)), 8))),
    legend: (h.legend ?? DEFAULT_LEGEND).map((l) => ({ level: l.level, label: t(l.label) })),
    footnotes: scan.footnotes(),
  };
}

function legendItemWidth(label: string, s: number): number {
  return GLYPH_HEIGHT * s + 3 * s + textWidth(label, s) + 10 * s;
}

function geometry(p: Prepared, s: number): Geometry {
  const margin = 8 * s;
  const gap = s;
  const line = LINE_HEIGHT * s;
  const rows = p.rowLabels.length;
  const cols = p.colLabels.length;
  const widest = (texts: string[], scale: number) => Math.max(0, ...texts.map((x) => textWidth(x, scale)));
  const cellW = Math.max(18 * s, widest(p.cellTexts.flat(), s) + 6 * s, (GLYPH_HEIGHT + GLYPH_DESCENT) * s + 4 * s);
  const cellH = 16 * s;
  const gridX = margin + widest(p.rowLabels, s) + 6 * s;
  const width = Math.max(MIN_SIDE, gridX + cols * cellW + margin, margin * 2 + Math.max(0, ...p.legend.map((l) => legendItemWidth(l.label, s))));
  const inner = width - 2 * margin;

  const titleLines = wrapText(p.title, Math.floor(inner / (GLYPH_ADVANCE * (s + 1))));
  const titleH = titleLines.length * LINE_HEIGHT * (s + 1);
  const gridY = margin + titleH + 4 * s + widest(p.colLabels, s) + 3 * s;
  const legendY = gridY + rows * cellH + 8 * s;
  let legendRows = 1;
  let x = 0;
  for (const l of p.legend) {
    const w = legendItemWidth(l.label, s);
    if (x > 0 && x + w > inner) {
      legendRows++;
      x = 0;
    }
    x += w;
  }
  const footnoteLines = p.footnotes.flatMap((f) => wrapText(f, Math.floor(inner / (GLYPH_ADVANCE * s))));
  const contentBottom = legendY + legendRows * line + (footnoteLines.length ? 4 * s + footnoteLines.length * line : 0);
  const height = Math.max(MIN_SIDE, contentBottom + margin);
  const cellRect = (r: number, c: number): Rect => ({ x: gridX + c * cellW, y: gridY + r * cellH, w: cellW - gap, h: cellH - gap });
  return { width, height, scale: s, cellRect, margin, titleLines, gridX, gridY, cellW, cellH, gap, legendY, footnoteLines };
}

/** Font scale 2 where it fits within 4000 × 4000 px, else 1; a matrix too large even then is refused. */
function fit(p: Prepared): Geometry {
  for (const s of [2, 1]) {
    const g = geometry(p, s);
    if (g.width <= MAX_SIDE && g.height <= MAX_SIDE) return g;
  }
  throw new RangeError(`Heat map "${p.title}" (${p.rowLabels.length} × ${p.colLabels.length}) does not fit in ${MAX_SIDE} × ${MAX_SIDE} px.`);
}

/** Where things will be drawn: lets tests and callers find a cell's pixels. */
export function heatmapLayout(h: Heatmap): HeatmapLayout {
  const { width, height, scale, cellRect } = fit(prepare(h));
  return { width, height, scale, cellRect };
}

/**
 * The gap matrix as a PNG: title, row labels on the left, column labels turned upright above the
 * grid, one coloured cell per country and theme with its count, a legend, and the Kosovo* footnote
 * at the bottom when a label names Kosovo*.
 */
export function toPngHeatmap(h: Heatmap): Buffer {
  const p = prepare(h);
  const g = fit(p);
  const s = g.scale;
  const canvas = new Canvas(g.width, g.height, WHITE);

  let y = g.margin;
  for (const line of g.titleLines) {
    canvas.text(line, g.margin, y, s + 1, INK);
    y += LINE_HEIGHT * (s + 1);
  }
  p.colLabels.forEach((label, c) => {
    const x = g.gridX + c * g.cellW + Math.floor((g.cellW - g.gap - (GLYPH_HEIGHT + GLYPH_DESCENT) * s) / 2);
    canvas.textUp(label, x, g.gridY - 3 * s, s, INK);
  });
  p.rowLabels.forEach((label, r) => {
    canvas.text(label, g.margin, g.gridY + r * g.cellH + Math.floor((g.cellH - g.gap - GLYPH_HEIGHT * s) / 2), s, INK);
    h.cells[r].forEach((cell, c) => {
      const rect = g.cellRect(r, c);
      canvas.fillRect(rect.x, rect.y, rect.w, rect.h, LEVEL_COLOURS[cell.level]);
      canvas.textCentred(p.cellTexts[r][c], rect.x + rect.w / 2, rect.y + rect.h / 2, s, LEVEL_INK[cell.level]);
    });
  });

  let x = g.margin;
  y = g.legendY;
  for (const l of p.legend) {
    const w = legendItemWidth(l.label, s);
    if (x > g.margin && x + w > g.width - g.margin) {
      x = g.margin;
      y += LINE_HEIGHT * s;
    }
    canvas.fillRect(x, y, GLYPH_HEIGHT * s, GLYPH_HEIGHT * s, LEVEL_COLOURS[l.level]);
    canvas.text(l.label, x + GLYPH_HEIGHT * s + 3 * s, y, s, INK);
    x += w;
  }
  y += LINE_HEIGHT * s + 4 * s;
  for (const line of g.footnoteLines) {
    canvas.text(line, g.margin, y, s, GREY_INK);
    y += LINE_HEIGHT * s;
  }
  return canvas.toPng();
}
