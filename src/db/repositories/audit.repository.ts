import type { Actor } from '../../domain/actor';
import { canReadAudit } from '../../domain/permissions';
import { forbidden } from '../../errors';
import type { AuditChange, AuditDoc } from '../models/audit.model';
import type { RepoContext } from './context';

/** Field-by-field difference of two plain objects, values as JSON text. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): AuditChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changes: AuditChange[] = [];
  for (const k of [...keys].sort()) {
    const from = JSON.stringify(before?.[k] ?? null);
    const to = JSON.stringify(after[k] ?? null);
    if (from !== to) changes.push({ field: k, from, to });
  }
  return changes;
}

export interface AuditQuery {
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

/** Audit ids sort in write order even when the injected clock stands still (tests, same millisecond). */
let sequence = 0;
const orderedId = (random: string) => `${Date.now().toString(36).padStart(9, '0')}${(sequence++ % 1e6).toString(36).padStart(4, '0')}-${random}`;

export function auditRepository(ctx: RepoContext) {
  const { audit } = ctx.models;
  return {
    async record(
      actor: Actor,
      entry: { action: string; entity: string; entityId: string; changes?: AuditChange[]; note?: string },
    ): Promise<void> {
      await audit.create({
        _id: orderedId(ctx.newId()),
        at: ctx.clock.now(),
        actorId: actor.personId,
        actorName: actor.name,
        actorOrg: actor.orgCode,
        changes: [],
        ...entry,
      });
    },

    async history(actor: Actor, entity: string, entityId: string): Promise<AuditDoc[]> {
      if (!canReadAudit(actor)) throw forbidden('only the IISG Secretariat can read the audit log.');
      return audit.find({ entity, entityId }).sort({ at: 1, _id: 1 }).lean<AuditDoc[]>();
    },

    /**
     * The audit log for the Secretariat: by entity (a record, meeting, product…), by person, and/or
     * in a date range [from, to), oldest first, at most `limit` entries (the newest of them).
     */
    async search(actor: Actor, q: AuditQuery = {}): Promise<{ entries: AuditDoc[]; more: boolean }> {
      if (!canReadAudit(actor)) throw forbidden('only the IISG Secretariat can read the audit log.');
      const filter: Record<string, unknown> = {};
      if (q.entityId) filter.entityId = String(q.entityId);
      if (q.actorId) filter.actorId = String(q.actorId);
      if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
      const limit = Math.min(Math.max(q.limit ?? 200, 1), 100_000);
      const found = await audit.find(filter).sort({ at: -1, _id: -1 }).limit(limit + 1).lean<AuditDoc[]>();
      return { entries: found.slice(0, limit).reverse(), more: found.length > limit };
    },

    async list(actor: Actor, opts: { since?: Date; limit?: number } = {}): Promise<AuditDoc[]> {
      if (!canReadAudit(actor)) throw forbidden('only the IISG Secretariat can read the audit log.');
      const q = opts.since ? { at: { $gte: opts.since } } : {};
      return audit.find(q).sort({ at: -1 }).limit(opts.limit ?? 200).lean<AuditDoc[]>();
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
