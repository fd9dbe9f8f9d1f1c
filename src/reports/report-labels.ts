import { THEMES, type Vocab } from '../config/vocabulary';
import type { OrganisationDoc } from '../db/models/organisation.model';
import { countryName } from '../domain/kosovo';
import { groupDigits } from '../render/render-text';

/** Labels and small text helpers shared by the reports. Names are passed as stored ("Kosovo*"). */

export const themeLabel = (code: unknown): string => (typeof code === 'string' ? (THEMES.labels[code] ?? code) : '');
export const countryLabel = (code: unknown): string => (typeof code === 'string' ? countryName(code) : '');
export const label = (vocab: Vocab, code: unknown): string => (typeof code === 'string' ? (vocab.labels[code] ?? code) : '');

export function orgNames(organisations: readonly OrganisationDoc[]): (code: string) => string {
  const names = new Map(organisations.map((o) => [o._id, o.shortName]));
  return (code) => names.get(code) ?? code;
}

/** A field of a record's `data` as text, or null when absent. */
export function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export const eur = (n: number) => `EUR ${groupDigits(n, 0)}`;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n, 0)} ${n === 1 ? one : many}`;
}

/** "a, b and c", or "a, b, c and 4 more" beyond `max`. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length === 0) return '—';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Entries of a count map, largest first, then by name. */
export function ranked<K extends string>(map: Map<K, number>): [K, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "(Serbia, Border checks)" for a subtitle, or "" when nothing is filtered. */
export function filterNote(parts: (string | undefined | false)[]): string {
  const shown = parts.filter((p): p is string => Boolean(p));
  return shown.length ? shown.join(', ') : '';
}

export const THEME_CODES: readonly string[] = THEMES.codes;
