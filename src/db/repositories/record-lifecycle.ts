import type { Actor } from '../../domain/actor';
import { NEED_CHAIN, statusInText, whyNotStep } from '../../domain/need-chain';
import { canRestoreRecord, canWithdrawRecord } from '../../domain/permissions';
import { AppError, forbidden } from '../../errors';
import type { AuditChange } from '../models/audit.model';
import type { RecordDoc } from '../models/record.model';
import type { CheckinsRepository } from './checkins.repository';
import type { RepoContext } from './context';

/** Writes a new version of a record (records.repository.ts): snapshot, record, audit entry. */
export type VersionWriter = (
  actor: Actor,
  before: RecordDoc,
  patch: Partial<Pick<RecordDoc, 'data' | 'status' | 'lastConfirmedAt'>>,
  audit: { action: string; changes?: AuditChange[]; note?: string },
  extra?: { note?: string; reference?: string },
) => Promise<RecordDoc>;

export interface NeedMove {
  record: RecordDoc;
  from: string;
  to: string;
  /** The step's wording: "validated by the IISG Secretariat". */
  done: string;
}

const MAX_REASON = 500;
const json = (v: unknown) => JSON.stringify(v ?? null);

/**
 * A record's place in its lifecycle beyond ordinary edits: the steps of a need's decision chain
 * (with who, when and the decision's reference in its versions and the audit log), and the
 * withdrawal of a record entered by mistake (out of every report and count) with its restoration.
 */
export function recordLifecycle(
  ctx: RepoContext,
  deps: { checkins: CheckinsRepository; load: (actor: Actor, id: string) => Promise<RecordDoc>; writeVersion: VersionWriter },
) {
  const { records } = ctx.models;
  const clean = (text: string | undefined, what: string): string | undefined => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    if (t.length > MAX_REASON) throw new AppError('BAD_REQUEST', `Please keep the ${what} under ${MAX_REASON} characters.`);
    return t || undefined;
  };

  return {
    /**
     * One step of a need's decision chain: validated, discussed, proposed to the Board, a Board
     * decision (adopted, returned, rejected: by a Board member or the Secretariat, with the
     * decision's reference), proposed again, closed. `expectVersion` guards a button pressed on an
     * old message.
     */
    async moveNeed(actor: Actor, id: string, to: string, opts: { reference?: string; note?: string; expectVersion?: number } = {}): Promise<NeedMove> {
      const before = await deps.load(actor, id);
      if (before.type !== 'need') throw new AppError('BAD_REQUEST', `${id} is not a need: only needs go through the decision chain.`);
      if (before.status === 'withdrawn') throw forbidden(`${id} was withdrawn. The IISG Secretariat can restore it.`);
      const from = String(before.data.status ?? 'proposed');
      const reference = clean(opts.reference, 'decision reference');
      const note = clean(opts.note, 'note');
      if (from === to) throw new AppError('BAD_REQUEST', `${id} is already ${statusInText(to)}.`);
      const why = whyNotStep(actor, from, to, { reference });
      if (why) throw forbidden(why);
      // The partner's own step (proposing a returned need again) is theirs only for their own need.
      if (actor.role !== 'secretariat' && actor.role !== 'board' && !canWithdrawRecord(actor, before))
        throw forbidden('only the partner that stated this need, or the IISG Secretariat, can propose it again.');
      if (opts.expectVersion !== undefined && opts.expectVersion !== before.version)
        throw new AppError('CONFLICT', `${id} changed since that message. Type *chain ${id}* to see where it stands now.`);
      const step = NEED_CHAIN.find((s) => s.to === to && s.from.includes(from as never))!;
      const auditNote = [reference && `decision ${reference}`, note, actor.role === 'secretariat' && step.decision ? 'recorded by the IISG Secretariat on behalf of the Board' : undefined]
        .filter(Boolean)
        .join('; ');
      const record = await deps.writeVersion(
        actor,
        before,
        { data: { ...before.data, status: to } },
        { action: step.decision ? 'decision' : 'step', changes: [{ field: 'status', from: json(from), to: json(to) }], ...(auditNote ? { note: auditNote } : {}) },
        { ...(note ? { note } : {}), ...(reference ? { reference } : {}) },
      );
      return { record, from, to, done: step.done };
    },

    /**
     * Withdraws a record entered by mistake, with the reason: a new version, out of every report and
     * count. When it was the organisation's only record of its quarter, the quarter is no longer
     * counted as reported. Returns false when it was already withdrawn.
     */
    async withdraw(actor: Actor, id: string, reason: string): Promise<{ record: RecordDoc; changed: boolean; unreported: boolean }> {
      const before = await deps.load(actor, id);
      if (!canWithdrawRecord(actor, before)) throw forbidden('only the organisation that submitted this record, or the IISG Secretariat, can withdraw it.');
      const why = clean(reason, 'reason');
      if (!why) throw new AppError('BAD_REQUEST', `Please give the reason, e.g. *withdraw ${id} entered twice by mistake*.`);
      if (before.status === 'withdrawn') return { record: before, changed: false, unreported: false };
      const record = await deps.writeVersion(
        actor,
        before,
        { status: 'withdrawn' },
        { action: 'withdraw', changes: [{ field: 'status', from: json(before.status), to: json('withdrawn') }], note: why },
        { note: why },
      );
      const others = await records.countDocuments({ orgCode: before.orgCode, quarter: before.quarter, status: { $in: ['active', 'retired'] } });
      const unreported = others === 0 && (await deps.checkins.unmarkReported(actor, before.orgCode, before.quarter));
      return { record, changed: true, unreported };
    },

    /** Puts a withdrawn record back (Secretariat): active again, counted for its quarter again. */
    async restore(actor: Actor, id: string, note?: string): Promise<{ record: RecordDoc; changed: boolean }> {
      if (!canRestoreRecord(actor)) throw forbidden('only the IISG Secretariat can restore a withdrawn record.');
      const before = await deps.load(actor, id);
      if (before.status !== 'withdrawn') return { record: before, changed: false };
      const why = clean(note, 'note');
      const record = await deps.writeVersion(
        actor,
        before,
        { status: 'active' },
        { action: 'restore', changes: [{ field: 'status', from: json('withdrawn'), to: json('active') }], ...(why ? { note: why } : {}) },
        why ? { note: why } : {},
      );
      await deps.checkins.markReported(actor, before.orgCode, before.quarter);
      return { record, changed: true };
    },
  };
}
