import { createHash } from 'node:crypto';
import { designateKosovo } from '../domain/kosovo';

/**
 * When is a row "the same" as a stored record? When its values are, read the way people read them:
 * exports write every "Kosovo" as "Kosovo*" (the designation rule), so text that differs only by that
 * asterisk is the same text; an empty list is no value. Keys are sorted, so field order does not count.
 */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return designateKosovo(value);
  if (Array.isArray(value)) return value.length ? value.map(canonical) : undefined;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[k]);
      if (v !== undefined && v !== null && v !== '') out[k] = v;
    }
    return out;
  }
  return value;
}

/** A short hash of a record's values (see `canonical`). */
export function fingerprint(data: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(canonical(data))).digest('base64url').slice(0, 22);
}

/** Same values as read by people (see above). */
export function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * The values to store for a changed row: where a field reads the same as the stored one (e.g. only
 * "Kosovo" → "Kosovo*" in a title that went through an export), the stored value is kept, so the
 * new version shows only the cells the person really changed.
 */
export function keepUnchangedFields(stored: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    out[k] = k in stored && JSON.stringify(canonical(stored[k])) === JSON.stringify(canonical(v)) ? stored[k] : v;
  }
  return out;
}
