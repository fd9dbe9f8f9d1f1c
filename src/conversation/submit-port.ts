import type { Actor } from '../domain/actor';
import type { FieldErrors, FormDef, FormId } from '../forms/form';

/**
 * What the conversation needs from whoever stores a form's answers (src/submissions implements
 * it): the conversation owns drafts, exactly-once and wording; the submitter owns records.
 */
export type SubmitResult =
  | { ok: true; id: string; kind: 'created' | 'updated' | 'nil-return' | 'unchanged'; version?: number; quarter: string; notice?: string }
  | { ok: false; errors: FieldErrors };

export interface SubmitOptions {
  recordId?: string;
  baseVersion?: number;
}

export interface Submitter {
  submit(actor: Actor, form: FormDef, answers: Record<string, unknown>, opts?: SubmitOptions): Promise<SubmitResult>;
  /** Checks only the database can answer (linked needs exist, organisations exist), as field errors. */
  crossCheck(actor: Actor, form: FormDef, data: Record<string, unknown>): Promise<FieldErrors>;
}

/** A form whose records are not stored as update/need/response (the meeting form) plugs in here. */
export type FormSink = (
  actor: Actor,
  data: Record<string, unknown>,
  opts: SubmitOptions,
) => Promise<{ id: string; kind: 'created' | 'updated' | 'unchanged'; version?: number }>;

export type SinkMap = Partial<Record<FormId, FormSink>>;
