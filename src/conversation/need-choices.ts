import { COVERAGE_LEVELS, NEED_STATUSES, NEED_TYPES, PRIORITIES, THEMES } from '../config/vocabulary';
import type { RecordDoc } from '../db/models/record.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { countryName } from '../domain/kosovo';
import type { ChoiceOption } from '../messages/bot-message';

/**
 * Linking a response or an update to needs, by choosing from the needs this person may see
 * (their own organisation's, and adopted ones), never by typing ids from memory. Used by the form
 * views (a select in modals and cards), the chat search, and `needs [country] [theme]`.
 */

/**
 * A select fits Slack's 100 options and a Teams card about 28 KB: needs × 3 coverage levels for
 * links. With more needs the field stays a text input, and the chat search and `needs` find them.
 */
const MAX_LINK_NEEDS = 20;
const MAX_ID_NEEDS = 50;
/** Option labels carry the title shortened: Slack shows 75 characters of an option anyway. */
const short = (s: string) => (s.length > 50 ? `${s.slice(0, 49)}…` : s);

export async function visibleNeeds(store: Store, actor: Actor): Promise<RecordDoc[]> {
  const needs = await store.records.list(actor, { type: 'need', limit: 500 });
  return needs.sort((a, b) => a._id.localeCompare(b._id));
}

const title = (r: RecordDoc) => String(r.data.title ?? '').trim();

/** "NM-2026-RS-014 Thermal cameras for the green border (Serbia, Border surveillance, adopted)". */
export function needLine(r: RecordDoc): string {
  const status = NEED_STATUSES.labels[String(r.data.status)];
  const about = [countryName(String(r.data.country ?? '')), THEMES.labels[String(r.data.theme)], status && status.charAt(0).toLowerCase() + status.slice(1)].filter(Boolean);
  return `*${r._id}* ${title(r)}${about.length ? ` (${about.join(', ')})` : ''}`;
}

/** One option per need and coverage level: the value is what a person would type ("NM-2026-RS-014 full"). */
export function needLinkOptions(needs: RecordDoc[]): ChoiceOption[] {
  return needs.flatMap((r) => COVERAGE_LEVELS.pairs.map(([code, label]) => ({ value: `${r._id} ${code}`, label: `${r._id} — ${label.toLowerCase()}: ${short(title(r))}` })));
}

export function needIdOptions(needs: RecordDoc[]): ChoiceOption[] {
  return needs.map((r) => ({ value: r._id, label: `${r._id}: ${short(title(r))}` }));
}

/** The options for a whole form, when they fit a select (else the field stays a text input). */
export function needChoices(needs: RecordDoc[]): { links?: ChoiceOption[]; ids?: ChoiceOption[] } {
  return {
    ...(needs.length && needs.length <= MAX_LINK_NEEDS ? { links: needLinkOptions(needs) } : {}),
    ...(needs.length && needs.length <= MAX_ID_NEEDS ? { ids: needIdOptions(needs) } : {}),
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\*/g, '').toLowerCase();

/** What a need can be found by: id, title, description, country (name and code), theme, type, priority, status. */
function haystack(r: RecordDoc): string {
  const d = r.data;
  const country = String(d.country ?? '');
  return fold(
    [
      r._id,
      title(r),
      String(d.description ?? ''),
      String(d.beneficiaryInstitution ?? ''),
      countryName(country),
      country,
      THEMES.labels[String(d.theme)] ?? '',
      NEED_TYPES.labels[String(d.needType)] ?? '',
      PRIORITIES.labels[String(d.priority)] ?? '',
      NEED_STATUSES.labels[String(d.status)] ?? '',
    ].join(' '),
  );
}

/** Needs matching every word typed (a country, a theme, words of the title), in id order. */
export function searchNeeds(needs: RecordDoc[], text: string): RecordDoc[] {
  const words = fold(text)
    .split(/[\s,;]+/)
    .filter((w) => w.length >= 2 && !['and', 'the', 'for', 'of', 'in', 'on'].includes(w));
  if (!words.length) return needs;
  return needs.filter((r) => {
    const hay = ` ${haystack(r).replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;
    return words.every((w) => (w.length <= 2 ? hay.includes(` ${w} `) : hay.includes(w)));
  });
}

/** True when the text names needs by id (then it is an answer, not a search). */
export const namesNeedIds = (text: string) => /\bNM-\d{4}-[A-Z]{2}-\d{3,5}\b/i.test(text);
