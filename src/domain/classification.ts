import { CLASSIFICATION_MARKINGS, type ClassificationMarking } from '../config/vocabulary';

/**
 * Chat platforms are not accredited for classified information: text carrying a classification
 * marking is refused. The terms, and the rule for when an ordinary word counts as a marking, are in
 * src/config/vocabulary.ts (CLASSIFICATION_MARKINGS). Here: how text is normalised so a marking
 * cannot slip through disguised (non-breaking or doubled spaces, hyphens, slashes, line breaks,
 * zero-width characters, full-width letters, Cyrillic look-alikes), and how matches are judged.
 */

/** Serbian/Macedonian Cyrillic → Latin, as the laws themselves transliterate (Ж → Ž, then accents drop). */
const TRANSLIT: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Ђ: 'D', Ѓ: 'G', Е: 'E', Ж: 'Z', З: 'Z', Ѕ: 'DZ', И: 'I', Ј: 'J', К: 'K', Л: 'L', Љ: 'LJ', М: 'M',
  Н: 'N', Њ: 'NJ', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'C', Ќ: 'K', У: 'U', Ф: 'F', Х: 'H', Ц: 'C', Ч: 'C', Џ: 'DZ', Ш: 'S',
  Й: 'J', Ы: 'Y', Э: 'E', Ю: 'JU', Я: 'JA', Щ: 'S', Ь: '', Ъ: '', Ё: 'E', І: 'I', Ї: 'I', Є: 'E',
};
/** Cyrillic and Greek capitals that look like Latin ones ("SЕCRET" with a Cyrillic Е). */
const LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
/** Invisible characters: format controls (zero-width space, joiners, soft hyphen, BOM…) and fillers. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
/** What may stand between the words of a marking, in any number (zero: the words ran together). */
const SEP = '[\\s\\p{Pd}\\u2212/\\\\\\u2044\\u2215\\u29F8_.\\u00B7]*';
const LINE_BREAK = /[\n\r\u2028\u2029\v\f]/;

interface Folded {
  text: string;
  /** Index in the NFKC text of each character of `text`. */
  origin: number[];
}

/** Latin-only, accent-free upper case of `src` (NFKC), mapping each character back to where it came from. */
function fold(src: string, letters: Record<string, string>): Folded {
  const parts: string[] = [];
  const origin: number[] = [];
  let i = 0;
  for (const ch of src) {
    const mapped = foldChar(ch, letters);
    for (const out of mapped) {
      parts.push(out);
      origin.push(i);
    }
    i += ch.length;
  }
  return { text: parts.join(''), origin };
}

