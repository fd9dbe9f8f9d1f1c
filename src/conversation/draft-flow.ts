import type { DraftDoc } from '../db/models/draft.model';
import type { Actor } from '../domain/actor';
import { applicableFields, type FormDef } from '../forms/form';

/** The next question: the first applicable, askable field not yet visited; 'review' when none is left. */
export function nextCursor(form: FormDef, answers: Record<string, unknown>, trail: string[], actor: Actor): string {
  const visited = new Set(trail);
  const next = applicableFields(form, answers, actor).find((n) => form.fields[n]!.meta.ask !== false && !visited.has(n));
  return next ?? 'review';
}

/** Trail without fields that no longer apply (an earlier answer changed which questions are asked). */
export function pruneTrail(form: FormDef, draft: Pick<DraftDoc, 'answers' | 'trail'>, actor: Actor): string[] {
  const applicable = new Set(applicableFields(form, draft.answers, actor));
  return draft.trail.filter((n) => applicable.has(n));
}
