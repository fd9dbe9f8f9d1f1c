import { PNG } from 'pngjs';
import { glyph, GLYPH_ADVANCE, textWidth, toFontText } from './bitmap-font';

export type Rgb = readonly [number, number, number];

/** A plain RGB raster with rectangles and bitmap text: all the heat map needs, without a native canvas. */
export class Canvas {
  private readonly png: PNG;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.png = new PNG({ width, height });
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    // One line of the rectangle, copied down with native copies: per-pixel writes are far slower.
    const line = Buffer.alloc((x1 - x0) * 4);
    for (let i = 0; i < line.length; i += 4) line.set([r, g, b, 255], i);
    for (let yy = y0; yy < y1; yy++) line.copy(this.png.data, (yy * this.width + x0) * 4);
  }

  /** Text left to right; (x, y) is the top-left of the first character's cap height. */
  text(text: string, x: number, y: number, scale: number, colour: Rgb): void {
    this.drawGlyphs(text, scale, colour, (gx, gy) => [x + gx * scale, y + gy * scale]);
  }

  /**
   * Text turned 90° anticlockwise, read from bottom to top (column headings); (x, yBottom) is
   * where the first character starts: its left side at the bottom, its top towards x.
   */
  textUp(text: string, x: number, yBottom: number, scale: number, colour: Rgb): void {
    this.drawGlyphs(text, scale, colour, (gx, gy) => [x + gy * scale, yBottom - (gx + 1) * scale]);
  }

  /** Text centred on (cx, cy), by its cap height. */
  textCentred(text: string, cx: number, cy: number, scale: number, colour: Rgb): void {
    this.text(text, Math.round(cx - textWidth(text, scale) / 2), Math.round(cy - (7 * scale) / 2), scale, colour);
  }

  private drawGlyphs(text: string, scale: number, colour: Rgb, place: (gx: number, gy: number) => [number, number]): void {
    [...toFontText(text)].forEach((ch, i) => {
      glyph(ch).forEach((row, gy) =>
        row.forEach((ink, col) => {
          if (!ink) return;
          const [px, py] = place(i * GLYPH_ADVANCE + col, gy);
          this.fillRect(px, py, scale, scale, colour);
        }),
      );
    });
  }

  toPng(): Buffer {
    return PNG.sync.write(this.png, { colorType: 2 });
  }
}

/** Breaks text into lines of at most `maxChars`, at spaces where possible. */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, maxChars);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > limit) {
      if (line) lines.push(line);
      lines.push(w.slice(0, limit));
      w = w.slice(limit);
      line = '';
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= limit) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Shortens text to `maxChars`, marking the cut with "..". */
export function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 2)).trimEnd()}..`;
}
