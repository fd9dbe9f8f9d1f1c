import type { ChoiceOption } from '../messages/bot-message';
import type { FieldMeta } from './field';
import { dateProblem, parseDate, parseDateTime } from './parse-date';
import { nearestOption } from './suggest';
import { OTHER_ORG, orgChoices } from './org-choices';

export interface ParseContext {
  now: Date;
  timeZone: string;
  /** Organisation codes and names, for 'orgs' and action-item owners. */
  organisations: ChoiceOption[];
}

/** A refused answer: why, and (for a near miss) the option it was probably meant to be. */
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string; suggestion?: ChoiceOption };

const SKIP = /^(skip|none|n\/a|na|-|no|nothing)$/i;

/**
 * Turns what a person typed (or picked) into the value the field's zod schema checks. Platform
 * inputs that are already structured (a select's code, a multi-select's codes) pass through.
 */
export function parseAnswer(meta: FieldMeta, input: string | string[] | undefined, ctx: ParseContext): Parsed {
  // Picked from a select: need links and ids come back as the options' values ("NM-2026-RS-014 full").
  if (Array.isArray(input) && (meta.kind === 'need-links' || meta.kind === 'need-ids')) return parseAnswer(meta, input.join(', '), ctx);
  if (Array.isArray(input)) return parseList(meta, input, ctx);
  const text = (input ?? '').trim();
  if (!text || (meta.optional && SKIP.test(text) && meta.kind !== 'confirm')) return { ok: true, value: undefined };
  switch (meta.kind) {
    case 'text':
    case 'longtext':
      return { ok: true, value: text };
    case 'url':
      return { ok: true, value: completeLink(text) };
    case 'choice': {
      const code = matchChoice(options(meta), text);
      if (code) return { ok: true, value: code };
      const near = nearestOption(options(meta), text);
      if (near) return { ok: false, error: `"${clipped(text)}" is not one of the options. Did you mean *${near.label}*?`, suggestion: near };
      return { ok: false, error: `Please pick one of: ${options(meta).map((o, i) => `${i + 1}. ${o.label}`).join(', ')}.` };
    }
    case 'multichoice':
    case 'orgs':
      return parseList(meta, splitList(text), ctx);
    case 'date': {
      const d = parseDate(text, ctx.now, ctx.timeZone);
      return d ? { ok: true, value: d } : { ok: false, error: dateProblem(text) };
    }
    case 'datetime': {
      const d = parseDateTime(text, ctx.now, ctx.timeZone);
      return d ? { ok: true, value: d } : { ok: false, error: 'Please give a date and time such as 2027-01-20 10:00.' };
    }
    case 'number': {
      const n = parseAmount(text);
      return n === null ? { ok: false, error: 'Please give a number such as 1,250,000 (or 1.25m).' } : { ok: true, value: n };
    }
    case 'confirm':
      return /^(yes|y|ok|confirm|true|1|da|po)$/i.test(text) ? { ok: true, value: true } : { ok: false, error: 'Please answer "yes" to confirm, or "cancel".' };
    case 'lines':
      return { ok: true, value: text.split(/\r?\n|;/).map((l) => l.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim()).filter(Boolean) };
    case 'need-ids':
      return { ok: true, value: splitList(text).map((s) => s.toUpperCase()) };
    case 'need-links':
      return parseNeedLinks(text);
    case 'action-items':
      return parseActionItems(text, ctx);
  }
}

function options(meta: FieldMeta): ChoiceOption[] {
  return meta.vocab ? meta.vocab.pairs.map(([value, label]) => ({ value, label })) : [];
}

const clipped = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** A link typed without its scheme ("www.mup.gov.rs/…", "mup.gov.rs/…") gets https:// in front. */
export function completeLink(text: string): string {
  if (/^https?:\/\//i.test(text)) return text;
  if (/^www\./i.test(text) || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?#]\S*)?$/i.test(text)) return `https://${text}`;
  return text;
}

/** A number in the list, a code, a label, or an unambiguous start of a label. */
export function matchChoice(opts: ChoiceOption[], text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\*/g, '');
  if (/^\d+$/.test(t)) return opts[Number(t) - 1]?.value;
  const exact = opts.find((o) => o.value.toLowerCase() === t || o.label.toLowerCase().replace(/\*/g, '') === t);
  if (exact) return exact.value;
  const starts = opts.filter((o) => o.label.toLowerCase().replace(/\*/g, '').startsWith(t) || o.value.toLowerCase().startsWith(t));
  if (starts.length === 1 && t.length >= 2) return starts[0]!.value;
  const contains = opts.filter((o) => o.label.toLowerCase().includes(t));
  return contains.length === 1 && t.length >= 3 ? contains[0]!.value : undefined;
}

function splitList(text: string): string[] {
  return text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean);
}

