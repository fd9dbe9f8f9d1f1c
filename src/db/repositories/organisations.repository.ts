import type { Actor } from '../../domain/actor';
import { countryName } from '../../domain/kosovo';
import { canManageRoster } from '../../domain/permissions';
import { forbidden } from '../../errors';
import type { OrganisationDoc } from '../models/organisation.model';
import { diff, type AuditRepository } from './audit.repository';
import type { RepoContext } from './context';

export type OrganisationInput = Pick<OrganisationDoc, 'name' | 'shortName' | 'type'> &
  Partial<Pick<OrganisationDoc, 'country' | 'reporting' | 'active'>> & { code: string };

export function organisationsRepository(ctx: RepoContext, audit: AuditRepository) {
  const { organisations } = ctx.models;
  return {
    /** The roster is not secret among members: anyone registered may list it. */
    async list(opts: { includeInactive?: boolean } = {}): Promise<OrganisationDoc[]> {
      const q = opts.includeInactive ? {} : { active: true };
      return organisations.find(q).sort({ _id: 1 }).lean<OrganisationDoc[]>();
    },

    async get(code: string): Promise<OrganisationDoc | null> {
      return organisations.findById(code).lean<OrganisationDoc>();
    },

    /**
     * The organisation people mean by `text`: its code (MOI-RS), short name (Serbia MoI) or full
     * name, in any case and with or without accents; a Western Balkan country's name (Serbia) when
     * exactly one partner organisation has it. Null when none or several fit.
     */
    async match(text: string): Promise<OrganisationDoc | null> {
      const n = plain(text);
      if (!n) return null;
      const all = await organisations.find({}).lean<OrganisationDoc[]>();
      const exact = all.filter((o) => [o._id, o.shortName, o.name].some((v) => plain(v) === n));
      if (exact.length === 1) return exact[0]!;
      const byCountry = all.filter((o) => o.type === 'wb-partner' && o.country && plain(countryName(o.country)) === n);
      return byCountry.length === 1 ? byCountry[0]! : null;
    },

    async count(): Promise<number> {
      return organisations.countDocuments({});
    },

    /** Creates or updates by code; returns whether anything changed (so imports are idempotent). */
    async upsert(actor: Actor, input: OrganisationInput): Promise<'created' | 'updated' | 'unchanged'> {
      if (!canManageRoster(actor)) throw forbidden('only the IISG Secretariat can change the roster.');
      const now = ctx.clock.now();
      const existing = await organisations.findById(input.code).lean<OrganisationDoc>();
      const next = {
        name: input.name,
        shortName: input.shortName,
        type: input.type,
        country: input.country ?? undefined,
        pillar: existing?.pillar ?? ctx.pillar,
        reporting: input.reporting ?? existing?.reporting ?? input.type !== 'secretariat',
        active: input.active ?? existing?.active ?? true,
      };
      if (!existing) {
        await organisations.create({ _id: input.code, ...next, createdAt: now, updatedAt: now });
        await audit.record(actor, { action: 'create', entity: 'organisation', entityId: input.code, changes: diff(null, next) });
        return 'created';
      }
      const before = pick(existing, Object.keys(next));
      const changes = diff(before, next);
      if (!changes.length) return 'unchanged';
      await organisations.updateOne({ _id: input.code }, { $set: { ...next, updatedAt: now } });
      await audit.record(actor, { action: 'update', entity: 'organisation', entityId: input.code, changes });
      return 'updated';
    },
  };
}
export type OrganisationsRepository = ReturnType<typeof organisationsRepository>;

/** Lower case, no accents, no "*", hyphens and runs of spaces as one space. */
const plain = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\*/g, '').replace(/[\s_-]+/g, ' ').trim();

export function pick(doc: object, keys: string[]): Record<string, unknown> {
  const src = doc as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, src[k] ?? undefined]));
}
