import { designateKosovo, KOSOVO_FOOTNOTE, mentionsKosovo } from '../domain/kosovo';
import type { Cell, ReportColumn } from './report-model';

/**
 * Applies the Kosovo* rule to every text a renderer writes and remembers whether Kosovo* appeared,
 * so the footnote can be added once, at the end: with streamed rows that is the first moment it
 * is known.
 */
export class KosovoScan {
  private seen = false;

  text(s: string): string {
    const t = designateKosovo(s);
    if (!this.seen && mentionsKosovo(t)) this.seen = true;
    return t;
  }

  cell(value: Cell): Cell {
    return typeof value === 'string' ? this.text(value) : value;
  }

  /** For places where Kosovo* is written in a form that text() cannot see (e.g. a sheet tab). */
  note(): void {
    this.seen = true;
  }

  get mentioned(): boolean {
    return this.seen;
  }

  /** The footnote lines to append: none, or exactly one. */
  footnotes(): string[] {
    return this.seen ? [KOSOVO_FOOTNOTE] : [];
  }
}

const groupers = new Map<string, Intl.NumberFormat>();

/** 1250000 → "1,250,000"; fixed decimals when given, up to `maxDecimals` otherwise. */
export function groupDigits(n: number, decimals: number | undefined, maxDecimals = 2): string {
  const key = `${decimals ?? ''}/${maxDecimals}`;
  let f = groupers.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? maxDecimals,
    });
    groupers.set(key, f);
  }
  return f.format(n);
}

/**
 * A value as a person reads it (Markdown, chat). Machine formats (CSV, JSON, XLSX) keep the raw
 * value instead. A string in a number column (e.g. "n/a") is shown as given.
 */
export function displayValue(value: Cell, column: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  switch (column.type) {
    case 'eur':
      return `EUR ${groupDigits(value, column.decimals ?? 0)}`;
    case 'percent':
      return `${groupDigits(value * 100, column.decimals, 1)}%`;
    case 'number':
      return groupDigits(value, column.decimals);
    case 'date':
      return new Date(value).toISOString().slice(0, 10);
    default:
      return String(value);
  }
}

export function isNumericColumn(column: ReportColumn): boolean {
  return column.type === 'number' || column.type === 'eur' || column.type === 'percent';
}
