import type { OrganisationInput } from '../db/repositories/organisations.repository';

/**
 * The Support Group as listed on the WBBSi page (19 members), plus the IISG Secretariat, which
 * facilitates the group and does not report to itself. Loaded on first start; the Secretariat
 * edits it with `wbbsi roster import`.
 */
export const DEFAULT_ORGANISATIONS: OrganisationInput[] = [
  { code: 'DG-NEAR', shortName: 'DG NEAR', type: 'eu-institution', name: 'European Commission – Directorate-General for European Neighbourhood Policy and Enlargement Negotiations' },
  { code: 'EU-JHA', shortName: 'EU JHA agencies', type: 'eu-agency', name: 'EU Justice and Home Affairs agencies (upon notification to the Board)' },
  { code: 'MOI-AL', shortName: 'Albania MoI', type: 'wb-partner', country: 'AL', name: 'Albania: Ministry of Interior, including relevant bodies for border security' },
  { code: 'MOS-BA', shortName: 'Bosnia and Herzegovina MoS', type: 'wb-partner', country: 'BA', name: 'Bosnia and Herzegovina: Ministry of Security, including relevant bodies for border security' },
  { code: 'MOI-XK', shortName: 'Kosovo* MoI', type: 'wb-partner', country: 'XK', name: 'Kosovo*: Ministry of Interior, including relevant bodies for border security' },
  { code: 'MOI-ME', shortName: 'Montenegro MoI', type: 'wb-partner', country: 'ME', name: 'Montenegro: Ministry of Interior, including relevant bodies for border security' },
  { code: 'MOI-MK', shortName: 'North Macedonia MoI', type: 'wb-partner', country: 'MK', name: 'North Macedonia: Ministry of Interior, including relevant bodies for border security' },
  { code: 'MOI-RS', shortName: 'Serbia MoI', type: 'wb-partner', country: 'RS', name: 'Serbia: Ministry of Interior, including relevant bodies for border security' },
  { code: 'RCC', shortName: 'RCC', type: 'regional-org', name: 'Regional Cooperation Council – Political Department' },
  { code: 'BMI-AT', shortName: 'Austria MoI', type: 'member-state', name: 'Austria – Federal Ministry of the Interior' },
  { code: 'MNZ-SI', shortName: 'Slovenia MoI', type: 'member-state', name: 'Slovenia – Ministry of the Interior' },
  { code: 'UNODC', shortName: 'UNODC', type: 'international-org', name: 'UNODC – United Nations Office on Drugs and Crime' },
  { code: 'PCC-SEE', shortName: 'PCC SEE', type: 'regional-org', name: 'PCC SEE – Police Cooperation Convention for Southeast Europe' },
  { code: 'DCAF', shortName: 'DCAF', type: 'international-org', name: 'DCAF – Geneva Centre for Security Sector Governance' },
  { code: 'FR-RSC', shortName: 'France RSC', type: 'member-state', name: 'France – Regional Security Coordinator for the Western Balkans' },
  { code: 'IT-MOI', shortName: 'Italy MoI', type: 'member-state', name: 'Italy – Ministry of the Interior' },
  { code: 'UK-RSC', shortName: 'United Kingdom RSC', type: 'member-state', name: 'United Kingdom – Regional Security Coordinator for the Western Balkans' },
  { code: 'OSCE-BIH', shortName: 'OSCE Mission to BiH', type: 'international-org', name: 'OSCE – Organization for Security and Co-operation in Europe, Mission to Bosnia and Herzegovina' },
  { code: 'GIZ', shortName: 'GIZ', type: 'implementer', name: 'GIZ – Deutsche Gesellschaft für Internationale Zusammenarbeit, Sarajevo Regional Office' },
  { code: 'IISG-SEC', shortName: 'IISG Secretariat', type: 'secretariat', reporting: false, name: 'IISG Secretariat (hosted by the Regional Cooperation Council)' },
];

export const MEMBER_ORGANISATION_COUNT = DEFAULT_ORGANISATIONS.filter((o) => o.type !== 'secretariat').length;
