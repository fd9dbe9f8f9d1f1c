import { NEED_STATUSES } from '../config/vocabulary';
import type { Actor } from './actor';

/**
 * The decision chain of a need (DOMAIN.md; issue 15): proposed by the partner → validated by the
 * IISG Secretariat → discussed by the Support Group → proposed to the IISG Board → adopted, returned
 * for revision or rejected by the Board. The Board's decision is recorded by a Board member, or by
 * the Secretariat on the Board's behalf, always with the decision's reference.
 *
 * This module is the one statement of the chain. The records repository enforces it on every write
 * (chat, forms, CLI, imports); the forms offer only what it allows; the chat commands read their
 * buttons from it. Pure functions, no database.
 */
export type NeedStatus = (typeof NEED_STATUSES.codes)[number];
export type ChainRole = 'partner' | 'secretariat' | 'board';

export interface ChainStep {
  to: NeedStatus;
  from: readonly NeedStatus[];
  by: readonly ChainRole[];
  /** A decision of the Board: recorded with its reference, never through the need form. */
  decision?: true;
  /** The button that takes this step. */
  action: string;
  /** What happened, after "NM-2026-RS-014 is now …". */
  done: string;
}

export const NEED_CHAIN: readonly ChainStep[] = [
  { to: 'validated', from: ['proposed'], by: ['secretariat'], action: 'Validate', done: 'validated by the IISG Secretariat' },
  { to: 'agreed', from: ['validated'], by: ['secretariat'], action: 'Discussed by the Support Group', done: 'discussed by the Support Group' },
  { to: 'to-board', from: ['agreed'], by: ['secretariat'], action: 'Propose to the Board', done: 'proposed to the IISG Board' },
  { to: 'adopted', from: ['to-board'], by: ['board', 'secretariat'], decision: true, action: 'Adopted', done: 'adopted by the IISG Board' },
  { to: 'returned', from: ['to-board'], by: ['board', 'secretariat'], decision: true, action: 'Returned for revision', done: 'returned for revision by the IISG Board' },
  { to: 'rejected', from: ['to-board'], by: ['board', 'secretariat'], decision: true, action: 'Rejected', done: 'rejected by the IISG Board' },
  { to: 'proposed', from: ['returned'], by: ['partner', 'secretariat'], action: 'Propose again', done: 'proposed again' },
  { to: 'closed', from: ['adopted'], by: ['secretariat'], action: 'Close', done: 'closed (the need is met or no longer relevant)' },
];

export const BOARD_DECISIONS = NEED_CHAIN.filter((s) => s.decision).map((s) => s.to);

/** Nothing moves a need out of these; its partner can no longer change it (a new need can be stated). */
export const FINAL_STATUSES: readonly NeedStatus[] = ['rejected', 'closed'];

/**
 * A change of substance by the partner to a need past "proposed" sends it back for validation: what
 * is needed, why, for whom, how urgent. The title is a label and may be reworded freely.
 */
export const SUBSTANCE_FIELDS = ['country', 'needType', 'perspective', 'theme', 'description', 'justification', 'beneficiaryInstitution', 'priority', 'timeframe'] as const;
const SENT_BACK_FROM: readonly NeedStatus[] = ['validated', 'agreed', 'to-board', 'adopted', 'returned'];

const ROLE_NAMES: Record<ChainRole, string> = { partner: 'its partner', secretariat: 'the IISG Secretariat', board: 'the Board' };

export const statusLabel = (s: unknown) => NEED_STATUSES.labels[String(s)] ?? String(s ?? '—');
/** "validated by the Secretariat": the label inside a sentence (names keep their capitals). */
export const statusInText = (s: unknown) => statusLabel(s).replace(/^\w/, (c) => c.toLowerCase());
const lower = statusInText;

export function roleOf(actor: Pick<Actor, 'role'>): ChainRole {
  return actor.role === 'secretariat' ? 'secretariat' : actor.role === 'board' ? 'board' : 'partner';
}

const statusOf = (data: Record<string, unknown> | undefined): NeedStatus => (String(data?.status ?? 'proposed') as NeedStatus);

/** The steps this person may take from `from`. */
export function nextSteps(actor: Pick<Actor, 'role'>, from: unknown): ChainStep[] {
  const role = roleOf(actor);
  return NEED_CHAIN.filter((s) => s.from.includes(String(from) as NeedStatus) && s.by.includes(role));
}

