import type { ProductSeed } from '../db/repositories/products.repository';
import { SYSTEM_ACTOR, type Actor } from '../domain/actor';

/**
 * The Support Group's products as the WBBSi page lists them (seed/000_d58c93c44dced8b4.txt),
 * loaded once when the database has no products.
 *
 * How the flattened page was read. It has four headings in a row — "Support Group Members",
 * "Decision making process", "Accomplished Products", "Products in process" — followed by the
 * first member (DG NEAR), then three bullet lists, then the other members. The headings are tabs
 * whose contents were flattened in order, so the three lists belong, in order, to the last three
 * headings:
 *  1. Decision making process (11 bullets): the kinds of documents that go through the decision
 *     chain (methodologies and templates, mapping reports, database analysis, proposals to the
 *     Board) followed by the chain itself ("IISG Secretariat consulting members…", "Support Group
 *     proposing to the IISG Board…", "IISG Board making decisions"). Nothing in it is seeded: its
 *     documents reappear in the two product lists (e.g. "Methodology on response mapping",
 *     "Methodology on IISG Database", "Methodology on Support Group contribution and procedures"
 *     are "in process", which they could not be if this list were the accomplished one), and its
 *     last three bullets are process steps, which PRODUCT_STAGES models (consultation → proposed →
 *     adopted/returned/rejected). "Proposal/s to the IISG Board" is the "proposed" stage of a product.
 *  2. Accomplished Products (10 bullets) → stage "adopted". Three bullets are activities, not
 *     documents to consult on or decide, and are skipped: "Working Group WBBSi Pillar Meetings",
 *     "Cross-Cutting Working Group Pillar Meetings", "Thematic WBBSi meetings" (meetings are
 *     recorded as meetings). "Governing bodies in WB" is kept as kind "other": read as the
 *     overview of the governing bodies in the Western Balkans the Secretariat produced.
 *  3. Products in process (5 bullets) → stage "drafting".
 * Titles keep the page's wording, with stray articles and punctuation tidied. Neither versions nor
 * links are on the page: every seed is version 1.0 without a link (`product set` adds them).
 */
/** Who the initial list is recorded as coming from, in the stage history and the audit log. */
export const SEED_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'IISG Secretariat (initial list)' };

const ACCOMPLISHED = 'Listed under "Accomplished Products" on the WBBSi page (initial list).';
const IN_PROCESS = 'Listed under "Products in process" on the WBBSi page (initial list).';

export const SEED_PRODUCTS: ProductSeed[] = [
  { title: 'Methodology and templates on mapping needs', kind: 'methodology', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Methodology on becoming an IISG member', kind: 'methodology', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Review of the relevant WB and EU documents related to the WBBSi pillar', kind: 'report', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Governing bodies in the WB', kind: 'other', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Communication Strategy and Action Plan', kind: 'strategy', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Mapping needs report', kind: 'report', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Narrative reporting on WBBSi needs mapping', kind: 'report', stage: 'adopted', note: ACCOMPLISHED },
  { title: 'Response mapping report', kind: 'report', stage: 'drafting', note: IN_PROCESS },
  { title: 'Methodology on response mapping', kind: 'methodology', stage: 'drafting', note: IN_PROCESS },
  { title: 'Methodology on IISG database', kind: 'methodology', stage: 'drafting', note: IN_PROCESS },
  { title: 'Analysing the IISG database', kind: 'report', stage: 'drafting', note: IN_PROCESS },
  { title: 'Methodology on Support Group contribution and procedures', kind: 'methodology', stage: 'drafting', note: IN_PROCESS },
];

/** Bullets of the page deliberately not loaded as products (see above); tests check none slipped in. */
export const SKIPPED_SEED_BULLETS = [
  'Working Group WBBSi Pillar Meetings',
  'Cross-Cutting Working Group Pillar Meetings',
  'Thematic WBBSi meetings',
  'IISG Secretariat consulting members on methodologies and products',
  'Support Group proposing to the IISG Board the methodologies and products',
  'IISG Board making decisions',
  'Proposal/s to the IISG Board',
];
