import type { RecordType } from '../domain/permissions';
import type { FormDef } from '../forms/form';
import { FORMS } from '../forms/registry';

/** What a spreadsheet can bring in: the three kinds of records members report. */
export const IMPORT_KINDS = ['updates', 'needs', 'responses'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const RECORD_TYPE: Record<ImportKind, RecordType> = { updates: 'update', needs: 'need', responses: 'response' };

/** How a kind reads in a sentence ("200 needs"). */
export const KIND_NOUN: Record<ImportKind, string> = { updates: 'development updates', needs: 'needs', responses: 'responses' };

/** "needs", "need", "Needs" → needs; anything else → undefined. */
export function parseKind(text: unknown): ImportKind | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim().toLowerCase();
  return IMPORT_KINDS.find((k) => t === k || t === k.slice(0, -1));
}

export function kindOfType(type: string): ImportKind | undefined {
  return IMPORT_KINDS.find((k) => RECORD_TYPE[k] === type);
}

/** The conversation's own form for this kind: its zod schema and field metadata are the rules. */
export function formOf(kind: ImportKind): FormDef {
  return FORMS[RECORD_TYPE[kind]];
}

/**
 * The sheet holding the rows, in the template and in a report's XLSX alike ("Import needs"), so a
 * workbook with several sheets is read from the right one.
 */
export const importSheetName = (kind: ImportKind) => `Import ${kind}`;
