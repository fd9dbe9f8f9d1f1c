import type { OrgType, Role } from '../config/vocabulary';

/** The fields of a person and their organisation that make an Actor (no database types here). */
export interface PersonLike {
  _id: string;
  name: string;
  role: Role;
  orgCode: string;
  timezone?: string;
}

export function actorOf(p: PersonLike, org: { type: OrgType; country?: string } | null | undefined): Actor {
  return {
    personId: p._id,
    name: p.name,
    role: p.role,
    orgCode: p.orgCode,
    orgType: org?.type ?? 'international-org',
    country: org?.country,
    timezone: p.timezone,
  };
}

/** Who is acting. Every repository call takes one, so permission checks cannot be skipped. */
export interface Actor {
  personId: string;
  name: string;
  role: Role;
  orgCode: string;
  orgType: OrgType;
  /** The partner's country, for Western Balkan partners. */
  country?: string;
  timezone?: string;
}

/** Operators running the `wbbsi` command on the server act as the Secretariat. */
export const SYSTEM_ACTOR: Actor = {
  personId: 'system',
  name: 'wbbsi command line',
  role: 'secretariat',
  orgCode: 'IISG-SEC',
  orgType: 'secretariat',
};

export const SCHEDULER_ACTOR: Actor = { ...SYSTEM_ACTOR, personId: 'scheduler', name: 'wbbsi scheduler' };
