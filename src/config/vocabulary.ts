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

/**
 * The decision chain of a need: proposed by the partner → validated by the Secretariat → discussed by
 * the Support Group → proposed to the Board → adopted, returned for revision or rejected by the Board.
 * Who may take which step is in src/domain/need-chain.ts. The code `agreed` is kept from the first
 * version (stored needs carry it); it reads "Discussed by the Support Group".
 */
export const NEED_STATUSES = vocab([
  ['proposed', 'Proposed by the partner'],
  ['validated', 'Validated by the Secretariat'],
  ['agreed', 'Discussed by the Support Group'],
  ['to-board', 'Proposed to the Board'],
  ['adopted', 'Adopted by the Board'],
  ['returned', 'Returned for revision'],
  ['rejected', 'Rejected by the Board'],
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
  ['not-due', 'Not due'],
] as const);

/** Retired: no longer current (still counted for its quarter). Withdrawn: entered by mistake, out of every report and count. */
export const RECORD_STATUSES = vocab([
  ['active', 'Active'],
  ['retired', 'Retired'],
  ['withdrawn', 'Withdrawn'],
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

/**
 * Classification markings: text carrying one is refused, because the chat platforms are not accredited
 * for classified information (src/domain/classification.ts applies this list; edit only here).
 *
 * How a term is matched: on normalised text (Unicode NFKC, so full-width letters count; zero-width and
 * other invisible characters removed; accents dropped; Cyrillic read as its Latin transliteration and
 * Cyrillic or Greek look-alike letters as Latin), case-insensitively, with any run of spaces, hyphens,
 * dashes, slashes, dots, underscores or line breaks between its words, and never inside a longer word
 * ("secret" in "the Secretariat" is no marking).
 *
 * `kind` decides when prose may use the term:
 * - 'marking': a term of art that ordinary sentences do not use: refused however it is written.
 * - 'word': also an ordinary word in English or a partner's language ("a secret ballot", "confidential
 *   talks", "interno", "povjerljivo"): refused only when written the way markings are, i.e. with a
 *   capital letter after the first letter of a word (SECRET, ПОВЕРЉИВО, SeCrEt), or standing alone on
 *   its line (a header or footer such as "Confidential" or "- Interno -"). Not when it follows an
 *   apostrophe ("Ministero dell'INTERNO") or "non"/"not" ("NON-CLASSIFIED").
 *
 * `source`: where the term comes from. Where a level name was not confirmed in a text read for this
 * list, the source says so.
 */
export interface ClassificationMarking {
  term: string;
  kind: 'marking' | 'word';
  source: string;
}

const EU_DECISION = 'EU: Council Decision 2013/488/EU on the security rules for protecting EU classified information, Art. 2 (TRÈS SECRET UE/EU TOP SECRET … RESTREINT UE/EU RESTRICTED)';
const NATO = 'NATO: security policy C-M(2002)49 levels (not confirmed in a text read for this list)';
const GENERIC = 'English and French national levels, and the second halves of the EU markings';
const RS = 'Serbia: Law on Data Secrecy (Zakon o tajnosti podataka), Službeni glasnik RS 104/2009, Art. 14; Cyrillic as in the Government decrees under Art. 14 (Sl. glasnik RS 46/2013)';
const ME = 'Montenegro: Law on Data Secrecy (Zakon o tajnosti podataka), Službeni list CG 14/2008 as amended (STROGO TAJNO, TAJNO, POVJERLJIVO as cited by the e-Uprava service of the Directorate for the Protection of Classified Information; INTERNO not confirmed in a text read for this list)';
const BA = 'Bosnia and Herzegovina: Law on the Protection of Classified Information (Zakon o zaštiti tajnih podataka), Službeni glasnik BiH 54/05, 12/09 (level names from the published equivalence tables, not confirmed in the text of the law read for this list; Cyrillic is our transliteration)';
const MK = 'North Macedonia: Law on Classified Information (Закон за класифицирани информации), Služben vesnik 275/2019 (level names not confirmed in the text of the law read for this list; Latin is our transliteration)';
const AL = 'Albania: Law 10/2023 on Classified Information and before it Law 8457/1999 on information classified "sekret shtetëror" (I KUFIZUAR confirmed by the NSA FAQ, nsa.gov.al; the other level names from the published equivalence tables)';
const XK = 'Kosovo*: Law No. 03/L-178 on Classification of Information and Security Clearances, Official Gazette 76/2010 (level names in Albanian not confirmed in the text of the law read for this list)';
const OLD_YU = 'Former Yugoslav marking still seen on documents in the region (ijekavian spelling of the Serbian level); not a level in the current laws read for this list';

const m = (term: string, source: string): ClassificationMarking => ({ term, kind: 'marking', source });
const w = (term: string, source: string): ClassificationMarking => ({ term, kind: 'word', source });

export const CLASSIFICATION_MARKINGS: readonly ClassificationMarking[] = [
  m('TRÈS SECRET UE', EU_DECISION), m('SECRET UE', EU_DECISION), m('CONFIDENTIEL UE', EU_DECISION), m('RESTREINT UE', EU_DECISION),
  m('EU TOP SECRET', EU_DECISION), m('EU SECRET', EU_DECISION), m('EU CONFIDENTIAL', EU_DECISION), w('EU RESTRICTED', EU_DECISION),
  m('COSMIC TOP SECRET', NATO), m('NATO SECRET', NATO), m('NATO CONFIDENTIAL', NATO), w('NATO RESTRICTED', NATO),
  w('TOP SECRET', GENERIC), w('SECRET', GENERIC), w('CONFIDENTIAL', GENERIC), w('CONFIDENTIEL', GENERIC), w('RESTRICTED', GENERIC), w('CLASSIFIED', GENERIC),
  w('DRŽAVNA TAJNA', RS), m('STROGO POVERLJIVO', RS), w('POVERLJIVO', RS), w('INTERNO', RS),
  w('ДРЖАВНА ТАЈНА', RS), m('СТРОГО ПОВЕРЉИВО', RS), w('ПОВЕРЉИВО', RS), w('ИНТЕРНО', RS),
  m('STROGO TAJNO', ME), w('TAJNO', ME), w('POVJERLJIVO', ME), w('INTERNO', ME),
  m('СТРОГО ТАЈНО', ME), w('ТАЈНО', ME), w('ПОВЈЕРЉИВО', ME),
  w('VRLO TAJNO', BA), w('TAJNO', BA), w('POVJERLJIVO', BA), w('INTERNO', BA), w('ВРЛО ТАЈНО', BA),
  w('ДРЖАВНА ТАЈНА', MK), m('СТРОГО ДОВЕРЛИВО', MK), w('ДОВЕРЛИВО', MK), w('ИНТЕРНО', MK), m('STROGO DOVERLIVO', MK), w('DOVERLIVO', MK),
  m('TEPËR SEKRET', AL), w('SEKRET', AL), w('KONFIDENCIAL', AL), w('I KUFIZUAR', AL), w('SEKRET SHTETËROR', AL),
  m('TEPËR SEKRET', XK), w('SEKRET', XK), w('KONFIDENCIAL', XK), w('E KUFIZUAR', XK),
  m('STROGO POVJERLJIVO', OLD_YU), m('СТРОГО ПОВЈЕРЉИВО', OLD_YU),
];
