import type { Actor } from '../../domain/actor';
import { planEdit, whyNotInitial } from '../../domain/need-chain';
import { canCreateRecord, canEditRecord, canReadRecord, isBoard, isSecretariat, type RecordType } from '../../domain/permissions';
import { AppError, forbidden } from '../../errors';
import type { RecordDoc, RecordVersionDoc } from '../models/record.model';
import { diff, type AuditRepository } from './audit.repository';
import type { CheckinsRepository } from './checkins.repository';
import { isDuplicateKey, type RepoContext } from './context';
import type { CountersRepository } from './counters.repository';
import { recordLifecycle, type VersionWriter } from './record-lifecycle';
import { currentQuarterCode } from '../../domain/quarter';

export type { RecordDoc, RecordType };
export type { NeedMove } from './record-lifecycle';

const ID_PREFIX: Record<RecordType, string> = { update: 'DU', need: 'NM', response: 'RM' };

export interface ListRecordsQuery {
  orgCode?: string;
  type?: RecordType;
  quarter?: string;
  includeRetired?: boolean;
  limit?: number;
}

/** A need edit that moved it in the decision chain (a partner's change of substance sends it back for validation). */
export interface ChainEffect {
  from: string;
  to: string;
  sentBack: boolean;
}

export function recordsRepository(
  ctx: RepoContext,
  deps: { audit: AuditRepository; counters: CountersRepository; checkins: CheckinsRepository },
) {
  const { records, recordVersions } = ctx.models;

  async function readableId(type: RecordType, data: Record<string, unknown>, year: number): Promise<string> {
    const country = typeof data.country === 'string' ? data.country : undefined;
    const prefix = type === 'response' ? `${ID_PREFIX[type]}-${year}` : `${ID_PREFIX[type]}-${year}-${country ?? 'RG'}`;
    const n = await deps.counters.next(prefix);
    return `${prefix}-${String(n).padStart(3, '0')}`;
  }

  async function snapshot(rec: RecordDoc, actor: Actor, at: Date, extra: { note?: string; reference?: string } = {}) {
    try {
      await recordVersions.create({
        _id: `${rec._id}@v${rec.version}`,
        recordId: rec._id,
        version: rec.version,
        status: rec.status,
        data: rec.data,
        changedBy: actor.personId,
        changedByName: actor.name,
        changedAt: at,
        ...(extra.note ? { note: extra.note } : {}),
        ...(extra.reference ? { reference: extra.reference } : {}),
      });
    } catch (err) {
      // Someone else wrote this version first: theirs stands, this change is refused.
      if (isDuplicateKey(err)) throw new AppError('CONFLICT');
      throw err;
    }
  }

  /**
   * Every change is a new version. The version's snapshot (`_id: id@vN`) is the claim on version N:
   * of two changes from the same base, exactly one inserts it (duplicate key → CONFLICT for the
   * other), on FerretDB and MongoDB alike. So the record itself is then written by `_id` alone, the
   * one filter FerretDB looks up through an index instead of reading the whole collection.
   */
  const writeVersion: VersionWriter = async (actor, before, patch, audit, extra = {}) => {
    const now = ctx.clock.now();
    const next: RecordDoc = { ...before, ...patch, version: before.version + 1, updatedAt: now };
    await snapshot(next, actor, now, extra);
    await records.updateOne({ _id: before._id }, { $set: { ...patch, version: next.version, updatedAt: now } });
    await deps.audit.record(actor, { entity: 'record', entityId: before._id, ...audit });
    return next;
  };

  async function load(actor: Actor, id: string): Promise<RecordDoc> {
    const rec = typeof id === 'string' ? await records.findById(id).lean<RecordDoc>() : null;
    if (!rec || !canReadRecord(actor, rec)) throw new AppError('NOT_FOUND');
    return rec;
  }

  return {
    async create(
      actor: Actor,
      type: RecordType,
      data: Record<string, unknown>,
      opts: { quarter?: string; orgCode?: string } = {},
    ): Promise<RecordDoc> {
      if (!canCreateRecord(actor, type)) throw forbidden(`your organisation does not submit ${type === 'need' ? 'needs' : `${type}s`}.`);
      if (type === 'need') {
        const why = whyNotInitial(actor, data.status);
        if (why) throw forbidden(why, 'status');
      }
      const now = ctx.clock.now();
      const orgCode = isSecretariat(actor) && opts.orgCode ? opts.orgCode : actor.orgCode;
      const quarter = opts.quarter ?? currentQuarterCode(now, ctx.timezone);
      const base: Omit<RecordDoc, '_id'> = {
        type,
        pillar: ctx.pillar,
        orgCode,
        submittedBy: actor.personId,
        quarter,
        status: 'active',
        data,
        version: 1,
        lastConfirmedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      let rec: RecordDoc | undefined;
      // The readable id is the primary key: a number handed out twice (concurrent submits on
      // FerretDB) fails the insert, and the next number is taken.
      for (let attempt = 0; !rec; attempt++) {
        const candidate: RecordDoc = { _id: await readableId(type, data, Number(quarter.slice(0, 4))), ...base };
        try {
          await records.create(candidate);
          rec = candidate;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt >= 5) throw err;
        }
      }
      await snapshot(rec, actor, now);
      await deps.audit.record(actor, { action: 'create', entity: 'record', entityId: rec._id, changes: diff(null, data) });
      await deps.checkins.markReported(actor, orgCode, quarter);
      return rec;
    },

    async get(actor: Actor, id: string): Promise<RecordDoc | null> {
      if (typeof id !== 'string') return null;
      const rec = await records.findById(id).lean<RecordDoc>();
      if (!rec) return null;
      return canReadRecord(actor, rec) ? rec : null;
    },

    /**
     * A new version. `baseVersion` is the version the person started editing from: if someone else
     * saved in between, the edit is refused rather than silently overwriting theirs. A need's
     * status moves only along the decision chain (src/domain/need-chain.ts), whatever the surface;
     * `chain` says when this edit moved it (a partner's change of substance sends it back for validation).
     */
    async update(actor: Actor, id: string, data: Record<string, unknown>, baseVersion?: number): Promise<RecordDoc & { chain?: ChainEffect }> {
      const before = await load(actor, id);
      if (!canEditRecord(actor, before)) throw forbidden('only the organisation that submitted this record, or the Secretariat, can edit it.');
      if (before.status === 'withdrawn') throw forbidden(`${id} was withdrawn. The IISG Secretariat can restore it.`);
      if (baseVersion !== undefined && baseVersion !== before.version) throw new AppError('CONFLICT');
      let next = data;
      let chain: ChainEffect | undefined;
      if (before.type === 'need') {
        const plan = planEdit(actor, before.data, data);
        if (!plan.ok) throw forbidden(plan.why, 'status');
        next = plan.data;
        chain = plan.step;
      }
      const changes = diff(before.data, next);
      if (!changes.length) return before;
      const note = chain?.sentBack ? 'changed by the partner: sent back for validation' : undefined;
      const now = ctx.clock.now();
      const saved = await writeVersion(actor, before, { data: next, lastConfirmedAt: now }, { action: 'update', changes, ...(note ? { note } : {}) }, note ? { note } : {});
      return chain ? { ...saved, chain } : saved;
    },

    /** "Still accurate": the record's last-confirmed date moves to now, nothing else changes. */
    async confirm(actor: Actor, id: string): Promise<void> {
      const rec = await records.findById(id).lean<RecordDoc>();
      if (!rec || !canEditRecord(actor, rec)) throw new AppError('NOT_FOUND');
      await records.updateOne({ _id: id }, { $set: { lastConfirmedAt: ctx.clock.now() } });
      await deps.audit.record(actor, { action: 'confirm', entity: 'record', entityId: id });
    },

    async retire(actor: Actor, id: string): Promise<void> {
      const rec = await records.findById(id).lean<RecordDoc>();
      if (!rec || !canEditRecord(actor, rec)) throw new AppError('NOT_FOUND');
      if (rec.status !== 'active') return;
      await writeVersion(actor, rec, { status: 'retired' }, { action: 'retire', changes: [{ field: 'status', from: '"active"', to: '"retired"' }] });
    },

    ...recordLifecycle(ctx, { ...deps, load, writeVersion }),

    /** Records this person may see; members see their own organisation's and adopted needs. */
    async list(actor: Actor, q: ListRecordsQuery = {}): Promise<RecordDoc[]> {
      const filter: Record<string, unknown> = {};
      if (q.type) filter.type = String(q.type);
      if (q.quarter) filter.quarter = String(q.quarter);
      filter.status = q.includeRetired ? { $in: ['active', 'retired'] } : 'active';
      if (q.orgCode) filter.orgCode = String(q.orgCode);
      if (!isSecretariat(actor) && !isBoard(actor)) {
        if (q.orgCode && q.orgCode !== actor.orgCode) {
          filter.type = 'need';
          filter['data.status'] = { $in: ['adopted', 'closed'] };
        } else if (!q.orgCode) {
          filter.$or = [{ orgCode: actor.orgCode }, { type: 'need', 'data.status': { $in: ['adopted', 'closed'] } }];
        }
      }
      return records
        .find(filter)
        .sort({ updatedAt: -1, _id: 1 })
        .limit(Math.min(q.limit ?? 50, 500))
        .lean<RecordDoc[]>();
    },

    /** Every version of a record this person may read, oldest first (NOT_FOUND otherwise). */
    async versions(actor: Actor, id: string): Promise<RecordVersionDoc[]> {
      await load(actor, id);
      return recordVersions.find({ recordId: id }).sort({ version: 1 }).lean<RecordVersionDoc[]>();
    },

    /** How many records (withdrawn ones left out) an organisation filed for a quarter, by kind. */
    async countForQuarter(orgCode: string, quarter: string): Promise<Record<RecordType, number>> {
      const counts: Record<RecordType, number> = { update: 0, need: 0, response: 0 };
      const found = await records.find({ orgCode: String(orgCode), quarter: String(quarter), status: { $in: ['active', 'retired'] } }, { type: 1 }).lean<{ type: RecordType }[]>();
      for (const r of found) counts[r.type]++;
      return counts;
    },

    /**
     * Every record of one type this person may read, retired ones too, streamed from a cursor in no
     * particular order (a spreadsheet import compares a whole file against them without holding them all).
     */
    async *scan(actor: Actor, type: RecordType): AsyncGenerator<RecordDoc> {
      const cursor = records.find({ type }).batchSize(1000).lean<RecordDoc>().cursor();
      try {
        for await (const rec of cursor) if (canReadRecord(actor, rec)) yield rec;
      } finally {
        await cursor.close().catch(() => undefined);
      }
    },

    /** For the meeting digest (the caller decides what it may show): active records created in [from, to]. */
    async createdBetween(from: Date, to: Date): Promise<RecordDoc[]> {
      return records.find({ status: 'active', createdAt: { $gte: from, $lte: to } }).sort({ createdAt: 1, _id: 1 }).lean<RecordDoc[]>();
    },

    /** For jobs: active records of the given types not confirmed since `before`. */
    async unconfirmedSince(before: Date, types: RecordType[]): Promise<RecordDoc[]> {
      return records
        .find({ status: 'active', type: { $in: types }, lastConfirmedAt: { $lt: before } })
        .sort({ orgCode: 1, _id: 1 })
        .lean<RecordDoc[]>();
    },
  };
}
export type RecordsRepository = ReturnType<typeof recordsRepository>;
