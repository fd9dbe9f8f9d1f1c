import type { Actor } from '../../domain/actor';
import { canManageProducts } from '../../domain/permissions';
import { AppError, forbidden } from '../../errors';
import type { ProductDoc, ProductKind, ProductStage, ProductStageEntry, ProductVersionDoc } from '../models/product.model';
import { diff, type AuditRepository } from './audit.repository';
import { isDuplicateKey, retryOnDuplicate, type RepoContext } from './context';
import type { CountersRepository } from './counters.repository';

export type { ProductDoc, ProductKind, ProductStage, ProductStageEntry };

export interface ProductInput {
  title: string;
  kind: ProductKind;
  version?: string;
  link?: string;
}

export interface ProductSeed extends ProductInput {
  stage: ProductStage;
  note: string;
}

export type ProductPatch = Partial<Pick<ProductDoc, 'title' | 'kind' | 'version' | 'link'>>;

const EDITABLE = ['title', 'kind', 'version', 'link', 'stage'] as const;
const ID_SERIES = 'PR';
const idOf = (n: number) => `${ID_SERIES}-${String(n).padStart(3, '0')}`;
/** A revision claimed this long ago by a writer that never finished is taken over (the writer died). */
const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Products and their stage history. Every change is a new revision: its snapshot is inserted first
 * (the insert decides between two simultaneous changes), then the product, then the audit entry.
 * Reading is open to everyone on the roster; changing is the Secretariat's (canManageProducts).
 */
