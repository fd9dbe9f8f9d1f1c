import { BENEFICIARIES, THEMES } from '../config/vocabulary';
import type { OrganisationDoc } from '../db/models/organisation.model';
import { formatQuarter, parseQuarter } from '../domain/quarter';

/**
 * The options people type after `report <name>`, in any order: `2026-Q4`, `2025-2026`, `2026`,
 * `Albania` / `AL` / `Kosovo`, a theme code or label (`border-checks`, "Border checks",
 * "surveillance"), an organisation (`GIZ`, "DG NEAR"). `country=RS` style is accepted too. A
 * multi-word name is matched on the longest run of words first, so "North Macedonia" is one option.
 */
export type OptionKind = 'quarter' | 'cycle' | 'year' | 'country' | 'theme' | 'organisation';

export interface ReportOptions {
  quarters?: string[];
  cycle?: Cycle;
  year?: number | 'all';
  country?: string;
  theme?: string;
  organisation?: string;
}

/** A needs-mapping cycle: two calendar years, e.g. 2025-2026. */
export interface Cycle {
  from: number;
  to: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_SPAN = 6;
const KEYS: Record<string, OptionKind> = {
  quarter: 'quarter',
  q: 'quarter',
  cycle: 'cycle',
  year: 'year',
  country: 'country',
  beneficiary: 'country',
  theme: 'theme',
  provider: 'organisation',
  org: 'organisation',
  organisation: 'organisation',
  organization: 'organisation',
};

/** Lower case, no accents, no "*" (people type "Kosovo" or "Kosovo*"), single spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\*/g, '')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const COUNTRY_ALIASES: Record<string, string> = {
  bih: 'BA',
  bosnia: 'BA',
  kosova: 'XK',
  macedonia: 'MK',
  'n macedonia': 'MK',
  region: 'REGIONAL',
  regional: 'REGIONAL',
};

export function matchCountry(text: string): string | undefined {
  const n = normalise(text);
  for (const [code, label] of BENEFICIARIES.pairs) {
    if (n === code.toLowerCase() || n === normalise(label)) return code;
  }
  if (n === 'kosovo') return 'XK';
  return COUNTRY_ALIASES[n];
}

/** A theme code, its label, or words found in exactly one theme ("surveillance"). */
export function matchTheme(text: string): ParseResult<string> | undefined {
  const n = normalise(text).replace(/-/g, ' ');
  if (n.length < 3) return undefined;
  const exact = THEMES.pairs.find(([code, label]) => n === code.replace(/-/g, ' ') || n === normalise(label));
  if (exact) return { ok: true, value: exact[0] };
  const words = new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const partial = THEMES.pairs.filter(([code, label]) => words.test(normalise(label)) || words.test(code.replace(/-/g, ' ')));
  if (partial.length === 1) return { ok: true, value: partial[0]![0] };
  if (partial.length > 1) return { ok: false, error: `"${text}" fits several themes (${partial.map(([, l]) => l).join('; ')}). Please be more precise.` };
  return undefined;
}

export function matchOrganisation(text: string, organisations: readonly OrganisationDoc[]): string | undefined {
  const n = normalise(text).replace(/-/g, ' ');
  const org = organisations.find((o) => normalise(o._id).replace(/-/g, ' ') === n || normalise(o.shortName).replace(/-/g, ' ') === n);
  return org?._id;
}

export function parseCycle(text: string): Cycle | undefined {
  const m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
  return to === from + 1 ? { from, to } : undefined;
}

/** The cycle a year belongs to: cycles start in odd years (2025-2026, 2027-2028). */
export function cycleOfYear(year: number): Cycle {
  const from = year % 2 === 1 ? year : year - 1;
  return { from, to: from + 1 };
}

export const formatCycle = (c: Cycle) => `${c.from}-${c.to}`;

