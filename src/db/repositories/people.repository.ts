import { actorOf, type Actor } from '../../domain/actor';
import { canManageRoster } from '../../domain/permissions';
import { teamsIdKey } from '../../domain/teams-id';
import { AppError, forbidden } from '../../errors';
import type { OrganisationDoc } from '../models/organisation.model';
import type { PersonDoc } from '../models/person.model';
import { diff, type AuditRepository } from './audit.repository';
import type { RepoContext } from './context';
import { pick } from './organisations.repository';

export type PersonInput = Pick<PersonDoc, 'name' | 'email' | 'orgCode' | 'role'> &
  Partial<Pick<PersonDoc, 'slackId' | 'teamsId' | 'timezone' | 'deputyOf' | 'awayUntil' | 'active'>>;

const EDITABLE = ['name', 'orgCode', 'role', 'slackId', 'teamsId', 'timezone', 'deputyOf', 'awayUntil', 'active'] as const;

export function peopleRepository(ctx: RepoContext, audit: AuditRepository) {
  const { people, organisations } = ctx.models;

  async function toActor(p: PersonDoc): Promise<Actor> {
    return actorOf(p, await organisations.findById(p.orgCode).lean<OrganisationDoc>());
  }

  /**
   * Platform user id → person id, learnt from lookups. Every message starts with this lookup, and
   * FerretDB answers a filter on any field but `_id` by reading the whole collection (about 100 ms
   * at 2,000 people, and it serialises under load) while an `_id` read is cheap. Each hit is checked
   * against the person document itself, so a roster change (id moved, person deactivated) counts at
   * once, on every instance; only the first lookup of a person in a process pays the full query.
   */
  const known = new Map<string, string>();
  const KNOWN_MAX = 10_000;

  async function byPlatformId(field: 'slackId' | 'teamsId', raw: string): Promise<PersonDoc | null> {
    if (typeof raw !== 'string' || !raw) return null;
    // Teams ids are GUIDs, case-insensitive; Slack ids are case-sensitive and compared as they are.
    const value = field === 'teamsId' ? teamsIdKey(raw) : raw;
    const same = (stored: string | undefined) => (field === 'teamsId' ? teamsIdKey(stored ?? '') === value : stored === value);
    const key = `${field}|${value}`;
    const personId = known.get(key);
    if (personId) {
      const p = await people.findById(personId).lean<PersonDoc>();
      if (p && p.active && same(p[field])) return p;
      known.delete(key);
    }
    const p = await people.findOne({ [field]: platformIdFilter(field, value), active: true }).lean<PersonDoc>();
    if (p) {
      if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
      known.set(key, p._id);
    }
    return p;
  }

  /** Someone other than `exceptEmail` who already has this Slack or Teams id (active or not). */
  async function holderOf(field: 'slackId' | 'teamsId', value: string, exceptEmail: string): Promise<PersonDoc | null> {
    return people.findOne({ [field]: platformIdFilter(field, value), email: { $ne: exceptEmail } }).lean<PersonDoc>();
  }

  return {
    toActor,
    bySlackId: (slackId: string) => byPlatformId('slackId', slackId),
    byTeamsId: (teamsId: string) => byPlatformId('teamsId', teamsId),
    holderOf,
    async byEmail(email: string): Promise<PersonDoc | null> {
      if (typeof email !== 'string') return null;
      return people.findOne({ email: email.trim().toLowerCase() }).lean<PersonDoc>();
    },
    async get(id: string): Promise<PersonDoc | null> {
      if (typeof id !== 'string') return null;
      return people.findById(id).lean<PersonDoc>();
    },
    async list(opts: { orgCode?: string; includeInactive?: boolean } = {}): Promise<PersonDoc[]> {
      const q: Record<string, unknown> = {};
      if (opts.orgCode) q.orgCode = opts.orgCode;
      if (!opts.includeInactive) q.active = true;
      return people.find(q).sort({ orgCode: 1, name: 1 }).lean<PersonDoc[]>();
    },
    async actorById(id: string): Promise<Actor | null> {
      const p = await people.findById(id).lean<PersonDoc>();
      return p ? toActor(p) : null;
    },

    /** Creates or updates by e-mail; returns whether anything changed (so imports are idempotent). */
    async upsert(actor: Actor, raw: PersonInput): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
      if (!canManageRoster(actor)) throw forbidden('only the IISG Secretariat can change the roster.');
      const input = raw.teamsId ? { ...raw, teamsId: teamsIdKey(raw.teamsId) } : raw;
      const email = input.email.trim().toLowerCase();
      for (const [field, value] of [['slackId', input.slackId], ['teamsId', input.teamsId]] as const) {
        if (!value) continue;
        const holder = await holderOf(field, value, email);
        if (holder) throw new AppError('VALIDATION', `${field} ${value} already belongs to ${holder.email}.`);
      }
      const now = ctx.clock.now();
      const existing = await people.findOne({ email }).lean<PersonDoc>();
      const next: Record<string, unknown> = {};
      for (const k of EDITABLE) next[k] = input[k] ?? (k === 'active' ? true : undefined);
      if (!existing) {
        const id = ctx.newId();
        await people.create({ _id: id, email, ...next, createdAt: now, updatedAt: now });
        await audit.record(actor, { action: 'create', entity: 'person', entityId: id, changes: diff(null, { email, ...next }) });
        return { id, outcome: 'created' };
      }
      const changes = diff(pick(existing, [...EDITABLE]), next);
      if (!changes.length) return { id: existing._id, outcome: 'unchanged' };
      const unset = Object.fromEntries(Object.entries(next).filter(([, v]) => v === undefined).map(([k]) => [k, 1]));
      const set = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
      await people.updateOne({ _id: existing._id }, { $set: { ...set, updatedAt: now }, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      await audit.record(actor, { action: 'update', entity: 'person', entityId: existing._id, changes });
      return { id: existing._id, outcome: 'updated' };
    },

    /** A person may set their own away dates and timezone; the Secretariat may set anyone's. */
    async setAvailability(actor: Actor, personId: string, patch: { awayUntil?: string | null; timezone?: string }) {
      if (actor.personId !== personId && !canManageRoster(actor))
        throw forbidden('you can only change your own availability.');
      const before = await people.findById(personId).lean<PersonDoc>();
      if (!before) throw new AppError('NOT_FOUND', 'I could not find that person.');
      const set: Record<string, unknown> = { updatedAt: ctx.clock.now() };
      const unset: Record<string, 1> = {};
      if (patch.awayUntil === null) unset.awayUntil = 1;
      else if (patch.awayUntil) set.awayUntil = patch.awayUntil;
      if (patch.timezone) set.timezone = patch.timezone;
      await people.updateOne({ _id: personId }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      await audit.record(actor, {
        action: 'update',
        entity: 'person',
        entityId: personId,
        changes: diff(pick(before, ['awayUntil', 'timezone']), { awayUntil: patch.awayUntil ?? before.awayUntil, timezone: patch.timezone ?? before.timezone }),
      });
    },
  };
}
export type PeopleRepository = ReturnType<typeof peopleRepository>;

/**
 * The filter for a platform id. A Teams id matches in any case: ids are stored in lower case, but
 * rosters imported before that may hold them in capitals (an anchored, case-insensitive match of a
 * GUID, which has no regex characters once checked).
 */
export function platformIdFilter(field: 'slackId' | 'teamsId', value: string): string | RegExp {
  if (field !== 'teamsId' || !/^[0-9a-z-]+$/i.test(value)) return value;
  return new RegExp(`^${value}$`, 'i');
}
