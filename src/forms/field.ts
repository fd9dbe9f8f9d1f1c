import { z } from 'zod';
import type { Vocab } from '../config/vocabulary';
import type { Actor } from '../domain/actor';

/**
 * A form field: its zod schema (what is valid and stored) and its metadata (how to ask for it),
 * declared once. Forms are built from these; every renderer reads the same definitions.
 */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'choice'
  | 'multichoice'
  | 'date'
  | 'datetime'
  | 'number'
  | 'url'
  | 'confirm'
  | 'lines'
  | 'orgs'
  | 'need-ids'
  | 'need-links'
  | 'action-items';

export interface FieldMeta {
  kind: FieldKind;
  label: string;
  help?: string;
  example?: string;
  optional: boolean;
  maxLength?: number;
  /** Fixed choice list (codes and labels) for choice/multichoice. */
  vocab?: Vocab;
  /** Not asked in the step-by-step chat (it has a default); still shown and editable in the whole form. */
  ask?: boolean;
  /** Asked only when this returns true for the answers so far. */
  when?: (answers: Record<string, unknown>) => boolean;
  /**
   * For choice fields whose options depend on who answers: the codes this person may choose, given
   * the answers so far and, when a submitted record is being edited, its stored values. Every
   * rendering offers only these and every check refuses the rest (src/forms/field-choices.ts).
   */
  choicesFor?: ChoicesFor;
  /** With `when` on a required field: when it is required, for whole forms that show it always ("Required unless…"). */
  requiredWhen?: string;
  /**
   * A short name for the review, summaries and spreadsheet column headers, when the label is a whole
   * question ("Kind" for "What kind of development is it?", "Country" for "Which partner has this need?").
   */
  short?: string;
  /** For 'orgs': the text field naming organisations outside the roster (an "Other" entry is offered). */
  other?: string;
}

export type ChoicesFor = (actor: Actor, answers: Record<string, unknown>, stored?: Record<string, unknown>) => readonly string[];

export interface Field<S extends z.ZodType = z.ZodType> {
  schema: S;
  meta: FieldMeta;
}

type Common = { label: string; help?: string; example?: string; when?: FieldMeta['when']; ask?: boolean; choicesFor?: ChoicesFor; requiredWhen?: string; short?: string };

/** No NUL and no other control characters but newline and tab (FerretDB refuses NUL; none belong in a record). */
const cleanText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min > 1 ? `Please write at least ${min} characters.` : 'Please write something here.')
    .max(max, `Please keep this under ${max} characters.`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'Please remove the special control characters.');

function finish<S extends z.ZodType>(schema: S, meta: Omit<FieldMeta, 'optional'>, optional?: boolean) {
  return optional
    ? { schema: schema.optional(), meta: { ...meta, optional: true } }
    : { schema, meta: { ...meta, optional: false } };
}

export const field = {
  text: (o: Common & { max?: number; min?: number; optional?: boolean }) =>
    finish(cleanText(o.max ?? 200, o.min), { kind: 'text', maxLength: o.max ?? 200, ...o }, o.optional),

  longtext: (o: Common & { max?: number; min?: number; optional?: boolean }) =>
    finish(cleanText(o.max ?? 2000, o.min), { kind: 'longtext', maxLength: o.max ?? 2000, ...o }, o.optional),

  choice: <V extends Vocab>(vocab: V, o: Common & { optional?: boolean; default?: V['codes'][number] }) => {
    const base = z.enum(vocab.codes, { message: 'Please pick one of the options.' });
    if (o.default !== undefined)
      return { schema: base.default(o.default as never), meta: { kind: 'choice' as const, vocab, optional: true, ...o } };
    return finish(base, { kind: 'choice', vocab, ...o }, o.optional);
  },

  multichoice: <V extends Vocab>(vocab: V, o: Common & { optional?: boolean; max?: number }) =>
    finish(
      z
        .array(z.enum(vocab.codes, { message: 'Please pick from the options.' }))
        .min(o.optional ? 0 : 1, 'Please pick at least one.')
        .max(o.max ?? vocab.codes.length, `Please pick at most ${o.max ?? vocab.codes.length}.`)
        .transform((a) => [...new Set(a)]),
      { kind: 'multichoice', vocab, ...o },
      o.optional,
    ),

  date: (o: Common & { optional?: boolean }) =>
    finish(
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Please give a date such as 15 January 2027 or 2027-01-15.').refine(validDate, 'That date does not exist.'),
      { kind: 'date', ...o },
      o.optional,
    ),

  datetime: (o: Common & { optional?: boolean }) =>
    finish(z.iso.datetime({ offset: true, message: 'Please give a date and time such as 2027-01-20 10:00.' }), { kind: 'datetime', ...o }, o.optional),

  number: (o: Common & { optional?: boolean; min?: number; max?: number; integer?: boolean }) =>
    finish(
      (o.integer ? z.number().int('Please give a whole number.') : z.number())
        .min(o.min ?? 0, `Please give a number of at least ${o.min ?? 0}.`)
        .max(o.max ?? 1e12, 'That number is too large.'),
      { kind: 'number', ...o },
      o.optional,
    ),

  url: (o: Common & { optional?: boolean }) =>
    finish(
      z
        .string()
        .trim()
        .max(500, 'Please keep the link under 500 characters.')
        .regex(/^https?:\/\/[^\s<>|]+$/i, 'Please give a web link starting with https://'),
      { kind: 'url', maxLength: 500, ...o },
      o.optional,
    ),

  confirm: (o: Common) => ({ schema: z.literal(true, { message: 'Please confirm.' }), meta: { kind: 'confirm' as const, optional: false, ...o } }),

  lines: (o: Common & { optional?: boolean; maxItems?: number; maxLength?: number }) =>
    finish(
      z.array(cleanText(o.maxLength ?? 500)).min(o.optional ? 0 : 1, 'Please write at least one line.').max(o.maxItems ?? 30, `Please keep it to ${o.maxItems ?? 30} lines.`),
      { kind: 'lines', maxLength: o.maxLength ?? 500, ...o },
      o.optional,
    ),

  orgs: (o: Common & { optional?: boolean; max?: number; other?: string }) =>
    finish(
      z
        .array(z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, 'Please pick organisations from the list.'))
        .min(o.optional ? 0 : 1, 'Please name at least one organisation.')
        .max(o.max ?? 40)
        .transform((a) => [...new Set(a)]),
      { kind: 'orgs', ...o },
      o.optional,
    ),
};

function validDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1990 && y <= 2100;
}
