import type { RecordDoc } from '../db/models/record.model';
import { answerAsText } from '../forms/format-answer';
import type { ReportColumn, Row } from '../render/report-model';
import type { ImportKind } from './import-kinds';
import { ID, layoutOf, ORGANISATION, QUARTER, type LayoutColumn } from './sheet-layout';

/**
 * A stored record as a row of the import layout: what the importer reads back to the same values
 * (choices by label, several values separated by ";", dates as dates, amounts as numbers).
 */
export function layoutCell(c: LayoutColumn, rec: Pick<RecordDoc, '_id' | 'orgCode' | 'quarter' | 'data'>): string | number | null {
  if (c.key === ID) return rec._id;
  if (c.key === ORGANISATION) return rec.orgCode;
  if (c.key === QUARTER) return rec.quarter;
  const v = rec.data[c.key];
  const meta = c.meta!;
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return null;
  const label = (code: unknown) => (typeof code === 'string' ? (meta.vocab?.labels[code] ?? code) : String(code));
  switch (meta.kind) {
    case 'choice':
      return label(v);
    case 'multichoice':
      return Array.isArray(v) ? v.map(label).join('; ') : label(v);
    case 'orgs':
      return Array.isArray(v) ? v.join('; ') : String(v);
    case 'number':
      return typeof v === 'number' ? v : String(v);
    default:
      return answerAsText(meta, v);
  }
}

export function layoutRow(kind: ImportKind, rec: Pick<RecordDoc, '_id' | 'orgCode' | 'quarter' | 'data'>): Row {
  return Object.fromEntries(layoutOf(kind).map((c) => [c.key, layoutCell(c, rec)]));
}

/** The layout's columns as report columns: dates become real dates in XLSX, amounts numbers in EUR. */
export function layoutColumns(kind: ImportKind): ReportColumn[] {
  return layoutOf(kind).map((c) => ({
    key: c.key,
    label: c.header,
    width: c.meta?.kind === 'longtext' ? 48 : Math.max(14, Math.min(36, c.header.length + 4)),
    ...(c.meta?.kind === 'date' ? { type: 'date' as const } : c.meta?.kind === 'number' ? { type: 'eur' as const } : {}),
  }));
}