function parseList(meta: FieldMeta, items: string[], ctx: ParseContext): Parsed {
  const opts = meta.kind === 'orgs' ? orgChoices(meta, ctx.organisations) : options(meta);
  if (items.length === 1 && /^all$/i.test(items[0]!.trim())) {
    const all = opts.map((o) => o.value).filter((v) => v !== 'REGIONAL' && v !== OTHER_ORG.value);
    return { ok: true, value: all };
  }
  if (!opts.length) return { ok: true, value: items };
  const values: string[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const code = matchChoice(opts, item);
    if (code) values.push(code);
    else unknown.push(item);
  }
  if (!unknown.length) return { ok: true, value: values };
  const names = unknown.map((u) => `"${clipped(u)}"`).join(', ');
  const near = unknown.length === 1 ? nearestOption(opts, unknown[0]!) : undefined;
  if (near) return { ok: false, error: `I do not recognise ${names}. Did you mean *${near.label}*?`, suggestion: near };
  if (meta.kind === 'orgs')
    return { ok: false, error: `${names} ${unknown.length > 1 ? 'are' : 'is'} not in the roster. Pick from the list${meta.other ? `, or choose *${OTHER_ORG.label}* and name it at the next question` : ''}.` };
  return { ok: false, error: `I do not recognise ${names}. Pick from the list (numbers work too, e.g. 1, 3).` };
}

/** "1,250,000", "1 250 000", "1.25m", "250k", "EUR 40.000" (dots as thousands) → number. */
export function parseAmount(text: string): number | null {
  let t = text.toLowerCase().replace(/eur|€|euro?s?/g, '').replace(/\s|'/g, '').trim();
  let factor = 1;
  if (/(m|mio|million)$/.test(t)) {
    factor = 1e6;
    t = t.replace(/(m|mio|million)$/, '');
  } else if (/k$/.test(t)) {
    factor = 1e3;
    t = t.slice(0, -1);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * factor * 100) / 100;
}

function parseNeedLinks(text: string): Parsed {
  const links: { needId: string; coverage: string }[] = [];
  for (const part of splitList(text)) {
    const m = /^(\S+)\s*[:\s]\s*(full|fully|partial|partly|contributes?)$/i.exec(part);
    if (!m) return { ok: false, error: `"${part}" should be a need id and a coverage, e.g. "NM-2026-RS-014 full".` };
    const cov = m[2]!.toLowerCase();
    links.push({ needId: m[1]!.toUpperCase(), coverage: cov.startsWith('full') ? 'full' : cov.startsWith('part') ? 'partial' : 'contributes' });
  }
  return { ok: true, value: links };
}

function parseActionItems(text: string, ctx: ParseContext): Parsed {
  const items: { text: string; ownerOrg: string; due: string }[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const parts = line.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').split('|').map((s) => s.trim());
    if (parts.length !== 3) return { ok: false, error: `"${line}" should be: what | owner organisation | due date.` };
    const owner = matchChoice(ctx.organisations, parts[1]!);
    if (!owner) {
      const near = nearestOption(ctx.organisations, parts[1]!);
      return { ok: false, error: `"${clipped(parts[1]!)}" is not an organisation in the roster.${near ? ` Did you mean *${near.label}*?` : ' Use its name as in the roster, e.g. Serbia MoI.'}` };
    }
    const due = parseDate(parts[2]!, ctx.now, ctx.timeZone);
    if (!due) return { ok: false, error: `"${clipped(line)}": ${dateProblem(parts[2]!)}` };
    items.push({ text: parts[0]!, ownerOrg: owner, due });
  }
  return { ok: true, value: items };
}
