import { stringify } from 'yaml';
import type { Actor } from '../domain/actor';
import { SYSTEM_ACTOR } from '../domain/actor';
import { canManageRoster } from '../domain/permissions';
import { AppError, forbidden } from '../errors';
import type { Store } from '../db/store';
import { platformIdFilter } from '../db/repositories/people.repository';
import { DEFAULT_ORGANISATIONS } from './default-roster';
import { formatProblem, parseRosterFile, type RosterFile, type RosterProblem } from './roster-file';

export interface ImportSummary {
  organisations: { created: number; updated: number; unchanged: number };
  people: { created: number; updated: number; unchanged: number };
}

export class RosterInvalidError extends AppError {
  constructor(readonly problems: RosterProblem[]) {
    super('ROSTER_INVALID', `The roster file has ${problems.length} problem(s); nothing was imported:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }
}

/** Loads the default organisations when the database has none (first start). */
export async function seedDefaultRoster(store: Store): Promise<number> {
  if ((await store.organisations.count()) > 0) return 0;
  for (const org of DEFAULT_ORGANISATIONS) await store.organisations.upsert(SYSTEM_ACTOR, org);
  return DEFAULT_ORGANISATIONS.length;
}

/**
 * Imports a roster file: the whole file is checked first (syntax, fields, references between
 * people and organisations) and nothing is written unless all of it is valid. Re-importing the
 * same file changes nothing.
 */
export async function importRosterText(store: Store, actor: Actor, text: string, fileName: string): Promise<ImportSummary> {
  if (!canManageRoster(actor)) throw forbidden('only the IISG Secretariat can change the roster.');
  const parsed = parseRosterFile(text, fileName);
  if (!parsed.ok) throw new RosterInvalidError(parsed.problems);
  const roster = parsed.roster;
  const problems = await crossCheck(store, roster);
  if (problems.length) throw new RosterInvalidError(problems);

  const summary: ImportSummary = {
    organisations: { created: 0, updated: 0, unchanged: 0 },
    people: { created: 0, updated: 0, unchanged: 0 },
  };
  for (const o of roster.organisations) {
    const outcome = await store.organisations.upsert(actor, { ...o, shortName: o.shortName ?? o.code });
    summary.organisations[outcome]++;
  }
  // Deputies point at focal points by e-mail: write focal points first so every reference resolves.
  const ordered = [...roster.people].sort((a, b) => Number(Boolean(a.deputyOf)) - Number(Boolean(b.deputyOf)));
  for (const p of ordered) {
    const deputyOf = p.deputyOf ? (await store.people.byEmail(p.deputyOf))?._id : undefined;
    const res = await store.people.upsert(actor, {
      name: p.name,
      email: p.email,
      orgCode: p.organisation,
      role: p.role,
      slackId: p.slack,
      teamsId: p.teams,
      timezone: p.timezone,
      awayUntil: p.awayUntil,
      active: p.active,
      deputyOf,
    });
    summary.people[res.outcome]++;
  }
  return summary;
}

async function crossCheck(store: Store, roster: RosterFile): Promise<RosterProblem[]> {
  const problems: RosterProblem[] = [];
  const orgCodes = new Set([...(await store.organisations.list({ includeInactive: true })).map((o) => o._id), ...roster.organisations.map((o) => o.code)]);
  const seen = new Map<string, number>();
  roster.organisations.forEach((o, i) => {
    if (seen.has(`org:${o.code}`)) problems.push({ path: `organisations[${i}].code`, message: `${o.code} is listed twice` });
    seen.set(`org:${o.code}`, i);
  });
  const emails = new Set(roster.people.map((p) => p.email));
  for (const [i, p] of roster.people.entries()) {
    const at = (f: string) => `people[${i}].${f}`;
    if (!orgCodes.has(p.organisation))
      problems.push({ path: at('organisation'), message: `${p.organisation} is not a known organisation code` });
    for (const [field, value] of [['email', p.email], ['slack', p.slack], ['teams', p.teams]] as const) {
      if (!value) continue;
      if (seen.has(`${field}:${value}`)) problems.push({ path: at(field), message: `${value} is listed twice (also people[${seen.get(`${field}:${value}`)}])` });
      seen.set(`${field}:${value}`, i);
    }
    if (p.deputyOf) {
      if (p.deputyOf === p.email) problems.push({ path: at('deputyOf'), message: 'a person cannot be their own deputy' });
      else if (!emails.has(p.deputyOf) && !(await store.people.byEmail(p.deputyOf)))
        problems.push({ path: at('deputyOf'), message: `${p.deputyOf} is not in the roster` });
    }
    for (const [field, key] of [['slack', 'slackId'], ['teams', 'teamsId']] as const) {
      const value = p[field];
      if (!value) continue;
      const holder = await store.ctx.models.people.findOne({ [key]: platformIdFilter(key, value), email: { $ne: p.email } }).lean<{ email: string }>();
      if (holder && !roster.people.some((q) => q.email === holder.email && q[field] !== value))
        problems.push({ path: at(field), message: `${value} already belongs to ${holder.email}` });
    }
  }
  return problems;
}

/** The roster as a file in the import format, so export → import is a no-op. */
export async function exportRoster(store: Store, actor: Actor, format: 'yaml' | 'json'): Promise<string> {
  if (!canManageRoster(actor)) throw forbidden('only the IISG Secretariat can export the roster.');
  const orgs = await store.organisations.list({ includeInactive: true });
  const people = await store.people.list({ includeInactive: true });
  const emailOf = new Map(people.map((p) => [p._id, p.email]));
  const file = {
    organisations: orgs.map((o) => clean({ code: o._id, name: o.name, shortName: o.shortName, type: o.type, country: o.country, reporting: o.reporting, active: o.active })),
    people: people.map((p) =>
      clean({
        name: p.name,
        email: p.email,
        organisation: p.orgCode,
        role: p.role,
        slack: p.slackId,
        teams: p.teamsId,
        timezone: p.timezone,
        deputyOf: p.deputyOf ? emailOf.get(p.deputyOf) : undefined,
        awayUntil: p.awayUntil,
        active: p.active,
      }),
    ),
  };
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file);
}

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
