import type { Actor } from '../../domain/actor';
import { canReadDraft } from '../../domain/permissions';
import { AppError } from '../../errors';
import type { DraftDoc } from '../models/draft.model';
import type { RepoContext } from './context';

/** Drafts are visible to their author's organisation and the Secretariat only. */
export function draftsRepository(ctx: RepoContext) {
  const { drafts } = ctx.models;
  return {
    async create(
      actor: Actor,
      init: Pick<DraftDoc, 'formId' | 'mode' | 'answers' | 'cursor'> & Partial<Pick<DraftDoc, 'recordId' | 'baseVersion' | 'stored'>>,
    ): Promise<DraftDoc> {
      const now = ctx.clock.now();
      const doc: DraftDoc = {
        _id: ctx.newId(),
        personId: actor.personId,
        orgCode: actor.orgCode,
        trail: [],
        status: 'open',
        createdAt: now,
        updatedAt: now,
        ...init,
      };
      await drafts.create(doc);
      return doc;
    },

    async get(actor: Actor, id: string): Promise<DraftDoc | null> {
      if (typeof id !== 'string') return null;
      const d = await drafts.findById(id).lean<DraftDoc>();
      return d && canReadDraft(actor, d) ? d : null;
    },

    /** The person's open drafts, newest first. */
    async openFor(actor: Actor, mode?: DraftDoc['mode']): Promise<DraftDoc[]> {
      return drafts
        .find({ personId: actor.personId, status: 'open', ...(mode ? { mode } : {}) })
        .sort({ updatedAt: -1 })
        .lean<DraftDoc[]>();
    },

    /** Open drafts of the person's organisation (colleagues may continue each other's work). */
    async openForOrg(actor: Actor): Promise<DraftDoc[]> {
      return drafts.find({ orgCode: actor.orgCode, status: 'open' }).sort({ updatedAt: -1 }).limit(50).lean<DraftDoc[]>();
    },

    async save(actor: Actor, id: string, patch: Partial<Pick<DraftDoc, 'answers' | 'cursor' | 'trail' | 'mode'>>): Promise<void> {
      const res = await drafts.updateOne(
        { _id: id, personId: actor.personId, status: 'open' },
        { $set: { ...patch, updatedAt: ctx.clock.now() } },
      );
      if (res.matchedCount !== 1) throw new AppError('NOT_FOUND', 'That draft is no longer open.');
    },

    /**
     * Closes a draft exactly once. Returns false when it was already closed (a double click, a
     * redelivered event), so the caller does not store the record twice.
     */
    async close(actor: Actor, id: string, status: 'submitted' | 'discarded', resultId?: string): Promise<boolean> {
      const res = await drafts.updateOne(
        { _id: id, personId: actor.personId, status: 'open' },
        { $set: { status, updatedAt: ctx.clock.now(), ...(resultId ? { resultId } : {}) } },
      );
      return res.modifiedCount === 1;
    },

    async setResult(id: string, resultId: string): Promise<void> {
      await drafts.updateOne({ _id: id }, { $set: { resultId } });
    },
  };
}
export type DraftsRepository = ReturnType<typeof draftsRepository>;
