import { z } from 'zod';
import type { Actor } from '../domain/actor';
import type { Field } from './field';

export type FormId = 'update' | 'need' | 'response' | 'nil-return' | 'meeting';

/**
 * A form: its fields in asking order, a whole-record zod schema built from them (plus cross-field
 * rules), who may use it, and defaults for the person filling it in.
 */
export interface FormDef<F extends Record<string, Field> = Record<string, Field>> {
  id: FormId;
  title: string;
  /** One line shown when the form starts. */
  intro: string;
  fields: F;
  schema: z.ZodType<Record<string, unknown>>;
  allowed(actor: Actor): boolean;
  /** Answers filled in before the first question (e.g. a partner's own country). */
  defaults?(actor: Actor): Record<string, unknown>;
  /** Fields fixed for this person: not asked, not editable (e.g. a partner's own country). */
  fixed?(actor: Actor): string[];
  /** A short name for a draft of this form ("a need for Serbia"). */
  describe(answers: Record<string, unknown>): string;
  /** The form's cross-field rules alone (end date after start date), for answers so far: checked at each step. */
  rules?(answers: Record<string, unknown>): FieldErrors;
}

export function defineForm<F extends Record<string, Field>>(
  def: Omit<FormDef<F>, 'schema'> & {
    refine?: (data: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  },
): FormDef<F> {
  // A conditional field is optional in the schema, and required (when not optional) only while it applies.
  const shape = Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, f.meta.when ? f.schema.optional() : f.schema]));
  const conditional = Object.entries(def.fields).filter(([, f]) => f.meta.when);
  const schema = (z.object(shape).strip() as unknown as z.ZodType<Record<string, unknown>>).superRefine((data, ctx) => {
    for (const [name, f] of conditional) {
      const applies = f.meta.when!(data);
      if (!applies) delete data[name];
      else if (!f.meta.optional && data[name] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: `Please answer "${f.meta.label}".` });
    }
    def.refine?.(data, ctx);
  });
  const refine = def.refine;
  const rules = refine
    ? (answers: Record<string, unknown>): FieldErrors => {
        const errors: FieldErrors = {};
        const collect = { addIssue: (i: { path?: PropertyKey[]; message?: string }) => void (errors[String(i.path?.[0] ?? '_form')] ??= i.message ?? 'Please check this answer.') };
        refine({ ...answers }, collect as unknown as z.RefinementCtx);
        return errors;
      }
    : undefined;
  return { ...def, schema, ...(rules ? { rules } : {}) };
}

export type FieldErrors = Record<string, string>;
export type Validation = { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/** The whole record: zod's verdict, as data (`{ field: message }`), first message per field. */
export function validateForm(form: FormDef, answers: Record<string, unknown>): Validation {
  const res = form.schema.safeParse(answers);
  if (res.success) return { ok: true, data: res.data };
  const errors: FieldErrors = {};
  for (const issue of res.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= friendly(issue, form, key);
  }
  // zod skips the refinements while any field is wrong: conditional required fields and cross-field
  // rules are checked here too, so one Submit reports every problem.
  for (const [name, f] of Object.entries(form.fields)) {
    if (f.meta.when && !f.meta.optional && f.meta.when(answers) && (answers[name] === undefined || answers[name] === '')) errors[name] ??= `Please answer "${f.meta.label}".`;
  }
  for (const [key, message] of Object.entries(form.rules?.(answers) ?? {})) errors[key] ??= message;
  return { ok: false, errors };
}

/** One field on its own (step-by-step answers). */
export function validateField(form: FormDef, name: string, value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  const f = form.fields[name];
  if (!f) return { ok: false, error: 'Unknown field.' };
  const res = f.schema.safeParse(value);
  if (res.success) return { ok: true, value: res.data };
  return { ok: false, error: friendly(res.error.issues[0]!, form, name) };
}

function friendly(issue: z.core.$ZodIssue, form: FormDef, key: string): string {
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) {
    const label = form.fields[key]?.meta.label;
    return label ? `Please answer "${label}".` : 'This is required.';
  }
  return issue.message;
}

/** The answers as they would be stored for this person: the form's defaults, then the answers, fixed fields forced. */
export function withDefaults(form: FormDef, actor: Actor, answers: Record<string, unknown>): Record<string, unknown> {
  const defaults = form.defaults?.(actor) ?? {};
  const merged = { ...defaults, ...answers };
  for (const name of form.fixed?.(actor) ?? []) merged[name] = defaults[name];
  return merged;
}

/** Fields in asking order that apply to these answers and this person. */
export function applicableFields(form: FormDef, answers: Record<string, unknown>, actor?: Actor): string[] {
  const fixed = new Set(actor && form.fixed ? form.fixed(actor) : []);
  return Object.entries(form.fields)
    .filter(([name, f]) => !fixed.has(name) && (!f.meta.when || f.meta.when(answers)))
    .map(([name]) => name);
}
