import type { FieldMeta } from '../forms/field';
import { formOf, IMPORT_KINDS, type ImportKind } from './import-kinds';

/**
 * The import layout: one column per form field (header = the field's short label), after three
 * columns that are not form fields: the record's id (rows with one update that record), the
 * organisation a new record belongs to, and its reporting quarter. Templates, the report's import
 * sheet and the importer all read this one list, built from the forms' own field metadata.
 */
export type Requirement = 'required' | 'optional' | 'when-it-applies' | 'for-new-rows';

export interface LayoutColumn {
  key: string;
  header: string;
  requirement: Requirement;
  help: string;
  /** The form field's metadata; none for id, organisation and quarter. */
  meta?: FieldMeta;
  /** Normalised header texts that name this column (code, short label, label). */
  names: string[];
}

export const ID = 'id';
export const ORGANISATION = 'organisation';
export const QUARTER = 'quarter';

const RECORD_COLUMNS: Omit<LayoutColumn, 'names'>[] = [
  { key: ID, header: 'Id', requirement: 'optional', help: 'Empty for a new record. Keep the id (e.g. NM-2026-RS-014) to change that record: the row becomes a new version.' },
  { key: ORGANISATION, header: 'Organisation', requirement: 'for-new-rows', help: 'The organisation the record belongs to, by code or name (e.g. MOI-RS or Serbia MoI).' },
  { key: QUARTER, header: 'Quarter', requirement: 'optional', help: 'The reporting quarter of a new record, e.g. 2025-Q3; empty: the current quarter.' },
];
const EXTRA_NAMES: Record<string, string[]> = { [ID]: ['record id'], [ORGANISATION]: ['organization', 'org', 'organisation code'], [QUARTER]: ['reporting quarter'] };

/** "Provider(s)" → "providers", "Which partner has this need?" → "which partner has this need", "needType" → "need type". */
export function normaliseHeader(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\(s\)/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function requirementOf(meta: FieldMeta): Requirement {
  if (meta.when) return 'when-it-applies';
  return meta.optional ? 'optional' : 'required';
}

function helpOf(meta: FieldMeta): string {
  const parts = [meta.help, meta.example && `e.g. ${meta.example}`];
  if (meta.kind === 'multichoice' || meta.kind === 'orgs') parts.push('Several: separate them with ";".');
  if (meta.kind === 'date') parts.push('A date, e.g. 15.1.2027 or 2027-01-15.');
  if (meta.kind === 'number') parts.push('e.g. 1,250,000 or 1.25m.');
  return parts.filter(Boolean).join(' ');
}

function build(kind: ImportKind): LayoutColumn[] {
  const fields = Object.entries(formOf(kind).fields).map(([key, f]) => ({
    key,
    header: f.meta.short ?? f.meta.label,
    requirement: requirementOf(f.meta),
    help: helpOf(f.meta),
    meta: f.meta,
    names: [key, f.meta.short, f.meta.label],
  }));
  const extra = RECORD_COLUMNS.map((c) => ({ ...c, names: [c.key, c.header, ...(EXTRA_NAMES[c.key] ?? [])] }));
  return [...extra, ...fields].map((c) => ({ ...c, names: [...new Set((c.names as (string | undefined)[]).filter((n): n is string => Boolean(n)).map((n) => normaliseHeader(n)))] }));
}

const LAYOUTS = new Map(IMPORT_KINDS.map((k) => [k, build(k)]));

export function layoutOf(kind: ImportKind): LayoutColumn[] {
  return LAYOUTS.get(kind)!;
}

/** The column a header names, or undefined. */
export function columnFor(kind: ImportKind, header: string): LayoutColumn | undefined {
  const n = normaliseHeader(header);
  return n ? layoutOf(kind).find((c) => c.names.includes(n)) : undefined;
}

const REQUIREMENT_TEXT: Record<Requirement, string> = {
  required: 'required',
  optional: 'optional',
  'when-it-applies': 'required when it applies',
  'for-new-rows': 'required for new rows',
};

/** The second header row of a template: the column's code and whether it is required. */
export function hintOf(c: LayoutColumn): string {
  return `${c.key} (${REQUIREMENT_TEXT[c.requirement]})`;
}

const HINT = /^[a-z][A-Za-z]* \((required|optional)[^)]*\)$/;

/** True for a template's second header row ("country (required)", …), which the importer skips. */
export function isHintRow(cells: readonly unknown[]): boolean {
  const filled = cells.filter((c) => c !== null && c !== undefined && c !== '');
  return filled.length > 0 && filled.every((c) => typeof c === 'string' && HINT.test(c.trim()));
}

/** Columns a file must have: every field required for all rows. */
export function requiredColumns(kind: ImportKind): LayoutColumn[] {
  return layoutOf(kind).filter((c) => c.requirement === 'required');
}

/** "A", …, "Z", "AA": how spreadsheets name the column at this 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
