import type { PersonDoc } from '../db/models/person.model';

/**
 * Who speaks for an organisation. Focal points are its members who are nobody's deputy; a deputy
 * names its focal point in `deputyOf`. A deputy whose focal point has left (inactive, moved to
 * another organisation) is treated as a focal point, so the organisation is never left unreminded.
 */
export interface Team {
  focalPoints: PersonDoc[];
  deputiesOf: Map<string, PersonDoc[]>;
  /** The focal point each deputy stands in for. */
  focalOf: Map<string, PersonDoc>;
}

/** Members who can report: observers and Board members are not chased. */
export function canBeReminded(p: PersonDoc): boolean {
  return p.active && p.role === 'member';
}

export function teamOf(members: PersonDoc[]): Team {
  const byId = new Map(members.map((p) => [p._id, p]));
  const team: Team = { focalPoints: [], deputiesOf: new Map(), focalOf: new Map() };
  for (const p of members) {
    const focal = p.deputyOf ? byId.get(p.deputyOf) : undefined;
    if (!focal || focal.deputyOf) {
      team.focalPoints.push(p);
      continue;
    }
    team.focalOf.set(p._id, focal);
    team.deputiesOf.set(focal._id, [...(team.deputiesOf.get(focal._id) ?? []), p]);
  }
  return team;
}

/** Away on a calendar date: `awayUntil` is inclusive. */
export function isAway(p: PersonDoc, date: string): boolean {
  return Boolean(p.awayUntil && p.awayUntil >= date);
}

/** The person's timezone, or the default when none (or an unusable one) is on the roster. */
export function zoneOf(p: Pick<PersonDoc, 'timezone'>, fallback: string): string {
  if (!p.timezone) return fallback;
  let ok = knownZones.get(p.timezone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: p.timezone });
      ok = true;
    } catch {
      ok = false;
    }
    knownZones.set(p.timezone, ok);
  }
  return ok ? p.timezone : fallback;
}
const knownZones = new Map<string, boolean>();


export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
