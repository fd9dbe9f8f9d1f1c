/**
 * Every enumeration the bot knows, in one place. The Secretariat edits this file (and only this
 * file) to rename a theme or add a status; schemas, forms, reports and renderers all read from here.
 * Each list is [code, label] pairs: codes are stored, labels are shown.
 */

function vocab<const T extends readonly (readonly [string, string])[]>(pairs: T) {
  const codes = pairs.map(([c]) => c) as unknown as { [K in keyof T]: T[K][0] };
  const labels: Record<string, string> = Object.fromEntries(pairs);
  return { pairs, codes: codes as unknown as [T[number][0], ...T[number][0][]], labels };
}
export type Vocab = ReturnType<typeof vocab>;

export const PILLARS = vocab([
  ['WBBSi', 'Western Balkan Border Security initiative'],
  ['WBCTi', 'Western Balkan Counter-Terrorism initiative'],
  ['WBCSCi', 'Western Balkan Countering Serious Crime initiative'],
] as const);
export const DEFAULT_PILLAR = 'WBBSi';

/** Kosovo is always shown with an asterisk and the designation footnote (see src/domain/kosovo.ts). */
export const COUNTRIES = vocab([
  ['AL', 'Albania'],
  ['BA', 'Bosnia and Herzegovina'],
  ['XK', 'Kosovo*'],
  ['ME', 'Montenegro'],
  ['MK', 'North Macedonia'],
  ['RS', 'Serbia'],
] as const);
export type CountryCode = (typeof COUNTRIES.codes)[number];

/** Beneficiaries: the six partners, or the region as a whole. */
export const BENEFICIARIES = vocab([...COUNTRIES.pairs, ['REGIONAL', 'Regional (all six)']] as const);

export const ORG_TYPES = vocab([
  ['wb-partner', 'Western Balkan partner'],
  ['eu-institution', 'EU institution'],
  ['eu-agency', 'EU agency'],
  ['member-state', 'EU member state or partner government'],
  ['international-org', 'International organisation'],
  ['regional-org', 'Regional organisation'],
  ['implementer', 'Implementing agency'],
  ['secretariat', 'IISG Secretariat'],
] as const);
export type OrgType = (typeof ORG_TYPES.codes)[number];

export const ROLES = vocab([
  ['secretariat', 'IISG Secretariat'],
  ['member', 'Support Group member'],
  ['board', 'IISG Board'],
  ['observer', 'Observer'],
] as const);
export type Role = (typeof ROLES.codes)[number];

/** Aligned to the components of EU integrated border management. */
export const THEMES = vocab([
  ['legal-strategic', 'Legal and strategic framework'],
  ['border-checks', 'Border checks'],
  ['border-surveillance', 'Border surveillance'],
  ['risk-analysis', 'Risk analysis'],
  ['cooperation', 'Inter-agency and international cooperation'],
  ['information-exchange', 'Information exchange and IT systems'],
  ['asylum-reception', 'Asylum, reception and registration'],
  ['return-readmission', 'Return and readmission'],
  ['visa-policy', 'Visa policy alignment'],
  ['document-security', 'Document security'],
  ['migrant-smuggling', 'Migrant smuggling'],
  ['trafficking', 'Trafficking in human beings'],
  ['firearms', 'Firearms'],
  ['cross-border-crime', 'Other cross-border crime'],
  ['training', 'Training'],
  ['equipment', 'Equipment and infrastructure'],
  ['fundamental-rights', 'Fundamental rights, vulnerable groups and gender'],
  ['governance-integrity', 'Governance and integrity'],
] as const);
export type Theme = (typeof THEMES.codes)[number];

export const UPDATE_KINDS = vocab([
  ['law', 'Law'],
  ['implementing-decision', 'Implementing decision'],
  ['strategy', 'Strategy'],
  ['action-plan', 'Action plan'],
  ['action', 'Action or project'],
] as const);

export const UPDATE_STAGES = vocab([
  ['draft', 'Draft'],
  ['public-consultation', 'Public consultation'],
  ['adopted', 'Adopted'],
  ['in-force', 'In force'],
  ['amended', 'Amended'],
  ['repealed', 'Repealed or expired'],
] as const);

export const NEED_TYPES = vocab([
  ['legislative', 'Legislative'],
  ['institutional', 'Institutional'],
  ['operational', 'Operational'],
] as const);

