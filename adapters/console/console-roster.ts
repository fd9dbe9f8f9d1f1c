import { ORG_TYPES, ROLES, type OrgType, type Role } from '../../src/config/vocabulary';
import type { OrganisationDoc } from '../../src/db/models/organisation.model';
import type { PersonDoc } from '../../src/db/models/person.model';
import { designateKosovo } from '../../src/domain/kosovo';

// What the console's person picker offers: organisations in the order a person looks for them, and
// demo people for a newcomer.

/**
 * Three people a newcomer can become with one click while the roster has nobody of its own: the
 * three ways the bot is used (a partner reports and states needs, a donor reports assistance, the
 * Secretariat follows up and runs reports). Their addresses can never receive mail (.invalid).
 */
export const DEMO_PEOPLE = [
  { key: 'partner', name: 'Ana Petrović', orgCode: 'MOI-RS', role: 'member', kind: 'Western Balkan partner' },
  { key: 'donor', name: 'Markus Huber', orgCode: 'BMI-AT', role: 'member', kind: 'Donor' },
  { key: 'secretariat', name: 'Lejla Hadžić', orgCode: 'IISG-SEC', role: 'secretariat', kind: 'IISG Secretariat' },
] as const satisfies readonly { key: string; name: string; orgCode: string; role: Role; kind: string }[];

export type DemoKey = (typeof DEMO_PEOPLE)[number]['key'];
export const DEMO_KEYS = DEMO_PEOPLE.map((d) => d.key) as [DemoKey, ...DemoKey[]];

export const demoEmail = (key: string) => `demo-${key}@console.invalid`;
const isDemo = (p: PersonDoc) => /^demo-[a-z]+@console\.invalid$/.test(p.email);

export interface DemoOffer {
  key: DemoKey;
  name: string;
  orgName: string;
  roleLabel: string;
  kind: string;
}

/** The demo people to offer: all of them while the roster has only demo people (or none), else none. */
export function demoOffers(people: PersonDoc[], orgs: Map<string, OrganisationDoc>): DemoOffer[] {
  if (people.some((p) => !isDemo(p))) return [];
  return DEMO_PEOPLE.filter((d) => orgs.get(d.orgCode)?.active).map((d) => ({
    key: d.key,
    name: d.name,
    orgName: designateKosovo(orgs.get(d.orgCode)!.shortName),
    roleLabel: ROLES.labels[d.role],
    kind: d.kind,
  }));
}

const TYPE_ORDER = new Map<string, number>(ORG_TYPES.codes.map((c, i) => [c, i]));
const byName = new Intl.Collator('en', { sensitivity: 'base' });

/** Organisations as a person looks for them: by type (partners first, the Secretariat last), then by name. */
export function compareOrganisations(a: { type: OrgType | string; shortName: string }, b: { type: OrgType | string; shortName: string }): number {
  return (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99) || byName.compare(a.shortName, b.shortName);
}

/** People in the order of their organisations, then by name. */
export function comparePeople(orgs: Map<string, OrganisationDoc>) {
  const orgOf = (p: PersonDoc) => orgs.get(p.orgCode) ?? { type: '', shortName: p.orgCode };
  return (a: PersonDoc, b: PersonDoc) => compareOrganisations(orgOf(a), orgOf(b)) || byName.compare(a.name, b.name);
}
