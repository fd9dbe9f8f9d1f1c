import type { Actor } from '../../domain/actor';
import type { SnoozeDoc } from '../models/snooze.model';
import { retryOnDuplicate, type RepoContext } from './context';

/** Snoozed reminders. A person snoozes their own reminders only, so no role check is needed. */
export function snoozesRepository(ctx: RepoContext) {
  const { snoozes } = ctx.models;
  return {
    async set(actor: Actor, quarter: string, until: Date): Promise<SnoozeDoc> {
      const now = ctx.clock.now();
      const doc: SnoozeDoc = {
        _id: `${actor.personId}|${quarter}`,
        personId: actor.personId,
        orgCode: actor.orgCode,
        quarter,
        snoozedAt: now,
        until,
        updatedAt: now,
      };
      const { _id, ...fields } = doc;
      await retryOnDuplicate(() => snoozes.updateOne({ _id }, { $set: fields }, { upsert: true }));
      return doc;
    },

    /** For the reminder planner: every snooze of these quarters. */
    async forQuarters(quarters: string[]): Promise<SnoozeDoc[]> {
      return snoozes.find({ quarter: { $in: quarters } }).lean<SnoozeDoc[]>();
    },
  };
}
export type SnoozesRepository = ReturnType<typeof snoozesRepository>;