/** One option from a run of words, or undefined when the words mean nothing we know. */
function matchOne(text: string, kinds: readonly OptionKind[], orgs: readonly OrganisationDoc[]): ParseResult<{ kind: OptionKind; value: string }> | undefined {
  const keyed = /^([a-z]+)\s*[=:]\s*(.+)$/i.exec(text.trim());
  if (keyed && KEYS[keyed[1]!.toLowerCase()]) {
    const kind = KEYS[keyed[1]!.toLowerCase()]!;
    if (!kinds.includes(kind)) return { ok: false, error: `This report has no ${kind} option.` };
    return matchOne(keyed[2]!, [kind], orgs) ?? { ok: false, error: `"${keyed[2]}" is not a ${kind} I know.` };
  }
  const t = text.trim();
  const quarter = parseQuarter(t) ?? parseQuarter(t.replace(/^(q[1-4])\s+(\d{4})$/i, '$2-$1'));
  if (quarter && kinds.includes('quarter')) return { ok: true, value: { kind: 'quarter', value: formatQuarter(quarter) } };
  const cycle = parseCycle(t);
  if (cycle && kinds.includes('cycle')) return { ok: true, value: { kind: 'cycle', value: formatCycle(cycle) } };
  if (/^\d{4}$/.test(t) && (kinds.includes('year') || kinds.includes('cycle'))) return { ok: true, value: { kind: kinds.includes('year') ? 'year' : 'cycle', value: t } };
  if (/^all$/i.test(t) && kinds.includes('year')) return { ok: true, value: { kind: 'year', value: 'all' } };
  if (kinds.includes('country')) {
    const c = matchCountry(t);
    if (c) return { ok: true, value: { kind: 'country', value: c } };
  }
  if (kinds.includes('organisation')) {
    const o = matchOrganisation(t, orgs);
    if (o) return { ok: true, value: { kind: 'organisation', value: o } };
  }
  if (kinds.includes('theme')) {
    const th = matchTheme(t);
    if (th) return th.ok ? { ok: true, value: { kind: 'theme', value: th.value } } : th;
  }
  return undefined;
}

/**
 * Reads the options of one report. `kinds` are the options that report takes; anything else is
 * an error that says what was not understood and what is accepted.
 */
export function parseReportOptions(tokens: readonly string[], kinds: readonly OptionKind[], orgs: readonly OrganisationDoc[]): ParseResult<ReportOptions> {
  const words = tokens.flatMap((t) => t.split(/\s+/)).filter(Boolean);
  const out: ReportOptions = {};
  const seen = new Set<OptionKind>();
  let i = 0;
  while (i < words.length) {
    let found: { kind: OptionKind; value: string; used: number } | undefined;
    let problem: string | undefined;
    for (let n = Math.min(MAX_SPAN, words.length - i); n >= 1 && !found; n--) {
      const m = matchOne(words.slice(i, i + n).join(' '), kinds, orgs);
      if (m?.ok) found = { ...m.value, used: n };
      else if (m && !problem) problem = m.error;
    }
    if (!found) return { ok: false, error: problem ?? `I did not understand "${words[i]}".` };
    if (seen.has(found.kind) && found.kind !== 'quarter') return { ok: false, error: `Please give one ${found.kind} only.` };
    seen.add(found.kind);
    apply(out, found.kind, found.value);
    i += found.used;
  }
  if ((out.quarters?.length ?? 0) > 2) return { ok: false, error: 'Please give one quarter, or two for a range (e.g. 2025-Q3 2026-Q2).' };
  return { ok: true, value: out };
}

function apply(out: ReportOptions, kind: OptionKind, value: string): void {
  switch (kind) {
    case 'quarter':
      out.quarters = [...(out.quarters ?? []), value];
      return;
    case 'cycle':
      out.cycle = parseCycle(value) ?? cycleOfYear(Number(value));
      return;
    case 'year':
      out.year = value === 'all' ? 'all' : Number(value);
      return;
    case 'country':
      out.country = value;
      return;
    case 'theme':
      out.theme = value;
      return;
    case 'organisation':
      out.organisation = value;
      return;
  }
}