export function productsRepository(ctx: RepoContext, deps: { audit: AuditRepository; counters: CountersRepository }) {
  const { products, productVersions } = ctx.models;

  function snapshotOf(p: ProductDoc, actor: Actor, at: Date): ProductVersionDoc {
    const data: Record<string, unknown> = { pillar: p.pillar, title: p.title, kind: p.kind, version: p.version, ownerOrg: p.ownerOrg, stage: p.stage };
    if (p.link) data.link = p.link;
    return { _id: `${p._id}@r${p.revision}`, productId: p._id, revision: p.revision, data: data as ProductVersionDoc['data'], changedBy: actor.personId, changedAt: at };
  }

  /** Claims revision `next.revision` by inserting its snapshot; a stale claim of a dead writer is replaced. */
  async function claimRevision(next: ProductDoc, actor: Actor, at: Date): Promise<void> {
    const snap = snapshotOf(next, actor, at);
    try {
      await productVersions.create(snap);
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await productVersions.findById(snap._id).lean<ProductVersionDoc>();
    if (!held || at.getTime() - new Date(held.changedAt).getTime() < STALE_CLAIM_MS) throw new AppError('CONFLICT', 'Someone else changed this product at the same moment. Please look at it again and retry.');
    await productVersions.deleteOne({ _id: snap._id, changedAt: held.changedAt });
    try {
      await productVersions.create(snap);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'Someone else changed this product at the same moment. Please look at it again and retry.');
      throw err;
    }
  }

  /** Writes `next` over `before` (same id, revision + 1) and audits it. */
  async function commit(actor: Actor, before: ProductDoc, next: ProductDoc, audit: { action: string; note?: string }): Promise<ProductDoc> {
    if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat manages products.');
    await claimRevision(next, actor, next.updatedAt);
    const { _id, ...rest } = next;
    const res = await products.replaceOne({ _id, revision: before.revision }, rest);
    if (res.modifiedCount !== 1) {
      await productVersions.deleteOne({ _id: `${_id}@r${next.revision}`, changedBy: actor.personId });
      throw new AppError('CONFLICT', 'Someone else changed this product at the same moment. Please look at it again and retry.');
    }
    await deps.audit.record(actor, {
      action: audit.action,
      entity: 'product',
      entityId: _id,
      changes: diff(pickEditable(before), pickEditable(next)),
      ...(audit.note ? { note: audit.note } : {}),
    });
    return next;
  }

  function fresh(actor: Actor, id: string, input: ProductInput, stage: ProductStage, note: string | undefined, now: Date, undated = false): ProductDoc {
    const entry: ProductStageEntry = { stage, at: now, by: actor.personId, byName: actor.name, revision: 1, ...(note ? { note } : {}), ...(undated ? { undated } : {}) };
    return {
      _id: id,
      pillar: ctx.pillar,
      title: input.title.trim(),
      kind: input.kind,
      version: input.version?.trim() || '1.0',
      ...(input.link ? { link: input.link.trim() } : {}),
      ownerOrg: 'IISG-SEC',
      stage,
      stageHistory: [entry],
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  async function insertNew(actor: Actor, p: ProductDoc, note?: string): Promise<boolean> {
    try {
      await products.create(p);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await productVersions.create(snapshotOf(p, actor, p.createdAt)).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    await deps.audit.record(actor, { action: 'create', entity: 'product', entityId: p._id, changes: diff(null, pickEditable(p)), ...(note ? { note } : {}) });
    return true;
  }

  return {
    async count(): Promise<number> {
      return products.countDocuments({});
    },

    async get(id: string): Promise<ProductDoc | null> {
      if (typeof id !== 'string') return null;
      return products.findById(id.toUpperCase()).lean<ProductDoc>();
    },

    /** All products, in id order (few dozen at most). */
    async list(): Promise<ProductDoc[]> {
      return products.find({ pillar: ctx.pillar }).sort({ _id: 1 }).lean<ProductDoc[]>();
    },

    async create(actor: Actor, input: ProductInput): Promise<ProductDoc> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat manages products.');
      const p = fresh(actor, idOf(await retryOnDuplicate(() => deps.counters.next(ID_SERIES))), input, 'drafting', undefined, ctx.clock.now());
      await insertNew(actor, p);
      return p;
    },

    /**
     * The initial list, when there are no products yet (first start). Ids are fixed by position
     * (PR-001…), so two instances starting together insert the same documents once; the id series
     * is moved past them first, so products created later never collide with a seed.
     */
    async seed(actor: Actor, seeds: ProductSeed[]): Promise<number> {
      if (!canManageProducts(actor)) throw forbidden('only the IISG Secretariat manages products.');
      if ((await products.countDocuments({})) > 0) return 0;
      await retryOnDuplicate(() => ctx.models.counters.updateOne({ _id: ID_SERIES }, { $max: { seq: seeds.length } }, { upsert: true }));
      const now = ctx.clock.now();
      let inserted = 0;
      for (const [i, s] of seeds.entries()) {
        // The page gives no dates: the stage is recorded as of today, but shown without a date.
        if (await insertNew(actor, fresh(actor, idOf(i + 1), s, s.stage, s.note, now, true), s.note)) inserted++;
      }
      return inserted;
    },

    /** Moves a product to `stage`; `expectRevision` is the revision the caller checked the move against. */
    async setStage(
      actor: Actor,
      id: string,
      stage: ProductStage,
      opts: { expectRevision: number; reference?: string; note?: string; roundId?: string },
    ): Promise<ProductDoc> {
      const before = await products.findById(id).lean<ProductDoc>();
      if (!before) throw new AppError('NOT_FOUND', 'I could not find that product.');
      if (before.revision !== opts.expectRevision) throw new AppError('CONFLICT', 'Someone else changed this product meanwhile. Please look at it again and retry.');
      const now = ctx.clock.now();
      const revision = before.revision + 1;
      const entry: ProductStageEntry = {
        stage,
        at: now,
        by: actor.personId,
        byName: actor.name,
        revision,
        ...(opts.reference ? { reference: opts.reference } : {}),
        ...(opts.note ? { note: opts.note } : {}),
        ...(opts.roundId ? { roundId: opts.roundId } : {}),
      };
      const next: ProductDoc = { ...before, stage, stageHistory: [...before.stageHistory, entry], revision, updatedAt: now };
      const note = [opts.reference && `reference ${opts.reference}`, opts.roundId && `round ${opts.roundId}`, opts.note].filter(Boolean).join('; ');
      return commit(actor, before, next, { action: 'stage', ...(note ? { note } : {}) });
    },

    /**
     * Corrects the record of the current stage: the day it was really reached and/or the decision's
     * reference (the seeds carry neither). A new revision, audited like every change.
     */
    async amendStage(actor: Actor, id: string, patch: { expectRevision: number; at?: Date; reference?: string }): Promise<ProductDoc> {
      const before = await products.findById(id).lean<ProductDoc>();
      if (!before) throw new AppError('NOT_FOUND', 'I could not find that product.');
      if (before.revision !== patch.expectRevision) throw new AppError('CONFLICT', 'Someone else changed this product meanwhile. Please look at it again and retry.');
      const last = before.stageHistory.at(-1)!;
      // A real date given: the step is dated from now on (`undated: false` also outranks the seed's note).
      const entry: ProductStageEntry = { ...last, ...(patch.at ? { at: patch.at, undated: false } : {}), ...(patch.reference ? { reference: patch.reference } : {}) };
      const next: ProductDoc = { ...before, stageHistory: [...before.stageHistory.slice(0, -1), entry], revision: before.revision + 1, updatedAt: ctx.clock.now() };
      const note = [patch.at && `${last.stage} on ${patch.at.toISOString().slice(0, 10)}${last.undated ? ' (was undated)' : ` (was ${last.at.toISOString().slice(0, 10)})`}`, patch.reference && `reference ${patch.reference}${last.reference ? ` (was ${last.reference})` : ''}`]
        .filter(Boolean)
        .join('; ');
      return commit(actor, before, next, { action: 'stage-record', note });
    },

    async update(actor: Actor, id: string, patch: ProductPatch): Promise<ProductDoc> {
      const before = await products.findById(id).lean<ProductDoc>();
      if (!before) throw new AppError('NOT_FOUND', 'I could not find that product.');
      const next: ProductDoc = { ...before, ...patch, revision: before.revision + 1, updatedAt: ctx.clock.now() };
      if (!diff(pickEditable(before), pickEditable(next)).length) return before;
      return commit(actor, before, next, { action: 'update' });
    },

    async versions(id: string): Promise<ProductVersionDoc[]> {
      return productVersions.find({ productId: id }).sort({ revision: 1 }).lean<ProductVersionDoc[]>();
    },
  };
}
export type ProductsRepository = ReturnType<typeof productsRepository>;

function pickEditable(p: ProductDoc): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((k) => [k, p[k] ?? undefined]));
}
