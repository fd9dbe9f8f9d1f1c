import type { Actor } from '../../domain/actor';
import { canExempt, canSeeStatusOf, isSecretariat } from '../../domain/permissions';
import { forbidden } from '../../errors';
import type { CheckinDoc } from '../models/checkin.model';
import type { AuditRepository } from './audit.repository';
import { isDuplicateKey, type RepoContext } from './context';

/** Quarterly check-ins: one per organisation and quarter. Absence means "not reported yet". */
export function checkinsRepository(ctx: RepoContext, audit: AuditRepository) {
  const { checkins } = ctx.models;
  const key = (orgCode: string, quarter: string) => `${orgCode}|${quarter}`;

  async function upsertState(actor: Actor, orgCode: string, quarter: string, state: CheckinDoc['state'], note?: string): Promise<CheckinDoc['state']> {
    const now = ctx.clock.now();
    const id = key(orgCode, quarter);
    // Read first: after an organisation's first record of the quarter, its next ones change nothing here.
    let existing = await checkins.findById(id).lean<CheckinDoc>();
    if (!existing) {
      try {
        await checkins.create({ _id: id, orgCode, quarter, state, firstAt: now, lastAt: now, by: actor.personId, note });
        await audit.record(actor, { action: state, entity: 'checkin', entityId: id, ...(note ? { note } : {}) });
        return state;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      existing = (await checkins.findById(id).lean<CheckinDoc>())!;
    }
    // A real submission outranks a nil return; an exemption is only replaced by a submission.
    const nextState = state === 'submitted' || existing.state === 'submitted' ? 'submitted' : existing.state === 'exempt' && state === 'nil-return' ? 'exempt' : state;
    if (nextState === existing.state && (!note || note === existing.note)) return nextState;
    await checkins.updateOne({ _id: existing._id }, { $set: { state: nextState, lastAt: now, ...(note ? { note } : {}) } });
    const changes = [
      ...(nextState !== existing.state ? [{ field: 'state', from: JSON.stringify(existing.state), to: JSON.stringify(nextState) }] : []),
      ...(note && note !== existing.note ? [{ field: 'note', from: JSON.stringify(existing.note ?? null), to: JSON.stringify(note) }] : []),
    ];
    if (changes.length) await audit.record(actor, { action: nextState, entity: 'checkin', entityId: existing._id, changes, ...(note ? { note } : {}) });
    return nextState;
  }

  async function removeState(actor: Actor, orgCode: string, quarter: string, state: CheckinDoc['state'], action: string): Promise<boolean> {
    const existing = await checkins.findById(key(orgCode, quarter)).lean<CheckinDoc>();
    if (existing?.state !== state) return false;
    const res = await checkins.deleteOne({ _id: existing._id, state });
    if (res.deletedCount !== 1) return false;
    await audit.record(actor, {
      action,
      entity: 'checkin',
      entityId: existing._id,
      changes: [{ field: 'state', from: JSON.stringify(state), to: 'null' }],
      ...(existing.note ? { note: existing.note } : {}),
    });
    return true;
  }

  return {
    markReported: (actor: Actor, orgCode: string, quarter: string) => upsertState(actor, orgCode, quarter, 'submitted'),

    /** "Nothing new this quarter": a valid report. Returns the resulting state. */
    async nilReturn(actor: Actor, quarter: string): Promise<CheckinDoc['state']> {
      if (actor.role !== 'member' && !isSecretariat(actor)) throw forbidden('only members report for their organisation.');
      return upsertState(actor, actor.orgCode, quarter, 'nil-return');
    },

    /**
     * The Secretariat excuses an organisation from a quarter's report, with the reason: reminders
     * stop and every report shows it as exempt. A quarter already reported stays reported.
     */
    async exempt(actor: Actor, orgCode: string, quarter: string, note?: string): Promise<CheckinDoc['state']> {
      if (!canExempt(actor)) throw forbidden('only the IISG Secretariat can exempt an organisation.');
      const existing = await checkins.findById(key(orgCode, quarter)).lean<CheckinDoc>();
      if (existing && existing.state !== 'exempt') return existing.state;
      return upsertState(actor, orgCode, quarter, 'exempt', note);
    },

    /** Undoes an exemption: the quarter is due (or overdue) again. False when it was not exempt. */
    async unexempt(actor: Actor, orgCode: string, quarter: string): Promise<boolean> {
      if (!canExempt(actor)) throw forbidden('only the IISG Secretariat can undo an exemption.');
      return removeState(actor, orgCode, quarter, 'exempt', 'unexempt');
    },

    /** Its only record of the quarter was withdrawn: the organisation has not reported after all. */
    unmarkReported: (actor: Actor, orgCode: string, quarter: string) => removeState(actor, orgCode, quarter, 'submitted', 'unreported'),

    async get(actor: Actor, orgCode: string, quarter: string): Promise<CheckinDoc | null> {
      if (!canSeeStatusOf(actor, orgCode)) throw forbidden('you can see the status of your own organisation only.');
      return checkins.findById(key(orgCode, quarter)).lean<CheckinDoc>();
    },

    /** For jobs and reports (callers check permissions): every check-in of these quarters. */
    async forQuarters(quarters: string[]): Promise<CheckinDoc[]> {
      return checkins.find({ quarter: { $in: quarters } }).lean<CheckinDoc[]>();
    },

    /** For the reminder job: has this organisation reported (or been exempted) for the quarter? */
    async isSettled(orgCode: string, quarter: string): Promise<boolean> {
      return (await checkins.countDocuments({ _id: key(orgCode, quarter) })) > 0;
    },
  };
}
export type CheckinsRepository = ReturnType<typeof checkinsRepository>;
