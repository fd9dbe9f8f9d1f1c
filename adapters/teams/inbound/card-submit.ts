import { z } from 'zod';
import { CHOICE_INPUT } from '../render/message-card';

/**
 * What a card's Action.Submit (message `value`) or Action.Execute (invoke `value.action.data`) sent:
 * our `{ verb, ... }` data with the card's inputs merged in by Teams. Card data is typed nowhere on
 * the way back, so it is checked here; anything else is `null` ("that button is no longer active").
 */
export type CardSubmit =
  | { verb: 'action'; id: string; value?: string }
  | { verb: 'answer'; draftId: string; field: string; choice: string }
  | { verb: 'form.submit'; draftId: string; raw: Record<string, string | string[]> };

export const SUBMIT_VERBS = ['action', 'answer', 'form.submit'] as const;

const shortId = z.string().min(1).max(128);
const actionData = z.object({ verb: z.literal('action'), id: shortId, value: z.string().max(2000).optional() });
const answerData = z.object({ verb: z.literal('answer'), draftId: shortId, field: shortId, [CHOICE_INPUT]: z.string().max(4000).optional() });
const formData = z.object({ verb: z.literal('form.submit'), draftId: shortId });
const MAX_INPUT = 20_000;

export function parseCardSubmit(data: unknown): CardSubmit | null {
  const a = actionData.safeParse(data);
  if (a.success) return { verb: 'action', id: a.data.id, ...(a.data.value !== undefined ? { value: a.data.value } : {}) };
  const q = answerData.safeParse(data);
  if (q.success) return { verb: 'answer', draftId: q.data.draftId, field: q.data.field, choice: q.data[CHOICE_INPUT] ?? '' };
  const f = formData.safeParse(data);
  if (f.success) return { verb: 'form.submit', draftId: f.data.draftId, raw: formInputs(data as Record<string, unknown>) };
  return null;
}

/** The card's inputs by field name: `f_<field>` as typed, `fm_<field>` (multi-select) split into codes. */
export function formInputs(data: Record<string, unknown>): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data)) {
    const m = /^(fm?)_([A-Za-z][A-Za-z0-9]{0,63})$/.exec(key);
    if (!m || typeof value !== 'string' || value.length > MAX_INPUT) continue;
    raw[m[2]!] = m[1] === 'fm' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  }
  return raw;
}

/** Action.Execute puts the verb on the action and our data (with the inputs) beside it. */
export function executeData(value: unknown): unknown {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | null)?.action;
  const data = action?.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  return typeof action?.verb === 'string' ? { ...data, verb: action.verb } : data;
}