/** What a new need may start as: the partner proposes; the Secretariat may enter a need it has validated. */
export function initialStatuses(actor: Pick<Actor, 'role'>): NeedStatus[] {
  return roleOf(actor) === 'secretariat' ? ['proposed', 'validated'] : roleOf(actor) === 'partner' ? ['proposed'] : [];
}

/**
 * The statuses the need form offers this person: for a new need its starting statuses; when editing,
 * the current one and the next steps that need no decision reference (Board decisions are recorded
 * with `decide`, which asks for it).
 */
export function formStatuses(actor: Pick<Actor, 'role'>, stored?: Record<string, unknown>): NeedStatus[] {
  if (!stored) return initialStatuses(actor);
  const from = statusOf(stored);
  return [from, ...nextSteps(actor, from).filter((s) => !s.decision).map((s) => s.to)];
}

/** Null when this person may move a need from `from` to `to`, else why not (a sentence after "Sorry, "). */
export function whyNotStep(actor: Pick<Actor, 'role'>, from: unknown, to: unknown, opts: { viaForm?: boolean; reference?: string } = {}): string | null {
  const role = roleOf(actor);
  const step = NEED_CHAIN.find((s) => s.to === to && s.from.includes(String(from) as NeedStatus));
  if (!step) {
    const next = NEED_CHAIN.filter((s) => s.from.includes(String(from) as NeedStatus));
    const mine = next.filter((s) => s.by.includes(role));
    const who = [...new Set(next.flatMap((s) => s.by))].map((r) => ROLE_NAMES[r]).join(' or ');
    const ways = !next.length ? 'That is final.' : mine.length ? `From there it can be ${mine.map((s) => lower(s.to)).join(' or ')}.` : `Only ${who} can move it further.`;
    return `a need ${lower(from)} cannot be ${lower(to)} directly. ${ways}`;
  }
  if (!step.by.includes(role)) {
    if (step.decision) return 'only the IISG Board decides on a need. A Board member or the IISG Secretariat records its decision.';
    return `only the IISG Secretariat records that a need is ${lower(to)}.`;
  }
  if (step.decision && opts.viaForm) return 'a Board decision is recorded with its reference: type *decide <need id> adopted|returned|rejected <decision reference>*.';
  if (step.decision && !opts.reference?.trim()) return 'please give the reference of the Board decision, e.g. *decide NM-2026-RS-014 adopted IISG Board 2027/03*.';
  return null;
}

export function isChangeOfSubstance(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return SUBSTANCE_FIELDS.some((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** What an edit of a need does to its place in the chain. */
export type EditPlan =
  | { ok: true; data: Record<string, unknown>; step?: { from: NeedStatus; to: NeedStatus; sentBack: boolean } }
  | { ok: false; why: string };

/**
 * An edit through the need form (or any other whole-record write): a status change must be an
 * allowed step without a decision; a partner's change of substance to a need past "proposed" sends
 * it back for validation (the earlier steps, the Board's adoption included, stay in its history).
 */
export function planEdit(actor: Pick<Actor, 'role'>, before: Record<string, unknown>, after: Record<string, unknown>): EditPlan {
  const role = roleOf(actor);
  const from = statusOf(before);
  const requested = (after.status === undefined ? from : String(after.status)) as NeedStatus;
  if (role !== 'secretariat' && FINAL_STATUSES.includes(from))
    return { ok: false, why: `this need is ${lower(from)}, so it can no longer be changed. You can state a new need instead.` };
  if (requested !== from) {
    const why = whyNotStep(actor, from, requested, { viaForm: true });
    if (why) return { ok: false, why };
    return { ok: true, data: { ...after, status: requested }, step: { from, to: requested, sentBack: false } };
  }
  if (role === 'partner' && SENT_BACK_FROM.includes(from) && isChangeOfSubstance(before, after))
    return { ok: true, data: { ...after, status: 'proposed' }, step: { from, to: 'proposed', sentBack: true } };
  return { ok: true, data: { ...after, status: requested } };
}

/** Whether a new need may start in this status for this person. */
export function whyNotInitial(actor: Pick<Actor, 'role'>, status: unknown): string | null {
  const allowed = initialStatuses(actor);
  if (allowed.includes(String(status ?? 'proposed') as NeedStatus)) return null;
  return allowed.length
    ? `a new need starts as ${allowed.map(lower).join(' or ')}. The next steps are recorded on the need itself.`
    : 'your role does not state needs.';
}
