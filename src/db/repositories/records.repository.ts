import type { Actor } from '../../domain/actor';
import {
  canCreateRecord,
  canEditRecord,
  canReadRecord,
  canSetNeedStatus,
  isBoard,
  isSecretariat,
  type RecordType,
} from '../../domain/permissions';
import { AppError, forbidden } from '../../errors';
import type { RecordDoc, RecordVersionDoc } from '../models/record.model';
import { diff, type AuditRepository } from './audit.repository';
import type { CheckinsRepository } from './checkins.repository';
import { isDuplicateKey, type RepoContext } from './context';
import type { CountersRepository } from './counters.repository';
import { currentQuarterCode } from '../../domain/quarter';

export type { RecordDoc, RecordType };

const ID_PREFIX: Record<RecordType, string> = { update: 'DU', need: 'NM', response: 'RM' };

export interface ListRecordsQuery {
  orgCode?: string;
  type?: RecordType;
  quarter?: string;
  includeRetired?: boolean;
  limit?: number;
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

  function checkNeedStatus(actor: Actor, type: RecordType, data: Record<string, unknown>, before?: Record<string, unknown>) {
    if (type !== 'need' || typeof data.status !== 'string') return;
    if (before && before.status === data.status) return;
    if (!canSetNeedStatus(actor, data.status))
      throw forbidden('only the IISG Secretariat can move a need beyond "validated".');
  }

  async function snapshot(rec: RecordDoc, actor: Actor, at: Date) {
    await recordVersions.create({
      _id: `${rec._id}@v${rec.version}`,
      recordId: rec._id,
      version: rec.version,
      status: rec.status,
      data: rec.data,
      changedBy: actor.personId,
      changedAt: at,
    });
  }

  return {
    async create(
      actor: Actor,
      type: RecordType,
      data: Record<string, unknown>,
      opts: { quarter?: string; orgCode?: string } = {},
    ): Promise<RecordDoc> {
      if (!canCreateRecord(actor, type)) throw forbidden(`your organisation does not submit ${type === 'need' ? 'needs' : `${type}s`}.`);
      checkNeedStatus(actor, type, data);
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
     * saved in between, the edit is refused rather than silently overwriting theirs.
     */
    async update(actor: Actor, id: string, data: Record<string, unknown>, baseVersion?: number): Promise<RecordDoc> {
      const before = await records.findById(id).lean<RecordDoc>();
      if (!before || !canReadRecord(actor, before)) throw new AppError('NOT_FOUND');
      if (!canEditRecord(actor, before)) throw forbidden('only the organisation that submitted this record, or the Secretariat, can edit it.');
      checkNeedStatus(actor, before.type, data, before.data);
      if (baseVersion !== undefined && baseVersion !== before.version) throw new AppError('CONFLICT');
      const changes = diff(before.data, data);
      if (!changes.length) return before;
      const now = ctx.clock.now();
      const next: RecordDoc = { ...before, data, version: before.version + 1, updatedAt: now, lastConfirmedAt: now };
      await snapshot(next, actor, now);
      const res = await records.updateOne(
        { _id: id, version: before.version },
        { $set: { data, version: next.version, updatedAt: now, lastConfirmedAt: now } },
      );
      if (res.modifiedCount !== 1) {
        await recordVersions.deleteOne({ _id: `${id}@v${next.version}`, changedBy: actor.personId, changedAt: now });
        throw new AppError('CONFLICT');
      }
      await deps.audit.record(actor, { action: 'update', entity: 'record', entityId: id, changes });
      return next;
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
      if (rec.status === 'retired') return;
      const now = ctx.clock.now();
      const next = { ...rec, status: 'retired' as const, version: rec.version + 1 };
      await snapshot(next, actor, now);
      await records.updateOne({ _id: id }, { $set: { status: 'retired', version: next.version, updatedAt: now } });
      await deps.audit.record(actor, {
        action: 'retire',
        entity: 'record',
        entityId: id,
        changes: [{ field: 'status', from: '"active"', to: '"retired"' }],
      });
    },

    /** Records this person may see; members see their own organisation's and adopted needs. */
    async list(actor: Actor, q: ListRecordsQuery = {}): Promise<RecordDoc[]> {
      const filter: Record<string, unknown> = {};
      if (q.type) filter.type = String(q.type);
      if (q.quarter) filter.quarter = String(q.quarter);
      if (!q.includeRetired) filter.status = 'active';
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

    async versions(actor: Actor, id: string): Promise<RecordVersionDoc[]> {
      const rec = await records.findById(id).lean<RecordDoc>();
      if (!rec || !canReadRecord(actor, rec)) throw new AppError('NOT_FOUND');
      return recordVersions.find({ recordId: id }).sort({ version: 1 }).lean<RecordVersionDoc[]>();
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