const folds = new Map<Record<string, string>, Map<string, string>>();
function foldChar(ch: string, letters: Record<string, string>): string {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch.toUpperCase();
  let cache = folds.get(letters);
  if (!cache) folds.set(letters, (cache = new Map()));
  let out = cache.get(ch);
  if (out === undefined) {
    const upper = ch.toUpperCase();
    out = INVISIBLE.test(ch) ? '' : (letters[upper] ?? upper).normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D');
    if (cache.size < 10_000) cache.set(ch, out);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matcher {
  re: RegExp;
  entries: ClassificationMarking[];
  kind: ClassificationMarking['kind'];
}

/** One matcher per distinct term (Latin and Cyrillic spellings of a term fold to the same key). */
const MATCHERS: Matcher[] = (() => {
  const byKey = new Map<string, ClassificationMarking[]>();
  for (const entry of CLASSIFICATION_MARKINGS) {
    const key = fold(entry.term.normalize('NFKC'), TRANSLIT).text.split(/\s+/).filter(Boolean).join(' ');
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  // Longest first: "STROGO POVJERLJIVO" is reported as itself, not as the "POVJERLJIVO" inside it.
  return [...byKey].sort(([a], [b]) => b.length - a.length).map(([key, entries]) => ({
    re: new RegExp(`(?<![\\p{L}\\p{N}])${key.split(' ').map(escape).join(SEP)}(?![\\p{L}\\p{N}])`, 'gu'),
    entries,
    kind: entries.some((e) => e.kind === 'marking') ? 'marking' : 'word',
  }));
})();

/** "NON-CLASSIFIED", "NOT RESTRICTED": the negation of a level is no marking. */
const NEGATED = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:NON|NOT)${SEP}$`, 'u');

/**
 * Written the way markings are: every word of two letters or more has a capital after its first
 * letter (SECRET, SeCrEt, EU RESTRICTED), which ordinary prose ("EU restricted", "Top Secret") has not.
 */
function writtenAsMarking(span: string): boolean {
  const words = (span.match(/\p{L}+/gu) ?? []).map((word) => [...word]).filter((letters) => letters.length > 1);
  return words.length > 0 && words.every((letters) => /\p{Lu}/u.test(letters.slice(1).join('')));
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Nothing but the term (and punctuation) on its line: a header or footer. Walks out to the nearest letter. */
function aloneOnLine(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && !LINE_BREAK.test(text[i]!); i--) if (LETTER_OR_DIGIT.test(text[i]!)) return false;
  for (let i = end; i < text.length && !LINE_BREAK.test(text[i]!); i++) if (LETTER_OR_DIGIT.test(text[i]!)) return false;
  return true;
}

interface Hit {
  entry: ClassificationMarking;
  /** Where the marking is in the NFKC form of the text. */
  start: number;
  end: number;
}

function judge(nfkc: string, folded: Folded, matcher: Matcher): Hit | null {
  for (const hit of folded.text.matchAll(matcher.re)) {
    const start = folded.origin[hit.index]!;
    const last = folded.origin[hit.index + hit[0].length - 1]!;
    const end = last + (nfkc.codePointAt(last)! > 0xffff ? 2 : 1);
    const span = nfkc.slice(start, end);
    const entry = matcher.entries.find((e) => /\p{Script=Cyrillic}/u.test(e.term) === /\p{Script=Cyrillic}/u.test(span)) ?? matcher.entries[0]!;
    if (matcher.kind === 'marking') return { entry, start, end };
    const before = folded.text.slice(Math.max(0, hit.index - 24), hit.index);
    if (/['’ʼ]$/.test(before) || NEGATED.test(before)) continue;
    if (writtenAsMarking(span) || aloneOnLine(nfkc, start, end)) return { entry, start, end };
  }
  return null;
}

function hitIn(nfkc: string): Hit | null {
  const passes = [fold(nfkc, TRANSLIT), fold(nfkc, LOOKALIKE)];
  for (const matcher of MATCHERS) {
    for (const folded of passes) {
      const found = judge(nfkc, folded, matcher);
      if (found) return found;
    }
  }
  return null;
}

function markingIn(text: string): string | null {
  return hitIn(text.normalize('NFKC'))?.entry.term ?? null;
}

/**
 * The text with its classification markings taken out, and the markings found, so a refused
 * answer can be kept for editing (never with the marking) and the marking pointed out.
 */
export function withoutClassificationMarkings(text: string): { text: string; markings: string[] } {
  let rest = text.normalize('NFKC');
  const markings: string[] = [];
  for (let i = 0; i < 50; i++) {
    const hit = hitIn(rest);
    if (!hit) break;
    markings.push(hit.entry.term);
    rest = `${rest.slice(0, hit.start)}${rest.slice(hit.end)}`;
  }
  const cleaned = rest.replace(/[ \t]{2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  return { text: cleaned, markings };
}

/** The marking found in the text, or null. Looks into nested values of a whole form too. */
export function findClassificationMarking(value: unknown): string | null {
  if (typeof value === 'string') return markingIn(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const m = findClassificationMarking(v);
      if (m) return m;
    }
    return null;
  }
  if (value && typeof value === 'object') return findClassificationMarking(Object.values(value));
  return null;
}

/** The refusal when the rest of the text was kept: the marking named, the person asked to check what is left. */
export function classificationRefusalKept(markings: string[]): string {
  const named = [...new Set(markings)].map((m) => `"${m}"`).join(', ');
  return (
    `Your text carries the marking ${named}. Slack and Teams are not accredited for classified information, so I have not stored it. ` +
    'I took the marking out and kept the rest of your text here for you to check; please send classified material through your accredited channel.'
  );
}

export function classificationRefusal(marking: string): string {
  return (
    `Your text carries the marking "${marking}". Slack and Teams are not accredited for classified ` +
    'information, so I have not stored it. Please send classified material through your accredited channel, ' +
    'and write here only an unclassified description.'
  );
}
