import type { Calendar } from '../calendar/reporting-calendar';
import type { CommandSpec } from '../conversation/command-registry';
import { politely, say } from '../conversation/reply';
import type { OrganisationDoc } from '../db/models/organisation.model';
import type { Store } from '../db/store';
import type { Actor } from '../domain/actor';
import { classificationRefusal, findClassificationMarking } from '../domain/classification';
import { canExempt, reportsQuarterly } from '../domain/permissions';
import { addQuarters, formatQuarter, parseQuarter } from '../domain/quarter';
import { AppError, forbidden } from '../errors';

/**
 * Exemptions: the Secretariat excuses an organisation from a quarter's report (or a range of
 * quarters), with the reason, and can undo it. Reminders stop for it (the planner skips settled
 * organisations), and the status grid, `status`, the digest and `mine` show it as exempt with the
 * reason. Every change is in the audit log (src/db/repositories/checkins.repository.ts).
 */
export interface ExemptionRequest {
  organisation: string;
  /** One quarter, or the first and last of a range. */
  quarters: string[];
  reason?: string;
}

export interface ExemptionOutcome {
  org: OrganisationDoc;
  /** Quarters changed, and quarters left alone with why. */
  changed: string[];
  unchanged: { quarter: string; why: string }[];
}

const MAX_QUARTERS = 12;
const MAX_REASON = 300;

/** `<organisation words> <quarter> [<quarter>] <reason words>`. */
export function parseExemption(args: string[]): ExemptionRequest | { error: string } {
  const at = args.map((a, i) => (parseQuarter(a) ? i : -1)).filter((i) => i >= 0);
  if (!at.length || at[0] === 0) return { error: 'For example: *exempt Slovenia MoI 2026-Q2 2026-Q3 reorganisation of the ministry* (one quarter, or the first and last of a range).' };
  if (at.length > 2 || (at.length === 2 && at[1] !== at[0]! + 1)) return { error: 'Please give one quarter, or the first and the last quarter of a range, e.g. *2026-Q2 2026-Q3*.' };
  const reason = args.slice(at[at.length - 1]! + 1).join(' ').trim();
  return { organisation: args.slice(0, at[0]).join(' '), quarters: at.map((i) => formatQuarter(parseQuarter(args[i]!)!)), ...(reason ? { reason } : {}) };
}

function expand(quarters: string[]): string[] {
  const [a, b = a] = quarters.map((q) => parseQuarter(q)!);
  let from = a!;
  let to = b!;
  if (from.year * 4 + from.q > to.year * 4 + to.q) [from, to] = [to, from];
  const n = to.year * 4 + to.q - (from.year * 4 + from.q) + 1;
  if (n > MAX_QUARTERS) throw new AppError('BAD_REQUEST', `Please exempt at most ${MAX_QUARTERS} quarters at a time.`);
  return Array.from({ length: n }, (_, i) => formatQuarter(addQuarters(from, i)));
}

export function createExemptions(deps: { store: Store; calendar: Calendar }) {
  const { store } = deps;

  async function organisation(text: string): Promise<OrganisationDoc> {
    const org = await store.organisations.match(text);
    if (!org) throw new AppError('BAD_REQUEST', `I do not know the organisation "${text.slice(0, 60)}". Use its code or short name, e.g. MNZ-SI or Slovenia MoI.`);
    if (!reportsQuarterly(org)) throw new AppError('BAD_REQUEST', `${org.shortName} does not report quarterly, so it needs no exemption.`);
    return org;
  }

  return {
    async exempt(actor: Actor, req: ExemptionRequest): Promise<ExemptionOutcome> {
      if (!canExempt(actor)) throw forbidden('only the IISG Secretariat can exempt an organisation.');
      const reason = (req.reason ?? '').replace(/\s+/g, ' ').trim();
      if (!reason) throw new AppError('BAD_REQUEST', 'Please give the reason, so that everyone reading the status knows it, e.g. *… 2026-Q2 reorganisation of the ministry*.');
      if (reason.length > MAX_REASON) throw new AppError('BAD_REQUEST', `Please keep the reason under ${MAX_REASON} characters.`);
      const marking = findClassificationMarking(reason);
      if (marking) throw new AppError('CLASSIFIED', classificationRefusal(marking));
      const org = await organisation(req.organisation);
      const out: ExemptionOutcome = { org, changed: [], unchanged: [] };
      for (const q of expand(req.quarters)) {
        const before = await store.checkins.get(actor, org._id, q);
        const state = await store.checkins.exempt(actor, org._id, q, reason);
        if (state !== 'exempt') out.unchanged.push({ quarter: q, why: state === 'submitted' ? 'already reported' : 'already sent “nothing new”' });
        else if (before?.state === 'exempt' && before.note === reason) out.unchanged.push({ quarter: q, why: 'already exempt' });
        else out.changed.push(q);
      }
      return out;
    },

    async unexempt(actor: Actor, req: ExemptionRequest): Promise<ExemptionOutcome> {
      if (!canExempt(actor)) throw forbidden('only the IISG Secretariat can undo an exemption.');
      const org = await organisation(req.organisation);
      const out: ExemptionOutcome = { org, changed: [], unchanged: [] };
      for (const q of expand(req.quarters)) {
        if (await store.checkins.unexempt(actor, org._id, q)) out.changed.push(q);
        else out.unchanged.push({ quarter: q, why: 'not exempt' });
      }
      return out;
    },
  };
}
export type Exemptions = ReturnType<typeof createExemptions>;

const list = (qs: string[]) => (qs.length > 2 ? `${qs[0]} to ${qs[qs.length - 1]}` : qs.join(' and '));
const skipped = (o: ExemptionOutcome) => (o.unchanged.length ? ` Left as they were: ${o.unchanged.map((u) => `${u.quarter} (${u.why})`).join(', ')}.` : '');

/** `exempt …` and `exempt undo …` in chat (the CLI's `wbbsi exempt` says the same). */
export function exemptionText(o: ExemptionOutcome, undo: boolean, reason?: string): string {
  if (!o.changed.length) return `Nothing changed for ${o.org.shortName}.${skipped(o)}`;
  return undo
    ? `${o.org.shortName} is no longer exempt for ${list(o.changed)}: it is due again and will be reminded.${skipped(o)}`
    : `${o.org.shortName} is exempt for ${list(o.changed)} (${reason}). It will get no reminders for ${o.changed.length === 1 ? 'that quarter' : 'those quarters'}, and the status shows the reason.${skipped(o)}`;
}

export function exemptionCommands(ex: Exemptions): CommandSpec[] {
  const run = (undo: boolean) => async (actor: Actor, args: string[]) => {
    const req = parseExemption(args);
    if ('error' in req) return say(req.error);
    return politely(async () => {
      const out = undo ? await ex.unexempt(actor, req) : await ex.exempt(actor, req);
      return say(exemptionText(out, undo, req.reason));
    });
  };
  return [
    {
      name: 'exempt',
      access: 'secretariat',
      summary: 'excuse an organisation from reporting for a quarter (or a range), with the reason',
      usage: 'exempt <organisation> <quarter> [<last quarter>] <reason>',
      run: run(false),
    },
    {
      name: 'exempt undo',
      aliases: ['unexempt'],
      access: 'secretariat',
      summary: 'undo an exemption: the quarter is due again',
      usage: 'exempt undo <organisation> <quarter> [<last quarter>]',
      run: run(true),
    },
  ];
}