export const PERSPECTIVES = vocab([
  ['prevention', 'Prevention'],
  ['response', 'Response'],
] as const);

export const PRIORITIES = vocab([
  ['high', 'High'],
  ['medium', 'Medium'],
  ['low', 'Low'],
] as const);

export const TIMEFRAMES = vocab([
  ['short', 'Short term (up to 1 year)'],
  ['medium', 'Medium term (1 to 3 years)'],
  ['long', 'Long term (over 3 years)'],
] as const);

/** The decision chain: Secretariat → Support Group → Board. */
export const NEED_STATUSES = vocab([
  ['proposed', 'Proposed'],
  ['validated', 'Validated by the partner'],
  ['agreed', 'Agreed by the Support Group'],
  ['adopted', 'Adopted by the Board'],
  ['closed', 'Closed'],
] as const);

export const ASSISTANCE_TYPES = vocab([
  ['technical-assistance', 'Technical assistance'],
  ['training', 'Training'],
  ['equipment', 'Equipment or infrastructure'],
  ['twinning', 'Twinning or TAIEX'],
  ['operational-deployment', 'Operational deployment'],
  ['study', 'Study'],
  ['grant', 'Grant'],
] as const);

export const RESPONSE_STATUSES = vocab([
  ['pipeline', 'Pipeline'],
  ['implementation', 'Implementation'],
  ['finalisation', 'Finalisation'],
  ['closed', 'Closed'],
  ['cancelled', 'Cancelled'],
  ['suspended', 'Suspended'],
] as const);

export const COVERAGE_LEVELS = vocab([
  ['full', 'Fully'],
  ['partial', 'Partly'],
  ['contributes', 'Contributes'],
] as const);

/** Derived, never entered: see src/reports/coverage.ts. */
export const NEED_COVERAGE = vocab([
  ['uncovered', 'Uncovered'],
  ['partial', 'Partly covered'],
  ['covered', 'Covered'],
  ['duplication', 'Possible duplication'],
] as const);

export const MEETING_TYPES = vocab([
  ['board', 'IISG Board'],
  ['support-group', 'Support Group (pillar)'],
  ['cross-pillar', 'Cross-pillar'],
  ['national-thematic', 'National or thematic'],
  ['bilateral', 'Bilateral'],
] as const);

export const ACTION_ITEM_STATUSES = vocab([
  ['open', 'Open'],
  ['done', 'Done'],
  ['dropped', 'Dropped'],
] as const);

export const CHECKIN_STATES = vocab([
  ['submitted', 'Reported'],
  ['nil-return', 'Nothing new'],
  ['exempt', 'Exempt'],
  ['overdue', 'Overdue'],
  ['due', 'Due'],
] as const);

export const RECORD_STATUSES = vocab([
  ['active', 'Active'],
  ['retired', 'Retired'],
] as const);

export const PRODUCT_KINDS = vocab([
  ['methodology', 'Methodology'],
  ['template', 'Template'],
  ['report', 'Report'],
  ['strategy', 'Strategy'],
  ['other', 'Other'],
] as const);

export const PRODUCT_STAGES = vocab([
  ['drafting', 'Drafting'],
  ['consultation', 'In consultation'],
  ['proposed', 'Proposed to the Board'],
  ['adopted', 'Adopted'],
  ['returned', 'Returned for revision'],
  ['rejected', 'Rejected'],
] as const);

export const SENSITIVITY = vocab([
  ['members', 'IISG members only'],
  ['secretariat', 'Secretariat only'],
] as const);

/** Text that carries any of these markings is refused: chat platforms are not accredited for it. */
export const CLASSIFICATION_MARKINGS = [
  'RESTREINT UE',
  'EU RESTRICTED',
  'CONFIDENTIEL UE',
  'EU CONFIDENTIAL',
  'SECRET UE',
  'EU SECRET',
  'TRES SECRET UE',
  'TOP SECRET',
  'CONFIDENTIAL',
  'CONFIDENTIEL',
  'SECRET',
  'RESTRICTED',
  'NATO RESTRICTED',
  'NATO CONFIDENTIAL',
  'CLASSIFIED',
  'STROGO POVERLJIVO',
  'POVJERLJIVO',
  'POVERLJIVO',
  'DRŽAVNA TAJNA',
  'SEKRET',
  'KONFIDENCIAL',
] as const;
